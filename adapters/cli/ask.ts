import { createInterface } from 'node:readline';
import { ConfigError, coreEnvSchema, CorpusError, formatCorpusProblem, limitsWithCorpusMB, parseEnv, Storybot } from '../../src/index.js';
import { cleanLine } from '../terminal/clean.js';
import { answerToJson, formatAnswer } from '../terminal/format.js';
import type { CliRequest } from './args.js';

/**
 * Answers what `npm run ask` was asked: one answer for people or as JSON, or JSON lines from stdin.
 * Returns the exit code: 0 answered or declined, 1 corpus error (every bad file named), 2 unknown article.
 */
export async function answerRequest(request: CliRequest): Promise<number> {
  let bot: Storybot;
  try {
    // The bot's corpus and index cache (CORPUS_DIR, INDEX_CACHE_DIR): one question of a large corpus is
    // answered from the cached index, not a new one every time.
    const config = parseEnv(coreEnvSchema.pick({ CORPUS_DIR: true, INDEX_CACHE_DIR: true, CORPUS_MAX_MB: true }), process.env);
    const cache = config.INDEX_CACHE_DIR === 'off' ? {} : { cacheDir: config.INDEX_CACHE_DIR };
    // Strict, unlike the bot: a one-off answer from part of the corpus would go unnoticed.
    bot = await Storybot.load(request.corpus ?? config.CORPUS_DIR, {
      strict: true,
      limits: limitsWithCorpusMB(config.CORPUS_MAX_MB),
      ...cache,
    });
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    if (!(error instanceof CorpusError)) throw error;
    process.stderr.write(
      `The corpus could not be loaded:\n${error.problems.map((p) => `  ${cleanLine(formatCorpusProblem(p))}`).join('\n')}\n`,
    );
    return 1;
  }
  const options = {
    ...(request.top === undefined ? {} : { top: request.top }),
    ...(request.article === undefined ? {} : { article: request.article }),
  };
  if (request.article !== undefined && !bot.articles().some((article) => article.id === request.article)) {
    const ids = bot.articles().map((article) => article.id);
    process.stderr.write(
      `No article has the id "${cleanLine(request.article)}". Ids: ${cleanLine(ids.slice(0, 20).join(', '))}${ids.length > 20 ? ', …' : ''}\n`,
    );
    return 2;
  }
  if (request.kind === 'jsonl') {
    // One line in, one line out, flushed as each is answered, so a script can converse with it.
    for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
      process.stdout.write(`${JSON.stringify(answerToJson(bot.ask(line, options)))}\n`);
    }
    return 0;
  }
  const answer = bot.ask(request.question, options);
  const color = process.stdout.isTTY && process.env['NO_COLOR'] === undefined;
  process.stdout.write(request.json ? `${JSON.stringify(answerToJson(answer))}\n` : `${formatAnswer(answer, { color })}\n`);
  return 0;
}
