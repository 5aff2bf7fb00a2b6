import { EventEmitter } from 'node:events';

/**
 * A list that records what happened and lets a test wait for an entry matching a predicate, without
 * sleeping: it resolves as soon as one is recorded, or rejects after `timeoutMs` naming what it waited for.
 */
export class Recorder<T> {
  readonly entries: T[] = [];
  readonly #changes = new EventEmitter();

  add(entry: T): void {
    this.entries.push(entry);
    this.#changes.emit('added');
  }

  /** The `count`-th entry (1-based) matching `predicate`, now or when it arrives. */
  async waitFor(predicate: (entry: T) => boolean, what: string, { count = 1, timeoutMs = 10_000 } = {}): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const check = () => {
        const found = this.entries.filter(predicate)[count - 1];
        if (found === undefined) return;
        clearTimeout(timer);
        this.#changes.off('added', check);
        resolve(found);
      };
      const timer = setTimeout(() => {
        this.#changes.off('added', check);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what} (recorded ${this.entries.length})`));
      }, timeoutMs);
      this.#changes.on('added', check);
      check();
    });
  }

  /** Forgets every entry (between rounds of a load, so the records do not count as the app's memory). */
  clear(): void {
    this.entries.length = 0;
  }

  filter(predicate: (entry: T) => boolean): T[] {
    return this.entries.filter(predicate);
  }
}
