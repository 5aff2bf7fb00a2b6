import { randomUUID } from 'node:crypto';
import { createClient, type RedisClientType } from '@redis/client';
import type { Logger } from '../../src/index.js';
import { floodLimit, type FloodDecision, type SlackStateStore } from './state.js';

/** How long an event key is remembered. Slack's last retry comes about 5 minutes after the first delivery. */
const seenTtlMs = 60 * 60_000;

/** How long one call may wait on Redis before the caller gives up on it (and falls back). */
const commandTimeoutMs = 1_000;

/** Commands waiting on Redis at most; past it, calls fail at once instead of piling up on a stalled server. */
const maxQueuedCommands = 1_000;

/** The name the connection shows in CLIENT LIST, for operators. */
const clientName = 'storybot-slack';

/**
 * The flood limit as one atomic step, the same sliding window as the core's RateLimiter: drop the
 * times that left the window, refuse (without counting) when `limit` remain, else count this one.
 * KEYS[1]: the member's sorted set of request times. ARGV: now in ms (-1: Redis's own clock, one
 * clock for every instance), the window in ms, the limit, and a unique member for this request.
 * Returns {1, 0} when allowed, {0, retryAfterMs} when refused.
 */
const slidingWindowScript = `
local now = tonumber(ARGV[1])
if now < 0 then
  local time = redis.call('TIME')
  now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
end
local window = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then
  local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  return {0, tonumber(oldest[2]) + window - now}
end
redis.call('ZADD', KEYS[1], now, ARGV[4])
redis.call('PEXPIRE', KEYS[1], window)
return {1, 0}
`;

export type RedisStateOptions = {
  /** Prepended to every key, so several bots can share one Redis. @default 'storybot:slack:' */
  readonly prefix?: string;
  /** The clock, for tests only; by default Redis's own clock times the flood limit. */
  readonly now?: () => number;
  /** How long event keys live, in ms. @default one hour */
  readonly seenTtlMs?: number;
  /** Told when the connection drops and comes back (the client reconnects by itself). */
  readonly logger?: Logger;
};

type Client = RedisClientType;

/**
 * The store several Slack instances share: event keys with `SET key 1 NX PX ttl` (all of one event's
 * keys in one MULTI, so two instances racing on one event cannot both see it first), and the flood
 * limit as a Lua script. Calls fail at once while disconnected and give up after a second on a Redis
 * that does not answer, so a caller can fall back (see FallbackStateStore) instead of waiting on it.
 *
 * @example const state = await RedisStateStore.connect('redis://127.0.0.1:6379');
 */
export class RedisStateStore implements SlackStateStore {
  readonly #client: Client;
  readonly #prefix: string;
  readonly #options: RedisStateOptions;
  #stalled = 0;

  private constructor(client: Client, options: RedisStateOptions) {
    this.#client = client;
    this.#prefix = options.prefix ?? 'storybot:slack:';
    this.#options = options;
  }

  /**
   * Connects to `url` (`redis://[[user]:password@]host[:port][/db]`, or `rediss://` for TLS). The first
   * connection must succeed; after that, a lost connection is retried in the background.
   *
   * @throws the client's error when Redis cannot be reached or refuses the credentials.
   */
  static async connect(url: string, options: RedisStateOptions = {}): Promise<RedisStateStore> {
    let isConnected = false;
    const client = createClient({
      url,
      name: clientName,
      disableOfflineQueue: true,
      commandsQueueMaxLength: maxQueuedCommands,
      commandOptions: { timeout: commandTimeoutMs },
      // Before the first connection, give up (connect() rejects); after it, retry every 0.1 to 2 s.
      socket: {
        connectTimeout: 2_000,
        reconnectStrategy: (retries, cause) => (isConnected ? Math.min(100 * (retries + 1), 2_000) : cause),
      },
    });
    watchConnection(client, options.logger);
    await client.connect();
    isConnected = true;
    return new RedisStateStore(client, options);
  }

  async firstSighting(keys: readonly string[]): Promise<boolean> {
    const expiration = { type: 'PX', value: this.#options.seenTtlMs ?? seenTtlMs } as const;
    const multi = this.#client.multi();
    for (const key of new Set(keys)) multi.set(`${this.#prefix}seen:${key}`, '1', { condition: 'NX', expiration });
    const replies = await this.#call(() => multi.exec());
    return replies.every((reply: unknown) => reply === 'OK');
  }

  async allow(key: string): Promise<FloodDecision> {
    const now = this.#options.now?.() ?? -1;
    const args = [String(now), String(floodLimit.windowMs), String(floodLimit.limit), `${now}:${randomUUID()}`];
    const reply = await this.#call(() =>
      this.#client.eval(slidingWindowScript, { keys: [`${this.#prefix}flood:${key}`], arguments: args }),
    );
    return toDecision(reply);
  }

  /** Closes the connection once the replies still due have come, or at once when Redis no longer answers. */
  async close(): Promise<void> {
    if (!this.#client.isOpen) return;
    await within(commandTimeoutMs, this.#client.close()).catch(() => this.#client.destroy());
  }

  /**
   * Runs one command, giving up on it after `commandTimeoutMs`. While a command that outlived its
   * timeout has had no reply, Redis is stalled: later calls fail at once instead of each waiting out
   * its own timeout. The first reply (or error) that comes back ends that.
   */
  async #call<T>(command: () => Promise<T>): Promise<T> {
    if (this.#stalled > 0) throw new Error('Redis has not answered earlier commands yet');
    const pending = command();
    try {
      return await within(commandTimeoutMs, pending);
    } catch (error) {
      if (error instanceof RedisTimeoutError) {
        this.#stalled += 1;
        const settled = () => void (this.#stalled -= 1);
        void pending.then(settled, settled);
      }
      throw error;
    }
  }
}

/** Redis did not answer a command in time. */
class RedisTimeoutError extends Error {
  override name = 'RedisTimeoutError' as const;
}

/** Logs the connection's ups and downs; the client itself reconnects. Never logs the URL (it may hold a password). */
function watchConnection(client: Client, logger: Logger | undefined): void {
  let wasLost = false;
  client.on('error', (error: unknown) => logger?.('debug', 'Redis connection error', 'slack.redis_error', { error: String(error) }));
  client.on('reconnecting', () => void (wasLost = true));
  client.on('ready', () => {
    if (wasLost) logger?.('info', 'reconnected to Redis', 'slack.redis_reconnected');
    wasLost = false;
  });
}

/**
 * Redis's answer, or a rejection after `ms`. node-redis's own command timeout only runs until a command
 * is written; a server that stalls after that (CLIENT PAUSE, a long script, a frozen host) holds the
 * reply for as long as it likes. The command is left to finish, or fail, on its own.
 */
async function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new RedisTimeoutError(`Redis did not answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

function toDecision(reply: unknown): FloodDecision {
  if (!Array.isArray(reply) || typeof reply[0] !== 'number' || typeof reply[1] !== 'number') {
    throw new Error(`the flood-limit script returned ${JSON.stringify(reply)}`);
  }
  return reply[0] === 1 ? { allowed: true } : { allowed: false, retryAfterMs: reply[1] };
}
