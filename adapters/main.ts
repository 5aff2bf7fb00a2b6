import { defineCommand, runCommand } from './command-line.js';
import { loadDotenv } from './env.js';
import { createLogger, type ProcessLogger } from './logging.js';
import {
  ConfigError,
  CorpusError,
  formatCorpusProblem,
  limitsWithCorpusMB,
  loadCoreConfig,
  Storybot,
  UsageLog,
  watchCorpus,
  type CoreConfig,
  type Env,
  type Logger,
  type UsageSink,
  UnreachableError,
} from '../src/index.js';
import { isDiscordConfigured, loadDiscordConfig, shardFromEnv, type ShardPlace } from './discord/config.js';
import { isShardMessage } from './discord/shard-messages.js';
import { exitSoon, installLastResort } from './last-resort.js';
import { isSlackConfigured, loadSlackConfig } from './slack/config.js';
import { runChat } from './terminal/chat.js';
import { cleanLine } from './terminal/clean.js';
import { isWebConfigured, loadWebConfig, type WebConfig } from './web/config.js';
import type { WebMetrics } from './web/metrics.js';

/** A started front door. */
type Running = { readonly name: string; stop(): Promise<void> };

/**
 * What this process runs: every front door whose credentials are set (the default); with DISCORD_SHARDS,
 * the manager of the Discord shards' processes (and Slack, when set); or, in a process that manager
 * started, the one Discord shard discord.js gave it; with `--web` (`npm run web`), the web front door alone.
 */
type Role =
  | { readonly kind: 'all' }
  | { readonly kind: 'web' }
  | { readonly kind: 'shard-manager'; readonly shards: number | 'auto' }
  | { readonly kind: 'shard'; readonly shard: ShardPlace };

/**
 * `npm start`: loads the corpus once, then starts every front door whose credentials are set (WEB_PORT for
 * the web), all sharing one bot and one index. With none set it opens the terminal chat over the corpus. The corpus
 * directory is watched: changed files are validated and swapped in while the bot runs (SIGHUP forces a
 * reload). SIGINT/SIGTERM stop every front door cleanly (in-flight replies finish) and exit 0. With
 * DISCORD_SHARDS, Discord runs as one child process per shard, each loading its own index (see
 * `discord/sharding.ts`); this process then loads the corpus only if it serves Slack.
 */
async function main(env: Env, isWebOnly: boolean): Promise<number> {
  // The corpus watcher would keep the process alive after a front door fails to start.
  let stopWatching = (): void => undefined;
  try {
    const config = loadCoreConfig(env);
    const role = roleOf(env, isWebOnly);
    const root = createLogger({ level: config.LOG_LEVEL });
    const logger = role.kind === 'shard' ? asShard(root, role.shard) : root;
    installLastResort(process, logger, () => exitSoon(1));
    const usage = config.USAGE_LOG_DIR === 'off' ? undefined : new UsageLog(config.USAGE_LOG_DIR, logger);
    const web = servesWeb(role, env)
      ? { config: loadWebConfig(env), metrics: new (await import('./web/metrics.js')).WebMetrics() }
      : undefined;
    const needsBot = role.kind !== 'shard-manager' || isSlackConfigured(env) || web !== undefined;
    // The web's /metrics counts every front door's answers, from the usage entries the core records.
    const bot = needsBot ? await loadBot(config, logger, web?.metrics.countingUsage(usage) ?? usage) : undefined;
    if (bot !== undefined) stopWatching = keepCorpusFresh(bot, config.CORPUS_DIR, logger, role.kind === 'shard');
    const platforms = await startFrontDoors(role, env, bot, logger, web);
    // Operators find the pid to signal here (npm start's own pid is npm's, which does not pass SIGHUP on).
    logger('info', `started as pid ${process.pid}: SIGHUP reloads the corpus, SIGTERM stops`, 'bot.started', {
      pid: process.pid,
      frontDoors: platforms.length === 0 ? ['terminal'] : platforms.map((platform) => platform.name),
    });
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
    if (process.connected) process.disconnect();
    return 0;
  } catch (error) {
    stopWatching();
    const message = await startFailureMessage(error);
    if (message === undefined) throw error;
    process.stderr.write(message);
    return 1;
  }
}

