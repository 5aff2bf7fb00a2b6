import type { BotCore, Logger } from '../../src/index.js';
import type { SlackMessage } from './render.js';
import { renderReloadAlert, renderStartAlert } from './render-corpus.js';

/**
 * Tells the admin channel about reloads that matter: one that found problems, and the first good one
 * after it; and, when the bot starts with a corpus that has problems, those. `post` is the only effect; its
 * failures are logged, never thrown (a reload must not fail because Slack could not be told). Returns the
 * function that stops listening.
 *
 * @example const stop = alertAdminChannel(bot, (message) => postToChannel(message), logger);
 */
export function alertAdminChannel(
  bot: Pick<BotCore, 'onReload' | 'status'>,
  post: (message: SlackMessage) => Promise<void>,
  logger: Logger,
): () => void {
  const tell = (message: SlackMessage | undefined, context: { ok: boolean; hadProblems: boolean }) => {
    const failed = (error: unknown) =>
      logger('error', 'could not post to the admin channel', 'slack.admin_alert_failed', { ...context, error });
    if (message === undefined) return;
    void post(message).then(() => logger('info', 'told the admin channel about a reload', 'slack.admin_alert', context), failed);
  };
  const status = bot.status();
  if (status.rejected.length > 0) tell(renderStartAlert(status), { ok: false, hadProblems: false });
  return bot.onReload((outcome, hadProblems) => {
    const context = { ok: outcome.ok, hadProblems };
    try {
      tell(renderReloadAlert(outcome, hadProblems), context);
    } catch (error) {
      // The core calls listeners inside reload(): nothing here may throw into it.
      logger('error', 'could not post to the admin channel', 'slack.admin_alert_failed', { ...context, error });
    }
  });
}
