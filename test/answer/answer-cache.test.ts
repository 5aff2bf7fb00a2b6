import { describe, expect, it } from 'vitest';
import { AnswerCache } from '../../src/answer/answer-cache.js';
import { answerQuestion, PassageIndex, type Answer } from '../../src/index.js';
import { makeArticle } from '../support/builders.js';
import { fc, test } from '../support/property.js';

const index = new PassageIndex([makeArticle({ paragraphs: ['Ships sail at dawn.'] })]);
/** A real answer, a new object on every call. */
const answerTo = (question: string): Answer => answerQuestion(index, question);

/** The reference: an array of [key, answer], most recently used last, cut to `capacity` from the front. */
class ReferenceCache {
  entries: [string, Answer][] = [];
  constructor(readonly capacity: number) {}
  get(key: string): Answer | undefined {
    const at = this.entries.findIndex(([k]) => k === key);
    if (at === -1) return undefined;
    const [entry] = this.entries.splice(at, 1);
    if (entry !== undefined) this.entries.push(entry);
    return entry?.[1];
  }
  set(key: string, answer: Answer): void {
    this.entries = this.entries.filter(([k]) => k !== key);
    this.entries.push([key, answer]);
    this.entries = this.entries.slice(Math.max(0, this.entries.length - this.capacity));
  }
}

describe('AnswerCache', () => {
  it('hands back the very answer kept when the question and options match', () => {
    const cache = new AnswerCache(10);
    const answer = cache.set('who?', { top: 3 }, answerTo('who?'));
    expect(cache.get('who?', { top: 3 })).toBe(answer);
  });

  it('keeps answers apart when the options or the question differ in any way', () => {
    const cache = new AnswerCache(10);
    cache.set('who?', { top: 3 }, answerTo('who?'));
    expect(cache.get('who?', { top: 1 })).toBeUndefined();
    expect(cache.get('who?', { top: 3, article: 'a' })).toBeUndefined();
    expect(cache.get('Who?', { top: 3 })).toBeUndefined();
    expect(cache.get('who? ', { top: 3 })).toBeUndefined();
  });

  it('keeps nothing when its capacity is 0, and no question or options over 1,000 characters', () => {
    const off = new AnswerCache(0);
    off.set('who?', {}, answerTo('who?'));
    expect(off.get('who?', {})).toBeUndefined();
    const cache = new AnswerCache(10);
    const long = 'x'.repeat(1001);
    cache.set(long, {}, answerTo(long));
    expect(cache.get(long, {})).toBeUndefined();
    cache.set('who?', { article: long }, answerTo('who?'));
    expect(cache.get('who?', { article: long })).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  test.prop([
    fc.integer({ min: 1, max: 5 }),
    fc.array(fc.tuple(fc.boolean(), fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g')), { maxLength: 60 }),
  ])('gets and drops exactly as a least-recently-used list would', (capacity, steps) => {
    const cache = new AnswerCache(capacity);
    const reference = new ReferenceCache(capacity);
    for (const [isSet, question] of steps) {
      if (isSet) {
        const answer = answerTo(question);
        cache.set(question, {}, answer);
        reference.set(question, answer);
      } else {
        expect(cache.get(question, {})).toBe(reference.get(question));
      }
      expect(cache.size).toBe(reference.entries.length);
    }
  });
});
