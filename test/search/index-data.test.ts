import { fc, test } from '../support/property.js';
import { describe, expect } from 'vitest';
import { buildPassageData, invert } from '../../src/search/index-data.js';
import { makeArticle } from '../support/builders.js';

const words = ['cartel', 'cartels', 'border', 'drone', 'mexico', 'raid', 'senate', 'labs', 'troops', 'the', 'of'];

describe('invert', () => {
  test.prop([
    fc.array(
      fc.array(fc.constantFrom(...words), { maxLength: 15 }).map((w) => `${w.join(' ')}.`),
      { minLength: 1, maxLength: 12 },
    ),
  ])('groups the passages by term as a plain count of each passage does', (paragraphs) => {
    const data = buildPassageData([makeArticle({ paragraphs })]);
    const inverted = invert(data);
    const passages = Array.from({ length: data.article.length }, (_, p) =>
      Array.from(data.termIds.subarray(data.termStart[p], data.termStart[p + 1])),
    );
    data.terms.forEach((_, term) => {
      const from = inverted.start[term] ?? 0;
      const to = inverted.start[term + 1] ?? 0;
      const expected = passages.flatMap((ids, p) => (ids.includes(term) ? [[p, ids.filter((id) => id === term).length]] : []));
      const actual = Array.from(inverted.passage.subarray(from, to), (p, i) => [p, inverted.count[from + i]]);
      expect(actual).toEqual(expected);
      expect(data.df[term]).toBe(expected.length);
    });
    const distinct = passages.map((ids) => new Set(ids).size);
    expect(Array.from(inverted.distinct)).toEqual(distinct);
    expect(inverted.average).toBeCloseTo(distinct.reduce((a, b) => a + b, 0) / distinct.length, 9);
  });
});
