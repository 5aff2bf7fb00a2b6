import type { BotCore, Logger } from '../../src/index.js';
import type { SlackMessage } from './render.js';
import { renderReloadAlert } from './render-corpus.js';

/**
 * Tells the admin channel about reloads that matter: one that found problems, and the first good one
 * after it. `post` is the only effect; its failures are logged, never thrown (a reload must not fail
 * because Slack could not be told). Returns the function that stops listening.
 *
 * @example const stop = alertAdminChannel(bot, (message) => postToChannel(message), logger);
 */
export function alertAdminChannel(
  bot: Pick<BotCore, 'onReload'>,
  post: (message: SlackMessage) => Promise<void>,
  logger: Logger,
): () => void {
  return bot.onReload((outcome, hadProblems) => {
    const context = { ok: outcome.ok, hadProblems };
    const failed = (error: unknown) =>
      logger('error', 'could not post to the admin channel', 'slack.admin_alert_failed', { ...context, error });
    try {
      const message = renderReloadAlert(outcome, hadProblems);
      if (message === undefined) return;
      void post(message).then(() => logger('info', 'told the admin channel about a reload', 'slack.admin_alert', context), failed);
    } catch (error) {
      // The core calls listeners inside reload(): nothing here may throw into it.
      failed(error);
    }
  });
}
