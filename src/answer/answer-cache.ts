import type { Answer } from './types.js';

/**
 * The longest key (the question and its options) that is cached: a longer one is answered every time, so a
 * flood of long unique questions, or of long article names, cannot make the cache's keys large. Questions
 * are answered from their first 500 characters.
 */
const longestKey = 1000;

/**
 * The last `capacity` answers given, by question and options (least recently used first out). One cache
 * belongs to one corpus snapshot, so a reload, which swaps the snapshot, starts an empty one: an answer is
 * never served from a corpus that is no longer served. Answers are immutable, so one object is handed out
 * as often as its question is asked.
 *
 * @example
 * const cache = new AnswerCache(1000);
 * const answer = cache.get(question, options) ?? cache.set(question, options, answerQuestion(index, question, options));
 */
export class AnswerCache {
  readonly #capacity: number;
  readonly #answers = new Map<string, Answer>();

  /** @param capacity how many answers are kept; 0 keeps none. */
  constructor(capacity: number) {
    this.#capacity = Math.max(0, Math.floor(capacity));
  }

  /** How many answers are kept now. */
  get size(): number {
    return this.#answers.size;
  }

  /** The answer given last to `question` with `options`, if it is still kept. */
  get(question: string, options: object): Answer | undefined {
    const key = keyOf(question, options, this.#capacity);
    const answer = key === undefined ? undefined : this.#answers.get(key);
    if (answer === undefined || key === undefined) return undefined;
    // Map keeps insertion order: moving a hit to the end keeps the least recently used first.
    this.#answers.delete(key);
    this.#answers.set(key, answer);
    return answer;
  }

  /** Keeps `answer` as the answer to `question` with `options`, dropping the least recently used beyond capacity; returns it. */
  set(question: string, options: object, answer: Answer): Answer {
    const key = keyOf(question, options, this.#capacity);
    if (key === undefined) return answer;
    this.#answers.delete(key);
    this.#answers.set(key, answer);
    if (this.#answers.size > this.#capacity) {
      const oldest = this.#answers.keys().next();
      if (oldest.done !== true) this.#answers.delete(oldest.value);
    }
    return answer;
  }
}

/**
 * The cache key: the question exactly as asked (it is echoed in the answer) and every option that shapes the
 * answer, whatever options exist; undefined when nothing is cached.
 */
function keyOf(question: string, options: object, capacity: number): string | undefined {
  if (capacity === 0 || question.length > longestKey) return undefined;
  const key = `${JSON.stringify(options)}\u0000${question}`;
  return key.length > longestKey ? undefined : key;
}
