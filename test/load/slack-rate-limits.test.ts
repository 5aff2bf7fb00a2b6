import { describe, expect, it } from 'vitest';
import type { ApiCall } from '../fakes/slack/fake-slack.js';
import { answersPerQuestion, makeLoad, sendLoad, untilAnswered, useLoadRig } from '../fakes/slack/load.js';

const rig = useLoadRig();

/** Slack's Retry-After for the rate-limited calls, in seconds. */
const retryAfter = 1;

describe('Slack rate limits under load', () => {
  it('waits out every 429 with Retry-After and still posts each of 1,000 answers exactly once', async () => {
    const { fake, log } = rig();
    // Every 40th chat.postMessage is refused (never the same message twice), spread through the load.
    const limitedChannels = new Set<string>();
    fake.failWhen('chat.postMessage', ({ params }, index) => {
      const channel = params['channel'] ?? '';
      if (index % 40 !== 20 || limitedChannels.has(channel)) return undefined;
      limitedChannels.add(channel);
      return { status: 429, retryAfter };
    });
    const load = makeLoad(fake, 'limited', 1_000, ['mention', 'dm']);
    const started = performance.now();
    sendLoad(fake, load);
    await untilAnswered(fake, load);
    const seconds = (performance.now() - started) / 1000;

    expect(answersPerQuestion(fake, load).filter((count) => count !== 1)).toEqual([]);
    const limited = fake.calls.filter((call) => call.status === 429);
    expect(limited.length).toBe(limitedChannels.size);
    expect(limited.length).toBeGreaterThanOrEqual(20);
    // Causality, not speed: a refused message comes back no sooner than Slack said (50 ms for timer rounding).
    const waits = limited.map((refused) => retriedAfter(refused, fake.calls.entries));
    expect(waits.filter((ms) => ms < retryAfter * 1000 - 50)).toEqual([]);
    expect(log.filter((e) => e.code === 'slack.bolt' && e.message.includes('rate limiting'))).toHaveLength(limited.length);
    expect(log.filter((e) => e.level === 'error')).toEqual([]);
    console.log(
      `[slack 429] 1,000 answers, ${limited.length} calls refused with Retry-After: ${retryAfter}; shortest wait ${Math.round(Math.min(...waits))} ms; all answered in ${seconds.toFixed(1)} s`,
    );
  }, 120_000);
});

/** How long after `refused` the same message was posted successfully. */
function retriedAfter(refused: ApiCall, calls: readonly ApiCall[]): number {
  const channel = refused.params['channel'];
  const posted = calls.find((call) => call.status === 200 && call.method === 'chat.postMessage' && call.params['channel'] === channel);
  return posted === undefined ? Number.NaN : posted.at - refused.at;
}
