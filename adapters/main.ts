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
  type CoreConfig,
  type Env,
  type Logger,
  UnreachableError,
} from '../src/index.js';
import { isDiscordConfigured, loadDiscordConfig, shardFromEnv, type ShardPlace } from './discord/config.js';
import { isShardMessage } from './discord/shard-messages.js';
import { exitSoon, installLastResort } from './last-resort.js';
import { ShardStartError, startShardManager } from './discord/sharding.js';
import { startDiscord } from './discord/start.js';
import { isSlackConfigured, loadSlackConfig } from './slack/config.js';
import { startSlack } from './slack/start.js';
import { cleanLine } from './terminal/clean.js';
import { runChat } from './terminal/chat.js';

/** A started front door. */
type Running = { readonly name: string; stop(): Promise<void> };

/**
 * What this process runs: every front door whose credentials are set (the default); with DISCORD_SHARDS,
 * the manager of the Discord shards' processes (and Slack, when set); or, in a process that manager
 * started, the one Discord shard discord.js gave it.
 */
type Role =
  | { readonly kind: 'all' }
  | { readonly kind: 'shard-manager'; readonly shards: number | 'auto' }
  | { readonly kind: 'shard'; readonly shard: ShardPlace };

/**
 * `npm start`: loads the corpus once, then starts every front door whose credentials are set, all
 * sharing one bot and one index. With none set it opens the terminal chat over the corpus. The corpus
 * directory is watched: changed files are validated and swapped in while the bot runs (SIGHUP forces a
 * reload). SIGINT/SIGTERM stop every front door cleanly (in-flight replies finish) and exit 0. With
 * DISCORD_SHARDS, Discord runs as one child process per shard, each loading its own index (see
 * `discord/sharding.ts`); this process then loads the corpus only if it serves Slack.
 */
async function main(env: Env): Promise<number> {
  let stopWatching: () => void = () => undefined;
  try {
    const config = loadCoreConfig(env);
    const role = roleOf(env);
    const logger =
      role.kind === 'shard'
        ? asShard(createStreamLogger(process.stderr, config.LOG_LEVEL), role.shard)
        : createStreamLogger(process.stderr, config.LOG_LEVEL);
    installLastResort(process, logger, () => exitSoon(1));
    const usage = config.USAGE_LOG_DIR === 'off' ? undefined : new UsageLog(config.USAGE_LOG_DIR, logger);
    const bot = role.kind === 'shard-manager' && !isSlackConfigured(env) ? undefined : await loadBot(config, logger, usage);
    if (bot !== undefined) stopWatching = keepCorpusFresh(bot, config.CORPUS_DIR, logger, role.kind === 'shard');
    const platforms = await startFrontDoors(role, env, bot, logger);
    if (platforms.length === 0 && bot !== undefined) {
      const color = process.stdout.isTTY && env['NO_COLOR'] === undefined;
      await runChat(bot, { input: process.stdin, output: process.stdout, isInteractive: process.stdin.isTTY, style: { color } });
    } else {
      await untilStopped(logger, role.kind === 'shard');
      await Promise.allSettled(platforms.map((platform) => platform.stop()));
    }
    stopWatching();
    await usage?.flush();
    // A shard's channel to its manager would keep this process alive.
    if (process.connected === true) process.disconnect();
    return 0;
  } catch (error) {
    stopWatching();
    if (error instanceof ConfigError || error instanceof ShardStartError || error instanceof UnreachableError)
      process.stderr.write(`${error.message}\n`);
    else if (error instanceof CorpusError)
      process.stderr.write(
        `The corpus could not be loaded:\n${error.problems.map((p) => `  ${cleanLine(formatCorpusProblem(p))}`).join('\n')}\n`,
      );
    else throw error;
    return 1;
  }
}

function roleOf(env: Env): Role {
  const shard = shardFromEnv(env);
  if (shard !== undefined) return { kind: 'shard', shard };
  const shards = isDiscordConfigured(env) ? loadDiscordConfig(env).DISCORD_SHARDS : undefined;
  // Every platform's settings are checked before the corpus is loaded: a mistake stops the start at once.
  if (isSlackConfigured(env)) loadSlackConfig(env);
  return shards === undefined ? { kind: 'all' } : { kind: 'shard-manager', shards };
}

