import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../src/index.js';

/** A clock the test moves by hand. */
function fakeClock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => void (now += ms) };
}

describe('RateLimiter', () => {
  it('allows 5 requests in 30 s and refuses the 6th with the time to wait', () => {
    const clock = fakeClock();
    const limiter = new RateLimiter({ now: clock.now });
    for (let i = 0; i < 5; i += 1) {
      expect(limiter.take('alice')).toEqual({ allowed: true });
      clock.advance(1_000);
    }
    expect(limiter.take('alice')).toEqual({ allowed: false, retryAfterMs: 25_000, retryAt: new Date(1_000_000 + 30_000) });
  });

  it('allows the key again once the oldest request leaves the window', () => {
    const clock = fakeClock();
    const limiter = new RateLimiter({ now: clock.now });
    for (let i = 0; i < 5; i += 1) limiter.take('alice');
    clock.advance(29_999);
    expect(limiter.take('alice')).toMatchObject({ allowed: false, retryAfterMs: 1 });
    clock.advance(1);
    expect(limiter.take('alice')).toEqual({ allowed: true });
  });

  it('does not count refused requests when a user keeps trying', () => {
    const clock = fakeClock();
    const limiter = new RateLimiter({ now: clock.now });
    for (let i = 0; i < 5; i += 1) limiter.take('alice');
    for (let i = 0; i < 10; i += 1) {
      clock.advance(1_000);
      expect(limiter.take('alice').allowed).toBe(false);
    }
    clock.advance(20_000);
    expect(limiter.take('alice')).toEqual({ allowed: true });
  });

  it('keeps keys independent when one user is limited', () => {
    const clock = fakeClock();
    const limiter = new RateLimiter({ now: clock.now });
    for (let i = 0; i < 5; i += 1) limiter.take('alice');
    expect(limiter.take('alice').allowed).toBe(false);
    expect(limiter.take('bob')).toEqual({ allowed: true });
  });

  it('honours a custom limit and window when given', () => {
    const clock = fakeClock();
    const limiter = new RateLimiter({ limit: 2, windowMs: 1_000, now: clock.now });
    expect([limiter.take('k').allowed, limiter.take('k').allowed, limiter.take('k').allowed]).toEqual([true, true, false]);
    clock.advance(1_000);
    expect(limiter.take('k').allowed).toBe(true);
  });

  it('still limits each user correctly when more than 10,000 keys have been seen', () => {
    const clock = fakeClock();
    const limiter = new RateLimiter({ limit: 1, now: clock.now });
    limiter.take('early');
    clock.advance(30_000);
    for (let i = 0; i < 10_001; i += 1) limiter.take(`user-${i}`);
    expect(limiter.take('user-0').allowed).toBe(false);
    expect(limiter.take('early').allowed).toBe(true);
  });
});
