import { fc, test } from '../support/property.js';
import MiniSearch from 'minisearch';
import { describe, expect } from 'vitest';
import { loadCorpus } from '../../src/index.js';
import { Bm25Scorer } from '../../src/search/bm25.js';
import { buildPassageData, invert, type PassageData } from '../../src/search/index-data.js';
import { makeArticle, storyDir } from '../support/builders.js';

type TermDocument = { id: number; terms: string };
const miniSearchOptions = {
  fields: ['terms'],
  tokenize: (text: string) => (text === '' ? [] : text.split(' ')),
  processTerm: (t: string) => t,
};

/** The reference: MiniSearch as its documentation builds it, every passage added with its analyzed terms. */
function miniSearchOf(data: PassageData): MiniSearch<TermDocument> {
  const miniSearch = new MiniSearch<TermDocument>(miniSearchOptions);
  for (let id = 0; id < data.article.length; id += 1) {
    const ids = data.termIds.subarray(data.termStart[id], data.termStart[id + 1]);
    miniSearch.add({ id, terms: Array.from(ids, (term) => data.terms[term]).join(' ') });
  }
  return miniSearch;
}

/** Each passage's score for `query` (term ids), by MiniSearch and by the scorer, sorted by passage id. */
function bothScores(data: PassageData, query: readonly number[]) {
  const reference = miniSearchOf(data)
    .search(query.map((id) => data.terms[id]).join(' '))
    .map(({ id, score }) => ({ passageId: id as number, score }));
  const ours = new Bm25Scorer(invert(data)).search(
    query.map((id) => ({ id, weight: 1 })),
    data.article.length,
  );
  const byId = (hits: { passageId: number; score: number }[]) => [...hits].sort((a, b) => a.passageId - b.passageId);
  return { reference: byId(reference), ours: byId(ours), ranked: ours };
}

const words = ['cartel', 'cartels', 'border', 'drone', 'mexico', 'raid', 'senate', 'labs', 'troops', 'the', 'of'];
const story = buildPassageData((await loadCorpus(storyDir)).articles);

describe('Bm25Scorer', () => {
  test('scores every story term, and the first few together, as MiniSearch does', () => {
    const queries = [...story.terms.keys()].map((id) => [id]).concat([[0, 1, 2, 3, 4]]);
    for (const query of queries) {
      const { reference, ours } = bothScores(story, query);
      expect(ours.map((hit) => hit.passageId)).toEqual(reference.map((hit) => hit.passageId));
      ours.forEach((hit, i) => expect(hit.score).toBeCloseTo(reference[i]?.score ?? NaN, 9));
    }
  });

  test.prop([
    fc.array(
      fc.array(fc.constantFrom(...words), { maxLength: 15 }).map((w) => `${w.join(' ')}.`),
      { minLength: 1, maxLength: 12 },
    ),
    fc.array(fc.nat(), { minLength: 1, maxLength: 5 }),
  ])('matches MiniSearch on any corpus and query, repeated and missing words included', (paragraphs, picks) => {
    const data = buildPassageData([makeArticle({ paragraphs })]);
    if (data.terms.length === 0) return;
    const query = [...new Set(picks.map((pick) => pick % data.terms.length))];
    const { reference, ours, ranked } = bothScores(data, query);
    expect(ours.map((hit) => hit.passageId)).toEqual(reference.map((hit) => hit.passageId));
    ours.forEach((hit, i) => expect(hit.score).toBeCloseTo(reference[i]?.score ?? NaN, 9));
    // Best first, a tie broken by the lower passage id.
    for (let i = 1; i < ranked.length; i += 1) {
      const [before, after] = [ranked[i - 1], ranked[i]];
      expect(
        (before?.score ?? 0) > (after?.score ?? 0) ||
          (before?.score === after?.score && (before?.passageId ?? 0) < (after?.passageId ?? 0)),
      ).toBe(true);
    }
  });

  test.prop([fc.integer({ min: 0, max: 40 })])('keeps exactly the best `limit` hits', (limit) => {
    const query = [0, 3, 5, 8].map((id) => ({ id, weight: 1 }));
    const scorer = new Bm25Scorer(invert(story));
    const all = scorer.search(query, story.article.length);
    expect(scorer.search(query, limit)).toEqual(all.slice(0, limit));
  });

  test('scales a term by its weight, and leaves out what `accept` refuses', () => {
    const scorer = new Bm25Scorer(invert(story));
    const [whole] = scorer.search([{ id: 7, weight: 1 }], 1);
    const [half] = scorer.search([{ id: 7, weight: 0.5 }], 1);
    // Both the term's score and its count in the coordination factor are halved.
    expect(half?.score).toBeCloseTo((whole?.score ?? 0) / 4, 12);
    const odd = scorer.search([{ id: 7, weight: 1 }], 100, (passageId) => passageId % 2 === 1);
    expect(odd.every((hit) => hit.passageId % 2 === 1)).toBe(true);
  });

  // Words drawn Zipf-like: a few in most passages, most in few, as in text.
  const zipfWords = Array.from({ length: 40 }, (_, i) => `w${i}`);
  const zipfParagraph = fc
    .array(fc.integer({ min: 0, max: 2 ** 20 }), { minLength: 1, maxLength: 30 })
    .map((draws) => `${draws.map((n) => zipfWords[Math.floor(40 ** (n / 2 ** 20)) - 1] ?? 'w0').join(' ')}.`);

  test.prop([
    fc.array(zipfParagraph, { minLength: 20, maxLength: 120 }),
    fc.array(fc.record({ pick: fc.nat(), weight: fc.constantFrom(1, 0.7, 0.3, 0.25, 2) }), { minLength: 1, maxLength: 6 }),
    fc.integer({ min: 1, max: 12 }),
  ])(
    'gives what reading every posting gives, to the bit, when it reads the common terms only for the passages met',
    (paragraphs, picks, limit) => {
      const data = buildPassageData([makeArticle({ paragraphs })]);
      if (data.terms.length === 0) return;
      const query = picks.map(({ pick, weight }) => ({ id: pick % data.terms.length, weight }));
      const scorer = new Bm25Scorer(invert(data));
      const everyPosting = scorer.search(query, limit, () => true);
      const total = scorer.postingsRead;
      expect(scorer.search(query, limit)).toEqual(everyPosting);
      expect(scorer.postingsRead).toBeLessThanOrEqual(total);
    },
  );

  test('reads a common term only for the passages a rare one met, when no other passage could rank', () => {
    // 400 passages hold "common", 3 of them "rare" too.
    const paragraphs = Array.from({ length: 400 }, (_, i) => (i % 150 === 7 ? 'rare common words.' : `common words number ${i}.`));
    const data = buildPassageData([makeArticle({ paragraphs })]);
    const scorer = new Bm25Scorer(invert(data));
    const query = ['rare', 'common'].map((word) => ({ id: data.terms.indexOf(word), weight: 1 }));
    const pruned = scorer.search(query, 3);
    expect(scorer.postingsRead).toBe(3);
    expect(pruned.map((hit) => hit.passageId)).toEqual([7, 157, 307]);
    expect(pruned).toEqual(scorer.search(query, 3, () => true));
    expect(scorer.postingsRead).toBe(403);
  });
});