/** What to tell the operator when the bot cannot start for a reason they can fix; undefined for a bug. */
async function startFailureMessage(error: unknown): Promise<string | undefined> {
  if (error instanceof CorpusError)
    return `The corpus could not be loaded:\n${error.problems.map((p) => `  ${cleanLine(formatCorpusProblem(p))}`).join('\n')}\n`;
  if (error instanceof ConfigError || error instanceof UnreachableError) return `${error.message}\n`;
  // The shard manager's module (and discord.js) is loaded only when it may have thrown.
  const isShardStart = error instanceof Error && error.name === 'ShardStartError';
  if (isShardStart && error instanceof (await import('./discord/sharding.js')).ShardStartError) return `${error.message}\n`;
  return undefined;
}

function roleOf(env: Env, isWebOnly: boolean): Role {
  if (isWebOnly) return { kind: 'web' };
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
function asShard(logger: ProcessLogger, shard: ShardPlace): ProcessLogger {
  const shardLogger = logger.child({ shard: shard.id });
  process.on('error', (error) => shardLogger('warn', 'could not reach the shard manager', 'discord.shard.orphaned', { error }));
  return shardLogger;
}

/** True when this process serves the web: `npm run web`, or WEB_PORT set (not in a Discord shard's process). */
const servesWeb = (role: Role, env: Env) => role.kind === 'web' || (role.kind !== 'shard' && isWebConfigured(env));

function loadBot(config: CoreConfig, logger: Logger, usage: UsageSink | undefined): Promise<Storybot> {
  return Storybot.load(config.CORPUS_DIR, {
    logger,
    answer: { top: config.MAX_EXCERPTS },
    answerCacheSize: config.ANSWER_CACHE_SIZE,
    ...(usage ? { usage } : {}),
    ...(config.INDEX_CACHE_DIR === 'off' ? {} : { cacheDir: config.INDEX_CACHE_DIR }),
    limits: limitsWithCorpusMB(config.CORPUS_MAX_MB),
  });
}

/**
 * Starts each front door this process runs, each logging with its platform named; if one fails, stops the
 * others and fails. Each platform's SDK is loaded only when it is configured: discord.js and Bolt take
 * about a second of CPU to load, which the terminal chat never needs.
 */
async function startFrontDoors(
  role: Role,
  env: Env,
  bot: Storybot | undefined,
  logger: ProcessLogger,
  web: { readonly config: WebConfig; readonly metrics: WebMetrics } | undefined,
): Promise<Running[]> {
  const discordLogger = logger.child({ platform: 'discord' });
  const starts: (() => Promise<Running>)[] = [];
  if (role.kind === 'shard-manager') {
    starts.push(async () => ({
      name: 'discord shards',
      ...(await (
        await import('./discord/sharding.js')
      ).startShardManager({ config: loadDiscordConfig(env), logger: discordLogger, shards: role.shards })),
    }));
  } else if (bot !== undefined && role.kind !== 'web' && isDiscordConfigured(env)) {
    const shard = role.kind === 'shard' ? role.shard : undefined;
    starts.push(async () => ({
      name: 'discord',
      ...(await (await import('./discord/start.js')).startDiscord({ config: loadDiscordConfig(env), bot, logger: discordLogger, shard })),
    }));
  }
  if (bot !== undefined && (role.kind === 'all' || role.kind === 'shard-manager') && isSlackConfigured(env)) {
    const slackLogger = logger.child({ platform: 'slack' });
    starts.push(async () => ({
      name: 'slack',
      ...(await (await import('./slack/start.js')).startSlack({ config: loadSlackConfig(env), bot, logger: slackLogger })),
    }));
  }
  if (bot !== undefined && web !== undefined) {
    const webLogger = logger.child({ platform: 'web' });
    starts.push(async () => ({ name: 'web', ...(await (await import('./web/start.js')).startWeb({ ...web, bot, logger: webLogger })) }));
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

const command = defineCommand({
  name: 'npm start --',
  usage: `Usage: npm start   (in production: node dist/adapters/main.js)
       npm run web (node dist/adapters/main.js --web: the web front door alone)

Starts every front door whose credentials are set (Discord, Slack, the web when WEB_PORT is set), or the
terminal chat when none is.
Settings come from the environment or .env (see .env.example). Signals: SIGHUP reloads the corpus;
SIGINT and SIGTERM finish the replies in flight, then stop (exit 0).`,
  options: { web: { type: 'boolean' } },
});

loadDotenv();
process.exitCode = await runCommand(command, process.argv.slice(2), ({ values }) => main(process.env, values.web === true));
// A failed start ends the process even if a library left something open, so a supervisor starts it again.
if (process.exitCode !== 0) setTimeout(() => process.exit(), 2_000).unref();
