import type { Logger } from '../../src/index.js';
import { allowInRedis } from '../flood-limit.js';
import { RedisConnection } from '../redis-connection.js';
import { floodLimit, type FloodDecision, type SlackStateStore } from './state.js';

/** How long an event key is remembered. Slack's last retry comes about 5 minutes after the first delivery. */
const seenTtlMs = 60 * 60_000;

/** The name the connection shows in CLIENT LIST, for operators. */
const clientName = 'storybot-slack';

export type RedisStateOptions = {
  /** Prepended to every key, so several bots can share one Redis. @default 'storybot:slack:' */
  readonly prefix?: string;
  /** The clock, for tests only; by default Redis's own clock times the flood limit. */
  readonly now?: () => number;
  /** How long event keys live, in ms. @default one hour */
  readonly seenTtlMs?: number;
  /** Told when the connection drops and comes back (the client reconnects by itself). */
  readonly logger?: Logger;
};

/**
 * The store several Slack instances share: event keys with `SET key 1 NX PX ttl` (all of one event's
 * keys in one MULTI, so two instances racing on one event cannot both see it first), and the flood
 * limit as a Lua script (`allowInRedis`, shared with the web front door). Calls fail at once while
 * disconnected and give up after a second on a Redis that does not answer (`RedisConnection`), so a
 * caller can fall back (see FallbackStateStore) instead of waiting on it.
 *
 * @example const state = await RedisStateStore.connect('redis://127.0.0.1:6379');
 */
export class RedisStateStore implements SlackStateStore {
  readonly #redis: RedisConnection;
  readonly #prefix: string;
  readonly #options: RedisStateOptions;

  private constructor(redis: RedisConnection, options: RedisStateOptions) {
    this.#redis = redis;
    this.#prefix = options.prefix ?? 'storybot:slack:';
    this.#options = options;
  }

  /**
   * Connects to `url` (`redis://[[user]:password@]host[:port][/db]`, or `rediss://` for TLS). The first
   * connection must succeed; after that, a lost connection is retried in the background.
   *
   * @throws the client's error when Redis cannot be reached or refuses the credentials.
   */
  static async connect(url: string, options: RedisStateOptions = {}): Promise<RedisStateStore> {
    const logger = options.logger === undefined ? {} : { logger: options.logger };
    return new RedisStateStore(await RedisConnection.connect(url, { name: clientName, codePrefix: 'slack', ...logger }), options);
  }

  async firstSighting(keys: readonly string[]): Promise<boolean> {
    const expiration = { type: 'PX', value: this.#options.seenTtlMs ?? seenTtlMs } as const;
    const replies = await this.#redis.call((client) => {
      const multi = client.multi();
      for (const key of new Set(keys)) multi.set(`${this.#prefix}seen:${key}`, '1', { condition: 'NX', expiration });
      return multi.exec();
    });
    return replies.every((reply: unknown) => reply === 'OK');
  }

  allow(key: string): Promise<FloodDecision> {
    return allowInRedis(this.#redis, `${this.#prefix}flood:${key}`, floodLimit, this.#options.now?.());
  }

  /** Closes the connection once the replies still due have come, or at once when Redis no longer answers. */
  close(): Promise<void> {
    return this.#redis.close();
  }
}
