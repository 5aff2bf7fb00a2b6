import type { Logger } from '../src/index.js';

/** What to log when the shared store fails, and when it answers again. */
export type FailOpenMessages = {
  readonly degraded: { readonly message: string; readonly code: string };
  readonly restored: { readonly message: string; readonly code: string };
};

/**
 * Prefers a shared store's verdict (Redis, several instances) and falls back to this instance's own when
 * the shared one fails (down, unreachable, slower than its timeout): the front door fails open, so people
 * are still answered (or told to slow down) and nothing throws. The first failure is logged as a warning,
 * the recovery as info, once each.
 *
 * @example await failOpen.prefer(() => redisVerdict(), localVerdict)
 */
export class FailOpen {
  readonly #logger: Logger;
  readonly #messages: FailOpenMessages;
  #isDegraded = false;

  constructor(logger: Logger, messages: FailOpenMessages) {
    this.#logger = logger;
    this.#messages = messages;
  }

  /** True while the shared store is failing and this instance's own state decides. */
  get isDegraded(): boolean {
    return this.#isDegraded;
  }

  /** The shared store's verdict, or `local` when asking it fails. */
  async prefer<T>(shared: () => Promise<T>, local: T): Promise<T> {
    try {
      const verdict = await shared();
      if (this.#isDegraded) this.#logger('info', this.#messages.restored.message, this.#messages.restored.code);
      this.#isDegraded = false;
      return verdict;
    } catch (error) {
      if (!this.#isDegraded) this.#logger('warn', this.#messages.degraded.message, this.#messages.degraded.code, { error });
      this.#isDegraded = true;
      return local;
    }
  }
}
