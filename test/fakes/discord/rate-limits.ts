/**
 * The stand-in's rate limits: a rule makes it answer some requests 429 Too Many Requests with the
 * headers and body Discord sends, and it checks the retry waits as long as it was told.
 * @see https://discord.com/developers/docs/topics/rate-limits#exceeding-a-rate-limit
 */

/** Which requests a rule covers: interaction callbacks, or the interaction webhook (edit, follow-up, delete). */
export type LimitedRoute = 'callback' | 'webhook';

export type RateLimitRule = {
  readonly routes: readonly LimitedRoute[];
  /** Every n-th first attempt on those routes is refused once; its retry then passes. */
  readonly every: number;
  /** Seconds to wait, as Retry-After (and `retry_after` in the body) says. */
  readonly retryAfter: number;
  /** `user` and `shared` are per-route limits; `global` also sends X-RateLimit-Global. @default 'user' */
  readonly scope?: 'user' | 'global' | 'shared';
};

/** A 429 to send: status, headers and body. */
export type TooManyRequests = { readonly headers: Record<string, string>; readonly body: Record<string, unknown> };

/** Keeps the rule, which requests were refused and when, and any retry that came too early. */
export class RateLimits {
  rule: RateLimitRule | undefined;
  /** Every 429 sent, by route. */
  readonly served: { readonly route: LimitedRoute; readonly path: string }[] = [];
  /** Retries that came before Retry-After had passed: tests assert this stays empty. */
  readonly early: string[] = [];
  #seen = 0;
  /** When each refused request (method, path and body) may be retried, in ms since the epoch. */
  readonly #retryAt = new Map<string, number>();

  /** The 429 to answer `method path` with, or undefined to let it through. */
  check(route: LimitedRoute | undefined, method: string, path: string, body: string): TooManyRequests | undefined {
    const rule = this.rule;
    if (rule === undefined || route === undefined || !rule.routes.includes(route)) return undefined;
    const key = `${method} ${path} ${body}`;
    const retryAt = this.#retryAt.get(key);
    if (retryAt !== undefined) {
      if (Date.now() >= retryAt) return void this.#retryAt.delete(key);
      this.early.push(`${key.slice(0, 120)}: retried ${retryAt - Date.now()} ms early`);
      return this.#refuse(rule, route, path, key);
    }
    this.#seen += 1;
    return this.#seen % rule.every === 0 ? this.#refuse(rule, route, path, key) : undefined;
  }

  #refuse(rule: RateLimitRule, route: LimitedRoute, path: string, key: string): TooManyRequests {
    this.#retryAt.set(key, Date.now() + rule.retryAfter * 1000);
    this.served.push({ route, path });
    return tooManyRequests(rule, route);
  }
}

/** Discord's 429: Retry-After in seconds, the bucket headers, and for a global limit X-RateLimit-Global. */
function tooManyRequests(rule: RateLimitRule, route: LimitedRoute): TooManyRequests {
  const scope = rule.scope ?? 'user';
  const seconds = String(rule.retryAfter);
  const bucket = {
    'x-ratelimit-limit': '5',
    'x-ratelimit-remaining': '0',
    'x-ratelimit-reset': ((Date.now() + rule.retryAfter * 1000) / 1000).toFixed(3),
    'x-ratelimit-reset-after': seconds,
    'x-ratelimit-bucket': `fake-${route}-bucket`,
  };
  const headers = {
    'retry-after': seconds,
    'x-ratelimit-scope': scope,
    ...(scope === 'global' ? { 'x-ratelimit-global': 'true' } : bucket),
  };
  return { headers, body: { message: 'You are being rate limited.', retry_after: rule.retryAfter, global: scope === 'global' } };
}
