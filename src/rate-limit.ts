/** The verdict for one request: allowed, or refused until `retryAt`. */
export type RateDecision = { readonly allowed: true } | { readonly allowed: false; readonly retryAt: Date; readonly retryAfterMs: number };

export type RateLimiterOptions = {
  /** Requests allowed per key within `windowMs`. @default 5 */
  readonly limit?: number;
  /** The sliding window, in milliseconds. @default 30_000 */
  readonly windowMs?: number;
  /** The clock, injectable for tests. */
  readonly now?: () => number;
};

/**
 * A sliding-window limiter per key (a platform user id): at most `limit` requests in any `windowMs`.
 * Refused requests do not count, so a member who waits is let back in on time. Memory stays bounded:
 * keys whose requests have all expired are dropped as new requests arrive.
 *
 * @example const limiter = new RateLimiter(); if (!limiter.take(userId).allowed) reply('Slow down');
 */
export class RateLimiter {
  readonly #limit: number;
  readonly #windowMs: number;
  readonly #now: () => number;
  readonly #requests = new Map<string, number[]>();

  constructor(options: RateLimiterOptions = {}) {
    this.#limit = options.limit ?? 5;
    this.#windowMs = options.windowMs ?? 30_000;
    this.#now = options.now ?? Date.now;
  }

  /** Counts a request for `key` if it is allowed now. */
  take(key: string): RateDecision {
    const now = this.#now();
    const recent = (this.#requests.get(key) ?? []).filter((time) => now - time < this.#windowMs);
    if (recent.length >= this.#limit) {
      const retryAfterMs = (recent[0] ?? now) + this.#windowMs - now;
      this.#requests.set(key, recent);
      return { allowed: false, retryAt: new Date(now + retryAfterMs), retryAfterMs };
    }
    recent.push(now);
    this.#requests.set(key, recent);
    if (this.#requests.size > 10_000) this.#sweep(now);
    return { allowed: true };
  }

  #sweep(now: number): void {
    for (const [key, times] of this.#requests) {
      if (times.every((time) => now - time >= this.#windowMs)) this.#requests.delete(key);
    }
  }
}
