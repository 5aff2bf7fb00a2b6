import { RateLimiter } from '../../src/index.js';
import type { FloodDecision } from '../flood-limit.js';
import { SeenEvents } from './dedupe.js';

/** The flood limit of every Slack instance: at most `limit` questions per member in any `windowMs`. */
export const floodLimit = { limit: 5, windowMs: 30_000 } as const;

/** The flood limit's verdict on one question (shared by the front doors; see adapters/flood-limit.ts). */
export type { FloodDecision } from '../flood-limit.js';

/**
 * What the Slack front door remembers between requests: which events it has handled (Slack
 * redelivers) and who asked what when (the flood limit). One instance keeps it in memory
 * (`MemoryStateStore`); several behind one load balancer share it in Redis (`RedisStateStore`), so that
 * a retry landing on another instance is still recognised and a member's limit counts everywhere.
 */
export type SlackStateStore = {
  /**
   * Records every key of one event (its event id, its channel and timestamp) and says whether none of
   * them had been seen before, by any instance sharing the store: true means "first delivery, answer it".
   */
  firstSighting(keys: readonly string[]): Promise<boolean>;
  /** Counts a question from `key` (a Slack user id) if the flood limit lets it through now. */
  allow(key: string): Promise<FloodDecision>;
  /** Lets go of connections and timers; the store is not used after. */
  close(): Promise<void>;
};

export type MemoryStateOptions = {
  /** How many event keys to remember. @default 5000 (SeenEvents' default) */
  readonly capacity?: number;
  /** The clock, injectable for tests. @default Date.now */
  readonly now?: () => number;
};

/**
 * The store of one instance: `SeenEvents` and the core's `RateLimiter` in this process's memory, both
 * bounded. The default; enough for Socket Mode with one connection, or one HTTP instance.
 *
 * @example const state = new MemoryStateStore(); if (await state.firstSighting(['event:Ev01'])) answer();
 */
export class MemoryStateStore implements SlackStateStore {
  readonly #seen: SeenEvents;
  readonly #limiter: RateLimiter;

  constructor(options: MemoryStateOptions = {}) {
    this.#seen = new SeenEvents(options.capacity);
    this.#limiter = new RateLimiter({ ...floodLimit, ...(options.now === undefined ? {} : { now: options.now }) });
  }

  firstSighting(keys: readonly string[]): Promise<boolean> {
    return Promise.resolve(this.#seen.markFirst(keys));
  }

  allow(key: string): Promise<FloodDecision> {
    const decision = this.#limiter.take(key);
    return Promise.resolve(decision.allowed ? { allowed: true } : { allowed: false, retryAfterMs: decision.retryAfterMs });
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
