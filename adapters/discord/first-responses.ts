/** The longest a deferred answer waits for its turn while first responses keep coming. */
const maxWaitMs = 1_000;

/**
 * Puts first responses before all other work. Discord refuses an interaction's first response (its answer,
 * or "thinking…") after 3 s; an interaction already acknowledged has 15 minutes for its answer. So the
 * work of a deferred answer waits its `turn()`: when no interaction awaits its first response (or after at
 * most a second), one deferred answer per turn of the event loop, so that new interactions and the
 * responses in flight are handled between them. In a burst, every acknowledgement goes out before any
 * deferred answer is worked out.
 *
 * @example const done = firstResponses.expect(); … await interaction.deferReply(); done(); await firstResponses.turn();
 */
export class FirstResponses {
  #awaiting = 0;
  readonly #waiting: { readonly resolve: () => void; readonly since: number }[] = [];
  #timer: NodeJS.Timeout | undefined;
  #isImmediate = false;

  /** How many interactions await their first response. */
  get awaiting(): number {
    return this.#awaiting;
  }

  /** An interaction came in: call the returned function once its first response is sent, or will never be (more calls do nothing). */
  expect(): () => void {
    this.#awaiting += 1;
    let isDone = false;
    return () => {
      if (isDone) return;
      isDone = true;
      this.#awaiting -= 1;
      if (this.#awaiting === 0) this.#schedule();
    };
  }

  /** Resolves when the caller, a deferred answer, may do its work. */
  turn(): Promise<void> {
    return new Promise((resolve) => {
      this.#waiting.push({ resolve, since: performance.now() });
      this.#schedule();
    });
  }

  /** Runs the next waiter on the next turn when its time has come, else sets a timer for when it will. */
  #schedule(): void {
    const head = this.#waiting[0];
    if (head === undefined || this.#isImmediate) return;
    const wait = this.#awaiting === 0 ? 0 : head.since + maxWaitMs - performance.now();
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (wait > 0) {
      this.#timer = setTimeout(() => this.#schedule(), wait);
      return;
    }
    this.#isImmediate = true;
    setImmediate(() => {
      this.#isImmediate = false;
      this.#waiting.shift()?.resolve();
      this.#schedule();
    });
  }
}
