import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { REST, Routes, ShardingManager, type APIGatewayBotInfo, type Shard } from 'discord.js';
import { BotError, type Logger } from '../../src/index.js';
import { restOptionsFor, type DiscordConfig } from './config.js';
import { isShardMessage, reloadCorpusMessage, stopMessage } from './shard-messages.js';

/** The file each shard's process runs: `shard.ts` beside this one (`shard.js` once built). */
const shardEntry = fileURLToPath(new URL(`./shard${extname(fileURLToPath(import.meta.url))}`, import.meta.url));

/** Discord lets each bucket of `max_concurrency` shards IDENTIFY once per 5 s; 0.5 s more for safety. */
const identifyIntervalMs = 5_500;

/** How long a shard may take to load the corpus and connect before the start fails. A cold 10,000-article corpus takes about a minute. */
const readyTimeoutMs = 10 * 60_000;

/**
 * Runs the Discord front door as one process per shard under discord.js's ShardingManager: each child
 * runs `npm start`'s own entry, which loads its own index and connects as the shard discord.js gives it
 * (SHARDS, SHARD_COUNT). `shards` is a number, or `auto` for the count Discord recommends
 * (GET /gateway/bot, through DISCORD_API_URL when set). Shards start one after another, each once
 * the one before is ready, as fast as `session_start_limit.max_concurrency` allows. SIGHUP, or
 * `/corpus reload` on any shard, reloads every shard's corpus. `stop()` asks each child to finish its
 * replies in flight and waits for it to exit. A child that dies later is started again, after a pause
 * that doubles while it keeps dying (see `RestartBackoff`), so a crash loop does not spin.
 *
 * @example const shards = await startShardManager({ config, logger, shards: 'auto' }); process.on('SIGTERM', () => void shards.stop());
 */
