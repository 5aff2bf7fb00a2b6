import { createClient, type RedisClientType } from '@redis/client';
import type { Logger } from '../src/index.js';

/** How long one call may wait on Redis before the caller gives up on it (and falls back). */
const commandTimeoutMs = 1_000;

/** Commands waiting on Redis at most; past it, calls fail at once instead of piling up on a stalled server. */
const maxQueuedCommands = 1_000;

export type RedisConnectionOptions = {
  /** The name the connection shows in CLIENT LIST, for operators (`storybot-slack`). */
  readonly name: string;
  /** The front door whose log codes these are: `slack` logs `slack.redis_error` and `slack.redis_reconnected`. */
  readonly codePrefix: string;
  /** Told when the connection drops and comes back (the client reconnects by itself). */
  readonly logger?: Logger;
};

/**
 * One front door's connection to the Redis its instances share (Slack's event keys and flood limits, the
 * web's flood limits). Calls fail at once while disconnected and give up after a second on a Redis that
 * does not answer, so a caller can fall back (see `FailOpen`) instead of waiting on it.
 *
 * @example const redis = await RedisConnection.connect('redis://127.0.0.1:6379', { name: 'storybot-web', codePrefix: 'web' });
 */
export class RedisConnection {
  readonly #client: RedisClientType;
  #stalled = 0;

  private constructor(client: RedisClientType) {
    this.#client = client;
  }

  /**
   * Connects to `url` (`redis://[[user]:password@]host[:port][/db]`, or `rediss://` for TLS). The first
   * connection must succeed; after that, a lost connection is retried in the background.
   *
   * @throws the client's error when Redis cannot be reached or refuses the credentials.
   */
  static async connect(url: string, options: RedisConnectionOptions): Promise<RedisConnection> {
    let isConnected = false;
    const client: RedisClientType = createClient({
      url,
      name: options.name,
      disableOfflineQueue: true,
      commandsQueueMaxLength: maxQueuedCommands,
      commandOptions: { timeout: commandTimeoutMs },
      // Before the first connection, give up (connect() rejects); after it, retry every 0.1 to 2 s.
      socket: {
        connectTimeout: 2_000,
        reconnectStrategy: (retries, cause) => (isConnected ? Math.min(100 * (retries + 1), 2_000) : cause),
      },
    });
    watchConnection(client, options);
    await client.connect();
    isConnected = true;
    return new RedisConnection(client);
  }

  /**
   * Runs one command, giving up on it after `commandTimeoutMs`. While a command that outlived its
   * timeout has had no reply, Redis is stalled: later calls fail at once instead of each waiting out
   * its own timeout. The first reply (or error) that comes back ends that.
   */
  async call<T>(command: (client: RedisClientType) => Promise<T>): Promise<T> {
    if (this.#stalled > 0) throw new Error('Redis has not answered earlier commands yet');
    const pending = command(this.#client);
    try {
      return await within(commandTimeoutMs, pending);
    } catch (error) {
      if (error instanceof RedisTimeoutError) {
        this.#stalled += 1;
        const settled = () => void (this.#stalled -= 1);
        void pending.then(settled, settled);
      }
      throw error;
    }
  }

  /** Closes the connection once the replies still due have come, or at once when Redis no longer answers. */
  async close(): Promise<void> {
    if (!this.#client.isOpen) return;
    await within(commandTimeoutMs, this.#client.close()).catch(() => this.#client.destroy());
  }
}

/** Redis did not answer a command in time. */
class RedisTimeoutError extends Error {
  override name = 'RedisTimeoutError' as const;
}

/** Logs the connection's ups and downs; the client itself reconnects. Never logs the URL (it may hold a password). */
function watchConnection(client: RedisClientType, { codePrefix, logger }: RedisConnectionOptions): void {
  let wasLost = false;
  client.on('error', (error: unknown) =>
    logger?.('debug', 'Redis connection error', `${codePrefix}.redis_error`, { error: String(error) }),
  );
  client.on('reconnecting', () => void (wasLost = true));
  client.on('ready', () => {
    if (wasLost) logger?.('info', 'reconnected to Redis', `${codePrefix}.redis_reconnected`);
    wasLost = false;
  });
}

/**
 * Redis's answer, or a rejection after `ms`. node-redis's own command timeout only runs until a command
 * is written; a server that stalls after that (CLIENT PAUSE, a long script, a frozen host) holds the
 * reply for as long as it likes. The command is left to finish, or fail, on its own.
 */
async function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new RedisTimeoutError(`Redis did not answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
