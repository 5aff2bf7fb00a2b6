import { randomUUID } from 'node:crypto';
import { RateLimiter } from '../src/index.js';
import type { FailOpen } from './fail-open.js';
import type { RedisConnection } from './redis-connection.js';

/** The flood limit's verdict on one request: let through, or refused until `retryAfterMs` from now. */
export type FloodDecision = { readonly allowed: true } | { readonly allowed: false; readonly retryAfterMs: number };

/** At most `limit` requests per key in any `windowMs` (a sliding window, as the core's `RateLimiter`). */
export type FloodWindow = { readonly limit: number; readonly windowMs: number };

/**
 * A flood limit per key (a Slack member, a web client's address): in this instance's memory, or shared by
 * every instance through Redis. Front doors take this port, so their tests pass the memory one.
 */
export type FloodLimiter = {
  /** Counts a request from `key` if the limit lets it through now. */
  allow(key: string): Promise<FloodDecision>;
  /** Lets go of connections; the limiter is not used after. */
  close(): Promise<void>;
};

/** The limit in this process's memory (the core's `RateLimiter`): the default, and the fallback while Redis fails. */
export class MemoryFloodLimiter implements FloodLimiter {
  readonly #limiter: RateLimiter;

  constructor(window: FloodWindow, now?: () => number) {
    this.#limiter = new RateLimiter({ ...window, ...(now === undefined ? {} : { now }) });
  }

  allow(key: string): Promise<FloodDecision> {
    const decision = this.#limiter.take(key);
    return Promise.resolve(decision.allowed ? { allowed: true } : { allowed: false, retryAfterMs: decision.retryAfterMs });
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

/**
 * The flood limit as one atomic step, the same sliding window as the core's RateLimiter: drop the
 * times that left the window, refuse (without counting) when `limit` remain, else count this one.
 * KEYS[1]: the key's sorted set of request times. ARGV: now in ms (-1: Redis's own clock, one
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

/**
 * Counts a request under the Redis key `key` if `window` lets it through, for every instance sharing that
 * Redis at once. `now` (ms) is for tests only; by default Redis's own clock times the window.
 */
export async function allowInRedis(redis: RedisConnection, key: string, window: FloodWindow, now?: number): Promise<FloodDecision> {
  const at = now ?? -1;
  const args = [String(at), String(window.windowMs), String(window.limit), `${at}:${randomUUID()}`];
  const reply = await redis.call((client) => client.eval(slidingWindowScript, { keys: [key], arguments: args }));
  if (!Array.isArray(reply) || typeof reply[0] !== 'number' || typeof reply[1] !== 'number') {
    throw new Error(`the flood-limit script returned ${JSON.stringify(reply)}`);
  }
  return reply[0] === 1 ? { allowed: true } : { allowed: false, retryAfterMs: reply[1] };
}

/**
 * A limit shared through Redis, backed by this instance's memory: every request counts in both, Redis's
 * verdict wins, and while Redis fails the memory decides (`failOpen` logs the outage and the recovery).
 *
 * @example new SharedFloodLimiter(redis, { limit: 30, windowMs: 60_000 }, 'storybot:web:flood:', failOpen)
 */
export class SharedFloodLimiter implements FloodLimiter {
  readonly #redis: RedisConnection;
  readonly #window: FloodWindow;
  readonly #prefix: string;
  readonly #local: MemoryFloodLimiter;
  readonly #failOpen: FailOpen;

  constructor(redis: RedisConnection, window: FloodWindow, prefix: string, failOpen: FailOpen) {
    this.#redis = redis;
    this.#window = window;
    this.#prefix = prefix;
    this.#local = new MemoryFloodLimiter(window);
    this.#failOpen = failOpen;
  }

  async allow(key: string): Promise<FloodDecision> {
    const local = await this.#local.allow(key);
    return this.#failOpen.prefer(() => allowInRedis(this.#redis, `${this.#prefix}${key}`, this.#window), local);
  }

  close(): Promise<void> {
    return this.#redis.close();
  }
}
