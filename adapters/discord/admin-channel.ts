import { formatCorpusProblem, type BotCore, type Logger } from '../../src/index.js';
import { describeReloadAlert, describeStartAlert } from './corpus-text.js';

/** Sends one message to the admin channel (`POST /channels/{id}/messages`). */
export type PostMessage = (content: string) => Promise<unknown>;

/**
 * Tells the admin channel when the bot starts with a corpus that has problems, after each reload that
 * found problems, and after the first good reload that follows (the corpus recovered). A reload that
 * finds only the problems already reported stays quiet, so a file watcher firing on every save does not
 * repeat itself. Posting never throws: a failure is logged. `track` is given each post, so `stop()` can
 * let it finish.
 * @returns a function that stops watching.
 */
export function watchReloads(
  bot: Pick<BotCore, 'onReload' | 'status'>,
  post: PostMessage,
  logger: Logger,
  track: (posting: Promise<void>) => void = () => undefined,
): () => void {
  const { rejected } = bot.status();
  let reported = new Set(rejected.map(formatCorpusProblem));
  if (rejected.length > 0) track(postSafely(post, describeStartAlert(bot.status()), { ok: false, problems: rejected.length }, logger));
  return bot.onReload((outcome, hadProblems) => {
    const problems = outcome.ok ? new Set<string>() : new Set(outcome.problems.map(formatCorpusProblem));
    const isNew = [...problems].some((problem) => !reported.has(problem));
    reported = problems;
    const text = outcome.ok || isNew ? describeReloadAlert(outcome, hadProblems) : undefined;
    const context = { ok: outcome.ok, problems: outcome.ok ? 0 : outcome.problems.length };
    if (text !== undefined) track(postSafely(post, text, context, logger));
  });
}

async function postSafely(post: PostMessage, text: string, context: { ok: boolean; problems: number }, logger: Logger): Promise<void> {
  try {
    await post(text);
    logger('info', 'told the admin channel about a reload', 'discord.admin-channel.posted', context);
  } catch (error) {
    logger('warn', 'could not post to the admin channel', 'discord.admin-channel.failed', { ...context, error });
  }
}
