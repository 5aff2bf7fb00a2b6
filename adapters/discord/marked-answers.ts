import { RecentKeys } from '../../src/index.js';

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
  readonly #pairs: RecentKeys;

  /** @param capacity how many pairs to remember. @default 20000 */
  constructor(capacity: number = defaultCapacity) {
    this.#pairs = new RecentKeys(capacity, 'MarkedAnswers');
  }

  /** Records that `userId` marked the answer in message `messageId`; true when they had not marked it before. */
  markFirst(messageId: string, userId: string): boolean {
    return this.#pairs.markFirst([`${messageId}:${userId}`]);
  }
}
