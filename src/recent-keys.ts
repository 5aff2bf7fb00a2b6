/**
 * The keys seen lately, so that what is done once per key (an answer per Slack event, a mark per member
 * and answer) is done once however often the key comes. Bounded: past `capacity` keys, the one seen
 * longest ago is forgotten first; a restart forgets them all. The front doors keep their own kinds of key.
 *
 * @example const seen = new RecentKeys(1000); if (seen.markFirst([eventId])) answer();
 */
export class RecentKeys {
  readonly #capacity: number;
  readonly #keys = new Set<string>();

  /** @param name what the keys are, for the error a bad capacity gets. */
  constructor(capacity: number, name = 'RecentKeys') {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`${name} capacity must be a positive integer, got ${capacity}`);
    this.#capacity = capacity;
  }

  /** Records every key of `keys` as just seen, and says whether none of them had been seen: true means "the first time". */
  markFirst(keys: readonly string[]): boolean {
    const isFirst = keys.every((key) => !this.#keys.has(key));
    for (const key of keys) this.#remember(key);
    return isFirst;
  }

  /** How many keys are remembered now (at most the capacity). */
  get size(): number {
    return this.#keys.size;
  }

  #remember(key: string): void {
    this.#keys.delete(key);
    this.#keys.add(key);
    while (this.#keys.size > this.#capacity) {
      const oldest = this.#keys.values().next();
      if (oldest.done === true) return;
      this.#keys.delete(oldest.value);
    }
  }
}
