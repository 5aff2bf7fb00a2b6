import { ConfigError, type Logger } from '../../src/index.js';
import { FailOpen } from '../fail-open.js';
import { MemoryFloodLimiter, SharedFloodLimiter, type FloodWindow } from '../flood-limit.js';
import { RedisConnection } from '../redis-connection.js';
import type { WebConfig } from './config.js';
import type { WebLimits } from './server.js';

/** Admin sign-in attempts per address: 10 in 10 minutes, so a token cannot be guessed at speed. */
export const signInWindow: FloodWindow = { limit: 10, windowMs: 10 * 60_000 };

/** Where the web's keys live in a shared Redis, apart from Slack's. */
const redisPrefix = 'storybot:web:flood:';

/**
 * The web's flood limits: WEB_RATE_LIMIT questions (and marks) per client address per minute, and admin
 * sign-ins. In this instance's memory, or, with REDIS_URL, in Redis shared with the other instances (each
 * falling back to its own memory while Redis fails). Redis must answer at start.
 *
 * @throws {ConfigError} naming REDIS_URL when Redis cannot be reached.
 */
export async function createLimits(config: WebConfig, logger: Logger): Promise<{ limits: WebLimits; close(): Promise<void> }> {
  const questionWindow = config.WEB_RATE_LIMIT === 0 ? undefined : { limit: config.WEB_RATE_LIMIT, windowMs: 60_000 };
  if (config.REDIS_URL === undefined) {
    const limits = { questions: questionWindow && new MemoryFloodLimiter(questionWindow), signIns: new MemoryFloodLimiter(signInWindow) };
    return { limits, close: () => Promise.resolve() };
  }
  const redis = await connect(config.REDIS_URL, logger);
  const failOpen = new FailOpen(logger, {
    degraded: {
      message: 'the shared web flood limits (Redis) failed; counting in this instance’s memory until it is back',
      code: 'web.limits_degraded',
    },
    restored: { message: 'the shared web flood limits (Redis) answer again', code: 'web.limits_restored' },
  });
  const shared = (window: FloodWindow, kind: string) => new SharedFloodLimiter(redis, window, `${redisPrefix}${kind}:`, failOpen);
  return {
    limits: { questions: questionWindow && shared(questionWindow, 'questions'), signIns: shared(signInWindow, 'sign-ins') },
    close: () => redis.close(),
  };
}

async function connect(url: string, logger: Logger): Promise<RedisConnection> {
  try {
    return await RedisConnection.connect(url, { name: 'storybot-web', codePrefix: 'web', logger });
  } catch (error) {
    throw new ConfigError(`REDIS_URL: could not connect to Redis (${error instanceof Error ? error.message : String(error)})`, {
      cause: error,
    });
  }
}
