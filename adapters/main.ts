import { loadDotenv } from './env.js';
import { CorpusError, ConfigError, createStreamLogger, formatCorpusProblem, loadCoreConfig, Storybot } from '../src/index.js';
import { runChat } from './terminal/chat.js';

/**
 * `npm start`: loads the corpus once, then starts every front door whose credentials are set, all
 * sharing one index. With none set it opens the terminal chat over the corpus.
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
    bot = await Storybot.load(config.CORPUS_DIR, { logger, answer: { top: config.MAX_EXCERPTS } });
  } catch (error) {
    if (!(error instanceof CorpusError)) throw error;
    process.stderr.write(`The corpus could not be loaded:\n${error.problems.map((p) => `  ${formatCorpusProblem(p)}`).join('\n')}\n`);
    return 1;
  }
  const color = process.stdout.isTTY && process.env['NO_COLOR'] === undefined;
  await runChat(bot, { input: process.stdin, output: process.stdout, isInteractive: process.stdin.isTTY, style: { color } });
  return 0;
}

loadDotenv();
process.exitCode = await main();
