/** How many (answer, member) pairs are remembered by default: days of marks for a busy server. */
const defaultCapacity = 20_000;

/**
 * Which members have marked which answers (Helpful or Not helpful), so that each member's mark on an
 * answer counts once however often the buttons are clicked. Bounded: past `capacity` pairs the oldest
 * are forgotten first; a restart forgets them all.
 *
 * @example const marked = new MarkedAnswers(); if (marked.markFirst(messageId, userId)) record();
 */
export class MarkedAnswers {
  readonly #capacity: number;
  readonly #pairs = new Set<string>();

  /** @param capacity how many pairs to remember. @default 20000 */
  constructor(capacity: number = defaultCapacity) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new RangeError(`MarkedAnswers capacity must be a positive integer, got ${capacity}`);
    this.#capacity = capacity;
  }

  /** Records that `userId` marked the answer in message `messageId`; true when they had not marked it before. */
  markFirst(messageId: string, userId: string): boolean {
    const pair = `${messageId}:${userId}`;
    if (this.#pairs.has(pair)) return false;
    this.#pairs.add(pair);
    if (this.#pairs.size > this.#capacity) {
      const oldest = this.#pairs.values().next();
      if (oldest.done !== true) this.#pairs.delete(oldest.value);
    }
    return true;
  }
}
