import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/index.js';
import { startWeb, type RunningWeb } from '../../../adapters/web/start.js';
import { recordingLogger } from '../../support/builders.js';
import { redisSkipReason, startRedisServer, type RedisServer } from '../../fakes/slack/redis-server.js';
import { storyBot, webConfig } from '../../fakes/web/server.js';

const bot = await storyBot();
const skipped = redisSkipReason === undefined ? '' : ` (skipped: ${redisSkipReason})`;

const ask = (web: RunningWeb) =>
  fetch(`${web.url}/api/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"question":"Who is Harfuch?"}' });

describe.skipIf(redisSkipReason !== undefined)(`two web instances sharing one Redis${skipped}`, () => {
  let redis: RedisServer;
  let a: RunningWeb;
  let b: RunningWeb;
  const logA = recordingLogger();

  beforeAll(async () => {
    redis = await startRedisServer({ password: 'fake-redis-password-77a1' });
    const config = webConfig({ REDIS_URL: redis.url, WEB_RATE_LIMIT: '3' });
    [a, b] = await Promise.all([startWeb({ config, bot, logger: logA.log }), startWeb({ config, bot, logger: recordingLogger().log })]);
  });

  afterAll(async () => {
    /* eslint-disable @typescript-eslint/no-unnecessary-condition -- unset when beforeAll failed */
    await Promise.all([a?.stop(), b?.stop()]);
    await redis?.stop();
    /* eslint-enable @typescript-eslint/no-unnecessary-condition */
  });

  it('count a client’s questions on both against one limit: the fourth, on either, gets 429 with Retry-After', async () => {
    const statuses = [(await ask(a)).status, (await ask(b)).status, (await ask(a)).status];
    expect(statuses).toEqual([200, 200, 200]);
    const refused = await ask(b);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(50);
    expect(((await refused.json()) as { error: string }).error).toBe('rate_limited');
    expect((await ask(a)).status).toBe(429);
    expect(JSON.stringify(logA.entries)).not.toContain('fake-redis-password');
  });

  it('keep answering from their own memory when Redis goes down, and say so once', async () => {
    await redis.kill();
    try {
      // Each instance's memory counted what reached it: A saw three of this client's questions, B two.
      expect((await ask(a)).status).toBe(429);
      expect((await ask(b)).status).toBe(200);
      expect((await ask(a)).status).toBe(429);
      expect(logA.entries.filter((e) => e.code === 'web.limits_degraded')).toHaveLength(1);
    } finally {
      await redis.restart();
    }
  });
});

describe.skipIf(redisSkipReason !== undefined)(`a web instance with a REDIS_URL that does not answer${skipped}`, () => {
  it('refuses to start, naming REDIS_URL and never its password', async () => {
    const gone = await startRedisServer();
    await gone.stop();
    const config = webConfig({ REDIS_URL: gone.url.replace('redis://', 'redis://:secret-pass@') });
    const attempt = startWeb({ config, bot, logger: recordingLogger().log });
    await expect(attempt).rejects.toThrow(ConfigError);
    await expect(attempt).rejects.toThrow(/^REDIS_URL: could not connect to Redis/);
    await expect(attempt).rejects.not.toThrow(/secret-pass/);
  });
});
