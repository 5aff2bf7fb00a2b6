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
  type Env,
  type Logger,
} from '../src/index.js';
import { isDiscordConfigured, loadDiscordConfig } from './discord/config.js';
import { startDiscord } from './discord/start.js';
import { isSlackConfigured, loadSlackConfig } from './slack/config.js';
import { startSlack } from './slack/start.js';
import { runChat } from './terminal/chat.js';

/** A started front door. */
type Running = { readonly name: string; stop(): Promise<void> };

/**
 * `npm start`: loads the corpus once, then starts every front door whose credentials are set, all
 * sharing one bot and one index. With none set it opens the terminal chat over the corpus. The corpus
 * directory is watched: changed files are validated and swapped in while the bot runs (SIGHUP forces a
 * reload). SIGINT/SIGTERM stop every front door cleanly (in-flight replies finish) and exit 0.
 */
async function main(env: Env): Promise<number> {
  try {
    const config = loadCoreConfig(env);
    const logger = createStreamLogger(process.stderr, config.LOG_LEVEL);
    const usage = config.USAGE_LOG_DIR === 'off' ? undefined : new UsageLog(config.USAGE_LOG_DIR, logger);
    const bot = await Storybot.load(config.CORPUS_DIR, {
      logger,
      answer: { top: config.MAX_EXCERPTS },
      ...(usage ? { usage } : {}),
      ...(config.INDEX_CACHE_DIR === 'off' ? {} : { cacheDir: config.INDEX_CACHE_DIR }),
    });
    const stopWatching = keepCorpusFresh(bot, config.CORPUS_DIR, logger);
    const platforms = await startPlatforms(env, bot, logger);
    if (platforms.length === 0) {
      const color = process.stdout.isTTY && env['NO_COLOR'] === undefined;
      await runChat(bot, { input: process.stdin, output: process.stdout, isInteractive: process.stdin.isTTY, style: { color } });
    } else {
      await untilSignalled(['SIGINT', 'SIGTERM'], logger);
      await Promise.allSettled(platforms.map((platform) => platform.stop()));
    }
    stopWatching();
    await usage?.flush();
    return 0;
  } catch (error) {
    if (error instanceof ConfigError) process.stderr.write(`${error.message}\n`);
    else if (error instanceof CorpusError) process.stderr.write(`The corpus could not be loaded:\n${error.problems.map((p) => `  ${formatCorpusProblem(p)}`).join('\n')}\n`);
    else throw error;
    return 1;
  }
}

/** Starts each front door whose credentials are set; if one fails, stops the others and fails. */
async function startPlatforms(env: Env, bot: Storybot, logger: Logger): Promise<Running[]> {
  const running: Running[] = [];
  try {
    if (isDiscordConfigured(env)) {
      running.push({ name: 'discord', ...(await startDiscord({ config: loadDiscordConfig(env), bot, logger })) });
    }
    if (isSlackConfigured(env)) {
      running.push({ name: 'slack', ...(await startSlack({ config: loadSlackConfig(env), bot, logger })) });
    }
  } catch (error) {
    await Promise.allSettled(running.map((platform) => platform.stop()));
    throw error;
  }
  return running;
}

function untilSignalled(signals: readonly NodeJS.Signals[], logger: Logger): Promise<void> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      logger('info', `${signal}: finishing replies in flight, then stopping`, 'bot.stopping');
      for (const s of signals) process.off(s, onSignal);
      resolve();
    };
    for (const signal of signals) process.on(signal, onSignal);
  });
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
process.exitCode = await main(process.env);
