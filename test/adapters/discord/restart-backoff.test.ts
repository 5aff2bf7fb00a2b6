import { describe, expect, it, vi } from 'vitest';
import { RestartBackoff } from '../../../adapters/discord/sharding.js';

describe('RestartBackoff', () => {
  it('waits 1 s, then twice as long each time a shard dies soon after starting, up to a minute', () => {
    let now = 0;
    const backoff = new RestartBackoff(() => now);
    backoff.enabled = true;
    const delays: (number | undefined)[] = [];
    for (let death = 0; death < 9; death += 1) {
      backoff.started(3);
      now += 5_000;
      delays.push(backoff.delayAfterDeath(3));
    }
    expect(delays).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000]);
  });

  it('starts again after 1 s a shard that ran for a minute, and counts each shard on its own', () => {
    let now = 0;
    const backoff = new RestartBackoff(() => now);
    backoff.enabled = true;
    backoff.started(0);
    backoff.started(1);
    now += 1_000;
    expect([backoff.delayAfterDeath(0), backoff.delayAfterDeath(0), backoff.delayAfterDeath(1)]).toEqual([1_000, 2_000, 1_000]);
    backoff.started(0);
    now += 60_000;
    expect(backoff.delayAfterDeath(0)).toBe(1_000);
  });

  it('starts nothing while the shards start or after they stop, and stop() cancels restarts waiting', () => {
    vi.useFakeTimers();
    try {
      const backoff = new RestartBackoff();
      expect(backoff.delayAfterDeath(0)).toBeUndefined();
      backoff.enabled = true;
      const restart = vi.fn();
      backoff.schedule(1_000, restart);
      backoff.stop();
      vi.advanceTimersByTime(5_000);
      expect(restart).not.toHaveBeenCalled();
      expect(backoff.delayAfterDeath(0)).toBeUndefined();
    } finally {
      vi.useRealTimers();
    }
  });
});