/**
 * A shard's logger: every line says which shard. discord.js also tells the manager about gateway events
 * over IPC; once the manager is gone that fails as an 'error' event on `process`, which would otherwise
 * crash the shard while it stops, so it is logged instead.
 */
function asShard(logger: Logger, shard: ShardPlace): Logger {
  const shardLogger: Logger = (level, message, code, context) => logger(level, message, code, { shard: shard.id, ...context });
  process.on('error', (error) => shardLogger('warn', 'could not reach the shard manager', 'discord.shard.orphaned', { error }));
  return shardLogger;
}

function loadBot(config: CoreConfig, logger: Logger, usage: UsageLog | undefined): Promise<Storybot> {
  return Storybot.load(config.CORPUS_DIR, {
    logger,
    answer: { top: config.MAX_EXCERPTS },
    ...(usage ? { usage } : {}),
    ...(config.INDEX_CACHE_DIR === 'off' ? {} : { cacheDir: config.INDEX_CACHE_DIR }),
  });
}

/** Starts each front door this process runs; if one fails, stops the others and fails. */
async function startFrontDoors(role: Role, env: Env, bot: Storybot | undefined, logger: Logger): Promise<Running[]> {
  const starts: (() => Promise<Running>)[] = [];
  if (role.kind === 'shard-manager') {
    starts.push(async () => ({
      name: 'discord shards',
      ...(await startShardManager({ config: loadDiscordConfig(env), logger, shards: role.shards })),
    }));
  } else if (bot !== undefined && isDiscordConfigured(env)) {
    const shard = role.kind === 'shard' ? role.shard : undefined;
    starts.push(async () => ({ name: 'discord', ...(await startDiscord({ config: loadDiscordConfig(env), bot, logger, shard })) }));
  }
  if (bot !== undefined && role.kind !== 'shard' && isSlackConfigured(env)) {
    starts.push(async () => ({ name: 'slack', ...(await startSlack({ config: loadSlackConfig(env), bot, logger })) }));
  }
  const running: Running[] = [];
  try {
    for (const start of starts) running.push(await start());
  } catch (error) {
    await Promise.allSettled(running.map((platform) => platform.stop()));
    throw error;
  }
  return running;
}

/** Resolves on SIGINT or SIGTERM; in a shard's process also when its manager says stop, or goes away. */
function untilStopped(logger: Logger, isShard: boolean): Promise<void> {
  return new Promise((resolve) => {
    const signals = ['SIGINT', 'SIGTERM'] as const;
    const stop = (why: string) => {
      logger('info', `${why}: finishing replies in flight, then stopping`, 'bot.stopping');
      for (const signal of signals) process.off(signal, stop);
      process.off('message', onMessage).off('disconnect', onDisconnect);
      resolve();
    };
    const onMessage = (message: unknown) => {
      if (isShardMessage(message, 'stop')) stop('the shard manager asked');
    };
    const onDisconnect = () => stop('the shard manager is gone');
    for (const signal of signals) process.on(signal, stop);
    if (isShard) process.on('message', onMessage).on('disconnect', onDisconnect);
  });
}

/**
 * Reloads when the corpus directory settles after a change, and on SIGHUP (in a shard's process, when
 * its manager asks). Returns a function that stops all three.
 */
function keepCorpusFresh(bot: Storybot, dir: string, logger: Logger, isShard: boolean): () => void {
  const reload = (reason: string) => {
    logger('info', `reloading the corpus (${reason})`, 'corpus.reloading', { dir });
    bot.reload().catch((error: unknown) => logger('error', 'corpus reload failed', 'corpus.reload_failed', { error }));
  };
  const watcher = watchCorpus(dir, () => reload('files changed'), { logger });
  const onHangup = () => reload('SIGHUP');
  const onMessage = (message: unknown) => {
    if (isShardMessage(message, 'reload-corpus')) reload('the shard manager asked');
  };
  process.on('SIGHUP', onHangup);
  if (isShard) process.on('message', onMessage);
  return () => {
    watcher.close();
    process.off('SIGHUP', onHangup).off('message', onMessage);
  };
}

loadDotenv();
process.exitCode = await main(process.env);
// A failed start ends the process even if a library left something open, so a supervisor starts it again.
if (process.exitCode !== 0) setTimeout(() => process.exit(), 2_000).unref();
