import type { App, RespondFn } from '@slack/bolt';
import { handleQuestion, questionFromSlack, type ReplyPort, type SlackDeps } from '../../ask.js';
import { handleCorpusCommand } from '../../corpus.js';
import { acknowledge } from '../acknowledge.js';

/**
 * `/ask <question>` (or `/ask in:<document-id> <question>`): an ephemeral answer with a "Share in channel" button. `/corpus status|reload`: admins
 * only. Both ack first (Slack wants it within 3 seconds), then answer through the response_url, even
 * when the ack could not be sent.
 */
export function register(app: App, deps: SlackDeps): void {
  app.command('/ask', async ({ command, ack, respond }) => {
    await acknowledge(() => ack(), deps.logger, { handler: 'ask', userId: command.user_id });
    const question = { userId: command.user_id, text: questionFromSlack(command.text, undefined), via: 'command' as const };
    await handleQuestion(question, privately(respond), deps, { share: true });
  });

  app.command('/corpus', async ({ command, ack, respond }) => {
    await acknowledge(() => ack(), deps.logger, { handler: 'corpus', userId: command.user_id });
    await handleCorpusCommand({ userId: command.user_id, text: command.text }, privately(respond), deps.admin);
  });
}

/** A reply port answering only the person who acted, through the response_url. */
export function privately(respond: RespondFn, threadTs?: string): ReplyPort {
  return {
    async send({ text, blocks }) {
      const thread = threadTs === undefined ? {} : { thread_ts: threadTs };
      await respond({ response_type: 'ephemeral', replace_original: false, text, blocks, ...thread });
    },
  };
}
