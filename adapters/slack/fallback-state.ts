import type { Logger } from '../../src/index.js';
import { FailOpen } from '../fail-open.js';
import type { FloodDecision, SlackStateStore } from './state.js';

/**
 * A shared store (Redis) backed by this instance's memory. Every event key and question is recorded in
 * both; the shared store's verdict wins. When the shared store fails (down, unreachable, slower than its
 * timeout), the local one decides instead: the bot fails open to per-instance state, so members are
 * still answered (or told to slow down) and nothing throws. While it lasts, a retry that lands on another
 * instance may be answered twice, and a member's flood limit counts per instance. The first failure is
 * logged as a warning (`slack.state_degraded`), the recovery as info (`slack.state_restored`).
 *
 * @example new FallbackStateStore(await RedisStateStore.connect(url), new MemoryStateStore(), logger)
 */
export class FallbackStateStore implements SlackStateStore {
  readonly #shared: SlackStateStore;
  readonly #local: SlackStateStore;
  readonly #failOpen: FailOpen;

  constructor(shared: SlackStateStore, local: SlackStateStore, logger: Logger) {
    this.#shared = shared;
    this.#local = local;
    this.#failOpen = new FailOpen(logger, {
      degraded: {
        message: 'the shared Slack state (Redis) failed; deduplicating and flood-limiting in this instance’s memory until it is back',
        code: 'slack.state_degraded',
      },
      restored: { message: 'the shared Slack state (Redis) answers again', code: 'slack.state_restored' },
    });
  }

  /** True while the shared store is failing and this instance's memory decides. */
  get isDegraded(): boolean {
    return this.#failOpen.isDegraded;
  }

  async firstSighting(keys: readonly string[]): Promise<boolean> {
    const local = await this.#local.firstSighting(keys);
    return this.#failOpen.prefer(() => this.#shared.firstSighting(keys), local);
  }

  async allow(key: string): Promise<FloodDecision> {
    const local = await this.#local.allow(key);
    return this.#failOpen.prefer(() => this.#shared.allow(key), local);
  }

  async close(): Promise<void> {
    await Promise.all([this.#shared.close(), this.#local.close()]);
  }
}