export async function startShardManager(options: {
  config: DiscordConfig;
  logger: Logger;
  shards: number | 'auto';
}): Promise<{ readonly count: number; stop(): Promise<void> }> {
  const { config, logger } = options;
  const gateway = await fetchGatewayBot(config);
  const count = options.shards === 'auto' ? gateway.shards : options.shards;
  // discord.js never respawns here (it would at once, over and over): `restarts` does, once every shard
  // has started; until then a shard that cannot start (a bad corpus, say) stops the start.
  const manager = new ShardingManager(shardEntry, {
    totalShards: count,
    token: config.DISCORD_TOKEN,
    execArgv: childExecArgv(),
    mode: 'process',
    respawn: false,
  });
  const restarts = new RestartBackoff();
  manager.on('shardCreate', (shard) => watchShard(shard, manager, restarts, logger));
  logger('info', 'starting discord shards', 'discord.shards.starting', { shards: count, recommended: gateway.shards });
  try {
    await manager.spawn({
      amount: count,
      delay: Math.ceil(identifyIntervalMs / Math.max(1, gateway.session_start_limit.max_concurrency)),
      timeout: readyTimeoutMs,
    });
  } catch (error) {
    await stopShards(manager, restarts);
    throw new ShardStartError(
      `A Discord shard stopped before it was ready (its log above says why), so none is running: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
  restarts.enabled = true;
  logger('info', 'discord shards ready', 'discord.shards.ready', { shards: count });
  const onHangup = () => void tellShards(manager, logger);
  process.on('SIGHUP', onHangup);
  let stopped: Promise<void> | undefined;
  return {
    count,
    stop: () => {
      process.off('SIGHUP', onHangup);
      return (stopped ??= stopShards(manager, restarts));
    },
  };
}

/** A shard's process exited, or did not connect in time, while the shards were starting. */
export class ShardStartError extends BotError {
  override name = 'ShardStartError' as const;
}

/** What Discord says about the bot's gateway: the recommended shard count and how many may IDENTIFY at once. */
async function fetchGatewayBot(config: DiscordConfig): Promise<APIGatewayBotInfo> {
  const rest = new REST(restOptionsFor(config).rest ?? {}).setToken(config.DISCORD_TOKEN);
  try {
    return (await rest.get(Routes.gatewayBot())) as APIGatewayBotInfo;
  } finally {
    rest.clearHashSweeper();
    rest.clearHandlerSweeper();
  }
}

/** Node flags for the children: the young-generation size `npm start` gave this process, and tsx when run from TypeScript. */
function childExecArgv(): string[] {
  const tsx = shardEntry.endsWith('.ts') ? ['--import', 'tsx'] : [];
  return [...process.execArgv.filter((flag) => flag.startsWith('--max-semi-space-size')), ...tsx];
}

/**
 * When to start a dead shard again: after 1 s, then 2, 4, 8 … up to a minute while it keeps dying within
 * a minute of starting; a shard that ran longer than that starts again after 1 s.
 */
export class RestartBackoff {
  static readonly firstDelayMs = 1_000;
  static readonly maxDelayMs = 60_000;
  /** A shard that ran this long before dying is not in a crash loop. */
  static readonly steadyMs = 60_000;
  /** Off while the shards start, and once they stop. */
  enabled = false;
  readonly #startedAt = new Map<number, number>();
  readonly #quickDeaths = new Map<number, number>();
  readonly #timers = new Set<NodeJS.Timeout>();
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  started(shard: number): void {
    this.#startedAt.set(shard, this.#now());
  }

  /** How long to wait before starting `shard` again, now that it died; undefined when it is not to be started. */
  delayAfterDeath(shard: number): number | undefined {
    if (!this.enabled) return undefined;
    const ranMs = this.#now() - (this.#startedAt.get(shard) ?? 0);
    const quickDeaths = ranMs >= RestartBackoff.steadyMs ? 0 : (this.#quickDeaths.get(shard) ?? -1) + 1;
    this.#quickDeaths.set(shard, quickDeaths);
    return Math.min(RestartBackoff.maxDelayMs, RestartBackoff.firstDelayMs * 2 ** quickDeaths);
  }

  /** Runs `restart` after `delayMs`, unless `stop()` comes first. */
  schedule(delayMs: number, restart: () => void): void {
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      if (this.enabled) restart();
    }, delayMs);
    this.#timers.add(timer);
  }

  stop(): void {
    this.enabled = false;
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
  }
}

/** Logs a shard's life, starts it again when it dies (after a back-off), and passes a `/corpus reload` on it to the other shards. */
function watchShard(shard: Shard, manager: ShardingManager, restarts: RestartBackoff, logger: Logger): void {
  const context = { shard: shard.id };
  shard.on('spawn', (child) => {
    restarts.started(shard.id);
    logger('info', 'discord shard process started', 'discord.shard.spawned', { ...context, pid: 'pid' in child ? child.pid : undefined });
  });
  shard.on('death', (child) => {
    const exitCode = 'exitCode' in child ? child.exitCode : undefined;
    const restartInMs = restarts.delayAfterDeath(shard.id);
    if (restartInMs === undefined) {
      logger('info', 'discord shard process exited', 'discord.shard.exited', { ...context, exitCode });
      return;
    }
    logger('warn', `discord shard process exited; starting it again in ${restartInMs / 1000} s`, 'discord.shard.exited', {
      ...context,
      exitCode,
      restartInMs,
    });
    restarts.schedule(restartInMs, () => {
      shard
        .spawn(readyTimeoutMs)
        .catch((error: unknown) => logger('error', 'discord shard did not start again', 'discord.shard.failed', { ...context, error }));
    });
  });
  shard.on('error', (error) => logger('error', 'discord shard failed', 'discord.shard.failed', { ...context, error }));
  shard.on('message', (message) => {
    if (isShardMessage(message, 'reload-corpus')) void tellShards(manager, logger, shard.id);
  });
}

/** Asks every shard (but `except`) to reload its corpus. */
async function tellShards(manager: ShardingManager, logger: Logger, except?: number): Promise<void> {
  const others = manager.shards.filter((shard) => shard.id !== except && shard.process !== null);
  logger('info', 'asking the shards to reload the corpus', 'discord.shards.reloading', { shards: others.map((shard) => shard.id) });
  await Promise.all(
    others.map((shard) =>
      shard
        .send(reloadCorpusMessage)
        .catch((error: unknown) => logger('warn', 'could not reach a shard', 'discord.shard.unreachable', { shard: shard.id, error })),
    ),
  );
}

/** Stops restarting, asks every child to finish and exit (one not ready yet is terminated), and waits until all have. */
async function stopShards(manager: ShardingManager, restarts: RestartBackoff): Promise<void> {
  restarts.stop();
  await Promise.all(
    manager.shards.map(async (shard) => {
      const child = shard.process;
      if (child?.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      if (shard.ready && child.connected) child.send(stopMessage);
      else child.kill('SIGTERM');
      await exited;
    }),
  );
}
