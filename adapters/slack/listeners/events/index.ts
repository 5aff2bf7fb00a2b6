import type { App } from '@slack/bolt';
import { handleQuestion, questionFromSlack, type ReplyPort, type SlackDeps } from '../../ask.js';
import { isFirstDelivery } from '../../dedupe.js';

type Client = App['client'];

/**
 * Listens for mentions (answered in a thread under the question, or in its thread) and direct
 * messages (answered in the DM). Bolt acks Events API deliveries before these run; redeliveries of an
 * event already seen are dropped here.
 */
export function register(app: App, deps: SlackDeps): void {
  app.event('app_mention', async ({ event, body, context, client }) => {
    if (event.bot_id !== undefined || event.user === undefined) return;
    const delivery = {
      eventId: body.event_id,
      channel: event.channel,
      ts: event.ts,
      retryNum: context.retryNum,
      retryReason: context.retryReason,
    };
    if (!(await isFirstDelivery(deps.state, delivery))) {
      logDuplicate(deps, delivery);
      return;
    }
    const question = { userId: event.user, text: questionFromSlack(event.text, context.botUserId), via: 'mention' as const };
    await handleQuestion(question, postTo(client, event.channel, event.thread_ts ?? event.ts), deps);
  });

  app.message(async ({ message, body, context, client }) => {
    if (message.channel_type !== 'im' || message.subtype !== undefined || message.bot_id !== undefined) return;
    const delivery = {
      eventId: body.event_id,
      channel: message.channel,
      ts: message.ts,
      retryNum: context.retryNum,
      retryReason: context.retryReason,
    };
    if (!(await isFirstDelivery(deps.state, delivery))) {
      logDuplicate(deps, delivery);
      return;
    }
    const question = { userId: message.user, text: questionFromSlack(message.text ?? '', context.botUserId), via: 'dm' as const };
    await handleQuestion(question, postTo(client, message.channel, message.thread_ts), deps);
  });
}

/** A reply port posting a message in `channel` (in the thread `threadTs` when given), without unfurls. */
export function postTo(client: Client, channel: string, threadTs: string | undefined): ReplyPort {
  return {
    async send({ text, blocks }) {
      const thread = threadTs === undefined ? {} : { thread_ts: threadTs };
      await client.chat.postMessage({ channel, text, blocks, unfurl_links: false, unfurl_media: false, ...thread });
    },
  };
}

function logDuplicate(deps: SlackDeps, delivery: { eventId: string | undefined; retryNum?: number | undefined }): void {
  deps.logger('debug', 'Slack redelivered an event already handled; not answering twice', 'slack.duplicate_event', delivery);
}
