import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { loadCorpus, PassageIndex } from '../../src/index.js';
import { analyze } from '../../src/text/analyze.js';
import { makeArticle, storyDir } from '../support/builders.js';

const story = new PassageIndex((await loadCorpus(storyDir)).articles);
const term = (word: string) => analyze(word)[0]?.term ?? '';
/** Every passage with its terms as objects, for comparing against a plain reading. */
const passagesOf = (index: PassageIndex) =>
  Array.from({ length: index.size }, (_, id) => {
    const passage = index.passage(id);
    return { ...passage, terms: index.termsOf(passage) };
  });

const words = ['fentanyl', 'cartel', 'border', 'drone', 'mexico', 'raid', 'senate', 'labs', 'troops'];
const paragraphOf = fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 12 }).map((w) => `${w.join(' ')}.`);

describe('PassageIndex', () => {
  it('indexes one passage per paragraph when the paragraphs are short', () => {
    expect(story.size).toBe(36);
    expect(passagesOf(story).map((p) => p.paragraph)).toEqual(Array.from({ length: 36 }, (_, i) => i + 1));
  });

  it('keeps terms whose offsets point at the words they came from', () => {
    const passage = passagesOf(story)[22];
    const harfuch = passage?.terms.find((t) => t.term === 'harfuch');
    expect(harfuch && passage?.text.slice(harfuch.start, harfuch.end)).toBe('Harfuch');
  });

  it.each([
    ['harfuch', 'harfuch', false],
    ['harfcuh', 'harfuch', true],
    ['fentnayl', 'fentanyl', true],
    ['fetanyl', 'fentanyl', true],
    ['sheinbuam', 'sheinbaum', true],
  ])('resolves %s to %s when it is a known word or a near typo', (typed, match, isCorrection) => {
    expect(story.resolve([term(typed)])[0]).toMatchObject({ match: term(match), isCorrection });
  });

  it('leaves a short unknown word and a far-off word unresolved', () => {
    expect(story.resolve(['cat', 'guacamol'])).toEqual([
      { term: 'cat', match: undefined, df: 0, isCorrection: false },
      { term: 'guacamol', match: undefined, df: 0, isCorrection: false },
    ]);
  });

  it('returns at most limit hits, best first, each holding a searched term', () => {
    const hits = story.search([term('fentanyl')], 4);
    expect(hits).toHaveLength(4);
    expect(hits.map((h) => h.score)).toEqual([...hits.map((h) => h.score)].sort((a, b) => b - a));
    for (const hit of hits) expect(passagesOf(story)[hit.passageId]?.terms.map((t) => t.term)).toContain(term('fentanyl'));
  });

  it('returns no hits when no term is in the vocabulary', () => {
    expect(story.search(['guacamol'], 10)).toEqual([]);
    expect(story.search([], 10)).toEqual([]);
  });

  test.prop([fc.array(paragraphOf, { minLength: 1, maxLength: 30 }), fc.constantFrom(...words)], { seed: 42 })(
    'agrees with a plain count of passages when asked for document frequency',
    async (paragraphs, word) => {
      const index = new PassageIndex([makeArticle({ paragraphs })]);
      const t = term(word);
      const expected = passagesOf(index).filter((p) => p.terms.some((x) => x.term === t)).length;
      expect(index.documentFrequency(t)).toBe(expected);
      // The same index read back from its serialized form (a worker's reply, a cache) behaves the same.
      const copy = await PassageIndex.fromSerialized([...index.articles.values()], index.serialize());
      expect(copy.documentFrequency(t)).toBe(expected);
      expect(copy.search([t], 1000)).toEqual(index.search([t], 1000));
      const hits = index.search([t], 1000).map((h) => h.passageId).sort((a, b) => a - b);
      const oracle = passagesOf(index).flatMap((p, id) => (p.terms.some((x) => x.term === t) ? [id] : []));
      if (expected <= 50) expect(hits).toEqual(oracle);
    },
  );

  describe('on a corpus large enough to have common terms', () => {
    // 600 passages: "mexico" in all (more than 10%: never searched), "cartel" in 60 (more than the floor
    // of 50 and 1%: searched only alone), "drone" in 3.
    const paragraphs = Array.from({ length: 600 }, (_, i) => `Mexico ${i % 10 === 0 ? 'cartel' : 'border'} ${i % 200 === 5 ? 'drone' : 'talks'} item${i}.`);
    const articles = [makeArticle({ paragraphs })];
    const index = new PassageIndex(articles);
    const [mexico, cartel, drone] = ['mexico', 'cartel', 'drone'].map(term);
    const ids = (hits: readonly { passageId: number }[]) => hits.map((hit) => hit.passageId).sort((a, b) => a - b);

    it('searches a common term when nothing rarer is asked, and never one in most passages', () => {
      expect(ids(index.search([cartel ?? ''], 1000))).toEqual(Array.from({ length: 60 }, (_, i) => 10 * i));
      expect(ids(index.search([cartel ?? '', drone ?? ''], 1000))).toEqual([5, 205, 405]);
      expect(index.search([mexico ?? ''], 1000)).toEqual([]);
    });

    test.each([false, true])('answers the same when read back (yielding: %s), and when asked again', async (yielding) => {
      const copy = await PassageIndex.fromSerialized(articles, index.serialize(), { yielding });
      for (const round of [1, 2]) {
        expect(copy.search([cartel ?? ''], 1000), `round ${round}`).toEqual(index.search([cartel ?? ''], 1000));
        expect(copy.search([drone ?? ''], 1000)).toEqual(index.search([drone ?? ''], 1000));
      }
    });
  });
});
