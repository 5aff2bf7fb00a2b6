import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FailOpen } from '../../adapters/fail-open.js';
import { MemoryFloodLimiter, SharedFloodLimiter, allowInRedis } from '../../adapters/flood-limit.js';
import { RedisConnection } from '../../adapters/redis-connection.js';
import { fakeLogger } from '../fakes/slack/logger.js';
import { redisSkipReason, startRedisServer, type RedisServer } from '../fakes/slack/redis-server.js';

const window = { limit: 3, windowMs: 10_000 };
const messages = {
  degraded: { message: 'shared limits failed', code: 'test.degraded' },
  restored: { message: 'shared limits are back', code: 'test.restored' },
};

describe('MemoryFloodLimiter', () => {
  it('lets `limit` requests per key through in a window, then says how long to wait', async () => {
    let clock = 0;
    const limiter = new MemoryFloodLimiter(window, () => clock);
    for (let i = 0; i < 3; i += 1) expect(await limiter.allow('a')).toEqual({ allowed: true });
    clock = 4_000;
    expect(await limiter.allow('a')).toEqual({ allowed: false, retryAfterMs: 6_000 });
    expect(await limiter.allow('b')).toEqual({ allowed: true });
  });
});

describe.skipIf(redisSkipReason !== undefined)(
  `SharedFloodLimiter against a real redis-server${redisSkipReason === undefined ? '' : ` (skipped: ${redisSkipReason})`}`,
  () => {
    let server: RedisServer;
    let runs = 0;
    const prefix = () => `test:flood:${(runs += 1)}:`;
    const connect = () => RedisConnection.connect(server.url, { name: 'storybot-test', codePrefix: 'test' });

    beforeAll(async () => {
      server = await startRedisServer();
    });

    afterAll(async () => {
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- unset when beforeAll failed
      await server?.stop();
    });

    it('counts one key across two instances as one limit', async () => {
      const shared = prefix();
      const a = new SharedFloodLimiter(await connect(), window, shared, new FailOpen(fakeLogger().logger, messages));
      const b = new SharedFloodLimiter(await connect(), window, shared, new FailOpen(fakeLogger().logger, messages));
      try {
        const verdicts = [await a.allow('10.0.0.1'), await b.allow('10.0.0.1'), await a.allow('10.0.0.1'), await b.allow('10.0.0.1')];
        expect(verdicts.map((v) => v.allowed)).toEqual([true, true, true, false]);
        expect(verdicts[3]).toMatchObject({ retryAfterMs: expect.any(Number) });
        expect(await b.allow('10.0.0.2')).toEqual({ allowed: true });
      } finally {
        await Promise.all([a.close(), b.close()]);
      }
    });

    it('times the window with the clock it is given', async () => {
      const redis = await connect();
      try {
        const key = `${prefix()}k`;
        for (const at of [1_000, 2_000, 3_000]) expect(await allowInRedis(redis, key, window, at)).toEqual({ allowed: true });
        expect(await allowInRedis(redis, key, window, 5_000)).toEqual({ allowed: false, retryAfterMs: 6_000 });
        expect(await allowInRedis(redis, key, window, 11_000)).toEqual({ allowed: true });
      } finally {
        await redis.close();
      }
    });

    it('decides from memory while Redis is down, warning once, and logs when it is back', async () => {
      const own = await startRedisServer();
      const { logger, entries } = fakeLogger();
      const limiter = new SharedFloodLimiter(
        await RedisConnection.connect(own.url, { name: 'storybot-test', codePrefix: 'test', logger }),
        window,
        prefix(),
        new FailOpen(logger, messages),
      );
      try {
        expect(await limiter.allow('c')).toEqual({ allowed: true });
        await own.kill();
        expect(await limiter.allow('c')).toEqual({ allowed: true });
        expect(await limiter.allow('c')).toEqual({ allowed: true });
        expect(await limiter.allow('c')).toMatchObject({ allowed: false });
        await own.restart();
        await expect.poll(() => entries.some((e) => e.code === 'test.redis_reconnected'), { timeout: 10_000 }).toBe(true);
        await limiter.allow('d');
        expect(entries.filter((e) => e.level !== 'debug').map((e) => e.code)).toEqual([
          'test.degraded',
          'test.redis_reconnected',
          'test.restored',
        ]);
      } finally {
        await limiter.close();
        await own.stop();
      }
    });
  },
);
