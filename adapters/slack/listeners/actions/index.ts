import type { App, BlockAction, ButtonAction, RespondFn } from '@slack/bolt';
import { handleFeedback, handleFullParagraph, handleMoreSources, handleShare, type ReplyPort, type SlackDeps } from '../../ask.js';
import { actionIds } from '../../render.js';
import { acknowledge } from '../acknowledge.js';
import { privately } from '../commands/index.js';

/**
 * The answer's buttons. Each acks first (and answers even when the ack could not be sent). "Share in channel" posts the answer for everyone and removes
 * the ephemeral copy; "More sources", "Full paragraph", "Helpful" and "Not helpful" answer the clicker
 * only, in the same thread.
 */
export function register(app: App, deps: SlackDeps): void {
  app.action<BlockAction<ButtonAction>>({ type: 'block_actions', action_id: actionIds.share }, async ({ ack, action, body, respond }) => {
    await acknowledge(() => ack(), deps.logger, { handler: 'share', userId: body.user.id });
    await handleShare(action.value ?? '', body.user.id, inChannel(respond, deps), deps);
  });

  app.action<BlockAction<ButtonAction>>(
    { type: 'block_actions', action_id: actionIds.moreSources },
    async ({ ack, action, body, respond }) => {
      await acknowledge(() => ack(), deps.logger, { handler: 'more-sources', userId: body.user.id });
      await handleMoreSources(action.value ?? '', body.user.id, privately(respond, threadOf(body)), deps);
    },
  );

  app.action<BlockAction<ButtonAction>>(
    { type: 'block_actions', action_id: actionIds.fullParagraph },
    async ({ ack, action, body, respond }) => {
      await acknowledge(() => ack(), deps.logger, { handler: 'full-paragraph', userId: body.user.id });
      await handleFullParagraph(action.value ?? '', body.user.id, privately(respond, threadOf(body)), deps);
    },
  );

  for (const [actionId, isHelpful] of [
    [actionIds.helpful, true],
    [actionIds.notHelpful, false],
  ] as const) {
    app.action<BlockAction<ButtonAction>>({ type: 'block_actions', action_id: actionId }, async ({ ack, action, body, respond }) => {
      await acknowledge(() => ack(), deps.logger, { handler: 'feedback', userId: body.user.id });
      await handleFeedback(action.value ?? '', isHelpful, body.user.id, privately(respond, threadOf(body)), deps, answerOf(body));
    });
  }
}

/** Posts for the whole channel through the response_url, then deletes the ephemeral original. */
function inChannel(respond: RespondFn, deps: SlackDeps): ReplyPort {
  return {
    async send({ text, blocks }) {
      await respond({ response_type: 'in_channel', replace_original: false, text, blocks, unfurl_links: false, unfurl_media: false });
      try {
        await respond({ delete_original: true });
      } catch (error) {
        deps.logger('warn', 'could not remove the ephemeral answer after sharing it', 'slack.delete_failed', { error });
      }
    },
  };
}

/** The answer a click is on: its channel and message timestamp, as Slack names a message. */
function answerOf(body: BlockAction<ButtonAction>): string | undefined {
  const ts: unknown = body.container['message_ts'] ?? body.message?.ts;
  const channel: unknown = body.container['channel_id'] ?? body.channel?.id;
  return typeof ts === 'string' && typeof channel === 'string' ? `${channel}:${ts}` : undefined;
}

function threadOf(body: BlockAction<ButtonAction>): string | undefined {
  const threadTs: unknown = body.message?.['thread_ts'];
  return typeof threadTs === 'string' ? threadTs : undefined;
}
