import { fc, test } from '../../support/property.js';
import { createClient, type RedisClientType } from '@redis/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RateLimiter } from '../../../src/index.js';
import { RedisStateStore } from '../../../adapters/slack/redis-state.js';
import { floodLimit, MemoryStateStore, type FloodDecision } from '../../../adapters/slack/state.js';
import { redisSkipReason, startRedisServer, type RedisServer } from '../../fakes/slack/redis-server.js';

let server: RedisServer;
let admin: RedisClientType;
let clock = 1_000_000;
let store: RedisStateStore;
let other: RedisStateStore;
let runs = 0;
/** A fresh prefix per test or property run, so runs never see each other's keys. */
const freshPrefix = () => `test:${(runs += 1)}:`;

describe.skipIf(redisSkipReason !== undefined)(
  `RedisStateStore against a real redis-server${redisSkipReason === undefined ? '' : ` (skipped: ${redisSkipReason})`}`,
  () => {
    beforeAll(async () => {
      server = await startRedisServer();
      admin = createClient({ url: server.url });
      await admin.connect();
      store = await RedisStateStore.connect(server.url, { prefix: 'shared:', now: () => clock });
      other = await RedisStateStore.connect(server.url, { prefix: 'shared:', now: () => clock });
    });

    afterAll(async () => {
      /* eslint-disable @typescript-eslint/no-unnecessary-condition -- unset when beforeAll failed */
      await Promise.all([store?.close(), other?.close()]);
      await admin?.close();
      await server?.stop();
      /* eslint-enable @typescript-eslint/no-unnecessary-condition */
    });

    test.prop([
      fc.array(fc.array(fc.constantFrom('event:a', 'event:b', 'message:c', 'message:d', 'event:e'), { minLength: 1, maxLength: 2 }), {
        maxLength: 20,
      }),
    ])('agrees with the memory store on which deliveries are first sightings', async (deliveries) => {
      const redis = await RedisStateStore.connect(server.url, { prefix: freshPrefix() });
      const memory = new MemoryStateStore();
      try {
        for (const keys of deliveries) expect(await redis.firstSighting(keys)).toBe(await memory.firstSighting(keys));
      } finally {
        await redis.close();
      }
    });

    test.prop(
      [fc.array(fc.record({ user: fc.constantFrom('ana', 'ben'), waitMs: fc.integer({ min: 0, max: 12_000 }) }), { maxLength: 30 })],
      { numRuns: 60 },
    )('lets through and refuses exactly as the core’s RateLimiter, with the same retry time', async (requests) => {
      const run = freshPrefix();
      const reference = new RateLimiter({ ...floodLimit, now: () => clock });
      for (const { user, waitMs } of requests) {
        clock += waitMs;
        const expected = reference.take(user);
        const decision: FloodDecision = expected.allowed ? { allowed: true } : { allowed: false, retryAfterMs: expected.retryAfterMs };
        expect(await store.allow(`${run}${user}`)).toEqual(decision);
      }
    });

    it('lets exactly one of two instances see an event first when both get it at once', async () => {
      const run = freshPrefix();
      const events = Array.from({ length: 100 }, (_, i) => [`event:${run}${i}`, `message:${run}C1:${i}.0`]);
      const verdicts = await Promise.all(events.map((keys) => Promise.all([store.firstSighting(keys), other.firstSighting(keys)])));
      expect(verdicts.filter(([a, b]) => a === b)).toEqual([]);
    });

    it('counts a member’s questions on every instance against one limit', async () => {
      const user = `${freshPrefix()}U1`;
      const allowed = [];
      for (let i = 0; i < 6; i += 1) allowed.push((await (i % 2 === 0 ? store : other).allow(user)).allowed);
      expect(allowed).toEqual([true, true, true, true, true, false]);
    });

    it('gives every key it writes an expiry, so Redis does not fill up', async () => {
      const run = freshPrefix();
      await store.firstSighting([`event:${run}`]);
      await store.allow(`${run}U1`);
      const seenTtl = await admin.pTTL(`shared:seen:event:${run}`);
      const floodTtl = await admin.pTTL(`shared:flood:${run}U1`);
      expect(seenTtl).toBeGreaterThan(0);
      expect(seenTtl).toBeLessThanOrEqual(60 * 60_000);
      expect(floodTtl).toBeGreaterThan(0);
      expect(floodTtl).toBeLessThanOrEqual(floodLimit.windowMs);
    });

    it('fails fast rather than waiting when Redis is gone, and closes its connection on close()', async () => {
      const named = async () => (await admin.clientList()).filter((client) => client.name === 'storybot-slack').length;
      const lonely = await RedisStateStore.connect(server.url, { prefix: freshPrefix() });
      const before = await named();
      await lonely.close();
      expect(await named()).toBe(before - 1);
      await expect(lonely.allow('U1')).rejects.toThrow();
    });

    it('gives up on a Redis that stops answering after a second, then fails at once while it still owes a reply', async () => {
      const stalled = await startRedisServer();
      const state = await RedisStateStore.connect(stalled.url);
      try {
        await stalled.pause(30_000);
        await expect(state.allow('U1')).rejects.toThrow('Redis did not answer within 1000 ms');
        await expect(state.firstSighting(['event:Ev1'])).rejects.toThrow('Redis has not answered earlier commands yet');
      } finally {
        await stalled.kill();
        await state.close();
      }
    });

    it('refuses to connect to a port where no Redis listens', async () => {
      const gone = await startRedisServer();
      await gone.stop();
      await expect(RedisStateStore.connect(gone.url)).rejects.toThrow(/ECONNREFUSED/);
    });
  },
);
