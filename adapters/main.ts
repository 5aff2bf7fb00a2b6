import { loadDotenv } from './env.js';
import {
  ConfigError,
  CorpusError,
  createStreamLogger,
  formatCorpusProblem,
  loadCoreConfig,
  Storybot,
  UsageLog,
  watchCorpus,
  type Logger,
} from '../src/index.js';
import { runChat } from './terminal/chat.js';

/**
 * `npm start`: loads the corpus once, then starts every front door whose credentials are set, all
 * sharing one index. With none set it opens the terminal chat over the corpus. The corpus directory is
 * watched: changed files are validated and swapped in while the bot runs (SIGHUP forces a reload).
 */
async function main(): Promise<number> {
  let config;
  try {
    config = loadCoreConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return 1;
  }
  const logger = createStreamLogger(process.stderr, config.LOG_LEVEL);
  let bot: Storybot;
  try {
    const usage = config.USAGE_LOG_DIR === 'off' ? {} : { usage: new UsageLog(config.USAGE_LOG_DIR, logger) };
    bot = await Storybot.load(config.CORPUS_DIR, { logger, answer: { top: config.MAX_EXCERPTS }, ...usage });
  } catch (error) {
    if (!(error instanceof CorpusError)) throw error;
    process.stderr.write(`The corpus could not be loaded:\n${error.problems.map((p) => `  ${formatCorpusProblem(p)}`).join('\n')}\n`);
    return 1;
  }
  const stopWatching = keepCorpusFresh(bot, config.CORPUS_DIR, logger);
  const color = process.stdout.isTTY && process.env['NO_COLOR'] === undefined;
  await runChat(bot, { input: process.stdin, output: process.stdout, isInteractive: process.stdin.isTTY, style: { color } });
  stopWatching();
  return 0;
}

/** Reloads when the corpus directory settles after a change, and on SIGHUP. Returns a function that stops both. */
function keepCorpusFresh(bot: Storybot, dir: string, logger: Logger): () => void {
  const reload = (reason: string) => {
    logger('info', `reloading the corpus (${reason})`, 'corpus.reloading', { dir });
    bot.reload().catch((error: unknown) => logger('error', 'corpus reload failed', 'corpus.reload_failed', { error }));
  };
  const watcher = watchCorpus(dir, () => reload('files changed'), { logger });
  const onHangup = () => reload('SIGHUP');
  process.on('SIGHUP', onHangup);
  return () => {
    watcher.close();
    process.off('SIGHUP', onHangup);
  };
}

loadDotenv();
process.exitCode = await main();
