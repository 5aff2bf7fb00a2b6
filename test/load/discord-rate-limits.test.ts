import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../fakes/discord/harness.js';
import { askAll, reloadAll, shapeOf, untilAnswered } from '../fakes/discord/load.js';
import type { RateLimitRule } from '../fakes/discord/rate-limits.js';

// The stand-in shares the bot's process and CPU, so the 3 s acknowledgement window is widened (see
// discord-load.test.ts). What is checked is that each refused request was retried only after its
// Retry-After (the stand-in refuses an early retry again and records it) and that every answer landed once.
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ discord: { ackWindowMs: 60_000 } });
});
afterAll(async () => {
  await h.stop();
});
afterEach(() => {
  h.discord.rateLimits.rule = undefined;
});

/** Sends the load with `rule` in force, waits for every answer, then lets every handler finish (stop() waits for them). */
async function underRateLimits(rule: RateLimitRule, send: () => { asks: string[]; reloads: string[] }) {
  h.discord.rateLimits.rule = rule;
  const served = h.discord.rateLimits.served.length;
  const { asks, reloads } = send();
  await untilAnswered(h, asks);
  await untilAnswered(h, reloads, 2);
  await h.restart();
  const refused = h.discord.rateLimits.served.slice(served);
  console.log(
    `${asks.length + reloads.length} interactions in flight, ${refused.length} requests refused with 429 (${rule.scope ?? 'user'}, Retry-After ${rule.retryAfter} s): all answered`,
  );
  return { asks, reloads, refused };
}

function expectEachAnsweredOnce(asks: readonly string[], reloads: readonly string[]): void {
  for (const token of asks) expect(shapeOf(h.discord.responsesTo(token))).toEqual(['callback:4']);
  for (const token of reloads) expect(shapeOf(h.discord.responsesTo(token))).toEqual(['callback:5', 'edit']);
  expect(h.discord.rateLimits.early).toEqual([]);
  expect(h.discord.rejected).toEqual([]);
  expect(h.logger.entries.filter((e) => e.level === 'error' || e.level === 'warn')).toEqual([]);
}

describe('Discord under load when Discord answers 429 Too Many Requests', () => {
  it('waits out Retry-After on interaction callbacks and answers each of 1,000 /ask once', async () => {
    const { asks, reloads, refused } = await underRateLimits({ routes: ['callback'], every: 10, retryAfter: 1 }, () => ({
      asks: askAll(h, 1000, 0),
      reloads: [],
    }));
    expect(refused.length).toBeGreaterThanOrEqual(100);
    expectEachAnsweredOnce(asks, reloads);
  });

  it('waits out per-route limits on the interaction webhook: deferred replies are edited once', async () => {
    const rule: RateLimitRule = { routes: ['callback', 'webhook'], every: 7, retryAfter: 1, scope: 'shared' };
    const { asks, reloads, refused } = await underRateLimits(rule, () => ({ reloads: reloadAll(h, 100), asks: askAll(h, 900, 1000) }));
    expect(refused.filter((r) => r.route === 'webhook').length).toBeGreaterThan(0);
    expect(refused.filter((r) => r.route === 'callback').length).toBeGreaterThan(0);
    expectEachAnsweredOnce(asks, reloads);
  });

  it('waits out a global limit (X-RateLimit-Global) on the webhook', async () => {
    const { asks, reloads, refused } = await underRateLimits({ routes: ['webhook'], every: 5, retryAfter: 1, scope: 'global' }, () => ({
      reloads: reloadAll(h, 200),
      asks: [],
    }));
    expect(refused.length).toBeGreaterThanOrEqual(40);
    expectEachAnsweredOnce(asks, reloads);
  });
});
