import { fc, test } from '../support/property.js';
import { describe, expect } from 'vitest';
import { buildPassageData, invert, narrowest } from '../../src/search/index-data.js';
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

describe('narrowest', () => {
  test.prop([fc.array(fc.nat({ max: 2 ** 32 - 1 }), { maxLength: 50 })])(
    'keeps every number, in the narrowest width that holds them',
    (values) => {
      const array = narrowest(values);
      expect(Array.from(array)).toEqual(values);
      const largest = Math.max(0, ...values);
      expect(array.BYTES_PER_ELEMENT).toBe(largest < 2 ** 8 ? 1 : largest < 2 ** 16 ? 2 : 4);
    },
  );

  test.prop([fc.array(fc.nat({ max: 300 }), { maxLength: 20 })])(
    'is as wide as a given largest number needs, whatever the numbers',
    (values) => {
      expect(narrowest(values, 70_000).BYTES_PER_ELEMENT).toBe(4);
      expect(Array.from(narrowest(values, 70_000))).toEqual(values);
    },
  );
});
