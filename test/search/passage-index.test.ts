import { fc, test } from '../support/property.js';
import { describe, expect, it } from 'vitest';
import { loadCorpus, PassageIndex } from '../../src/index.js';
import { analyze } from '../../src/text/analyze.js';
import { generateCorpus } from '../../scripts/synthetic-corpus.js';
import { makeArticle, storyDir } from '../support/builders.js';
import { levenshtein, optimalStringAlignment } from '../support/edit-distance.js';

const story = new PassageIndex((await loadCorpus(storyDir)).articles);
const term = (word: string) => analyze(word)[0]?.term ?? '';
/** Words as a query: each known word's term id at weight 1. */
const query = (index: PassageIndex, ...words: string[]) =>
  words.flatMap((word) => index.termId(term(word)) ?? []).map((id) => ({ id, weight: 1 }));
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
      { term: 'cat', match: undefined, id: undefined, df: 0, isCorrection: false },
      { term: 'guacamol', match: undefined, id: undefined, df: 0, isCorrection: false },
    ]);
  });

  // A plain reading of the rule: every known word within reach, by Damerau-Levenshtein distance (a
  // swap counts less when it only reorders letters), then the commoner word, then alphabetical order.
  // The story's vocabulary is small enough to be scanned; the generated one, of several thousand
  // words, is searched through MiniSearch's radix tree: both must follow the rule.
  const generated = new PassageIndex(generateCorpus({ articles: 40, paragraphsPerArticle: 10, seed: 3 }).articles);
  describe.each([
    ['the story', story],
    ['a generated corpus', generated],
  ])('spelling correction over %s', (_, index) => {
    const vocabulary = Array.from({ length: index.vocabularySize }, (_, id) => index.term(id)).sort();
    it('has the vocabulary size the test means', () => {
      expect(vocabulary.length < 2_500).toBe(index === story);
    });
    const typoOf = fc
      .record({
        word: fc.constantFrom(...vocabulary.filter((w) => w.length >= 5)),
        at: fc.nat(),
        kind: fc.constantFrom('swap', 'drop', 'add', 'change'),
        letter: fc.constantFrom(...Array.from('aeiourstnlcm')),
      })
      .map(({ word, at, kind, letter }) => {
        const i = at % (word.length - 1);
        if (kind === 'swap') return word.slice(0, i) + word.charAt(i + 1) + word.charAt(i) + word.slice(i + 2);
        if (kind === 'drop') return word.slice(0, i) + word.slice(i + 1);
        return word.slice(0, i) + letter + word.slice(kind === 'add' ? i : i + 1);
      });
    test.prop(
      [
        fc.oneof(
          typoOf,
          typoOf.chain((typo) => typoOf.map((more) => typo + more.slice(0, 3))),
        ),
      ],
      { seed: 7, numRuns: index === story ? 300 : 100 },
    )('corrects a typo to the same word as a search of the whole vocabulary would', (typed) => {
      const edits = typed.length >= 9 ? 2 : typed.length >= 6 ? 1 : 0;
      const sorted = (w: string) => [...w].sort().join('');
      let expected: { match: string; df: number; distance: number } | undefined;
      for (const word of vocabulary) {
        if (Math.abs(word.length - typed.length) > 2) continue; // no two edits reach it
        const reachable = edits === 2 ? levenshtein(typed, word) <= 2 : optimalStringAlignment(typed, word) <= 1;
        const distance = optimalStringAlignment(typed, word) - (sorted(word) === sorted(typed) ? 0.5 : 0);
        if (edits === 0 || !reachable || distance > edits) continue;
        const option = { match: word, df: index.documentFrequency(word), distance };
        if (
          expected === undefined ||
          [option.distance - expected.distance, expected.df - option.df, option.match < expected.match ? -1 : 1].find((d) => d !== 0)! < 0
        )
          expected = option;
      }
      const [resolved] = index.resolve([typed]);
      if (vocabulary.includes(typed)) expect(resolved?.match).toBe(typed);
      else expect(resolved?.match).toBe(expected?.match);
    });
  });

  it('returns at most limit hits, best first, each holding a searched term', () => {
    const hits = story.search(query(story, 'fentanyl'), 4);
    expect(hits).toHaveLength(4);
    expect(hits.map((h) => h.score)).toEqual([...hits.map((h) => h.score)].sort((a, b) => b - a));
    for (const hit of hits) expect(passagesOf(story)[hit.passageId]?.terms.map((t) => t.term)).toContain(term('fentanyl'));
  });

  it('searches by every term asked: a passage holding more of them ranks higher', () => {
    const asked = query(story, 'fentanyl', 'cartel', 'harfuch', 'venezuela', 'senate', 'navy');
    expect(asked).toHaveLength(6);
    const [best] = story.search(asked, 1);
    const heldBy = (passageId: number) => asked.filter(({ id }) => story.termIdsOf(passageId).includes(id)).length;
    const most = Math.max(...Array.from({ length: story.size }, (_, p) => heldBy(p)));
    expect(heldBy(best?.passageId ?? -1)).toBe(most);
  });

  it('returns no hits when no term is asked, and only the article asked for when one is', () => {
    expect(story.search(query(story, 'guacamole'), 10)).toEqual([]);
    expect(story.search([], 10)).toEqual([]);
    expect(story.search(query(story, 'fentanyl'), 10, 'no-such-article')).toEqual([]);
    const [article] = [...story.articles.keys()];
    expect(story.search(query(story, 'fentanyl'), 10, article)).toEqual(story.search(query(story, 'fentanyl'), 10));
  });

  test.prop([fc.array(paragraphOf, { minLength: 1, maxLength: 30 }), fc.constantFrom(...words)], { seed: 42 })(
    'agrees with a plain count of passages when asked for document frequency',
    async (paragraphs, word) => {
      const index = new PassageIndex([makeArticle({ paragraphs })]);
      const t = term(word);
      const expected = passagesOf(index).filter((p) => p.terms.some((x) => x.term === t)).length;
      expect(index.documentFrequency(t)).toBe(expected);
      // The same index read back from its serialized form (a worker's reply, a cache) behaves the same.
      const copy = PassageIndex.fromSerialized([...index.articles.values()], index.serialize());
      expect(copy.documentFrequency(t)).toBe(expected);
      expect(copy.search(query(index, word), 1000)).toEqual(index.search(query(index, word), 1000));
      const hits = index
        .search(query(index, word), 1000)
        .map((h) => h.passageId)
        .sort((a, b) => a - b);
      const oracle = passagesOf(index).flatMap((p, id) => (p.terms.some((x) => x.term === t) ? [id] : []));
      expect(hits).toEqual(oracle);
    },
  );
});

describe('PassageIndex.fromSerializedInSteps', () => {
  it('makes the same index as fromSerialized, growing a large vocabulary between turns of the event loop', async () => {
    const { articles } = generateCorpus({ articles: 40 });
    const built = new PassageIndex(articles);
    expect(built.vocabularySize).toBeGreaterThan(2_500 + 4_000);
    let turns = 0;
    const counting = setInterval(() => (turns += 1), 0);
    const stepped = await PassageIndex.fromSerializedInSteps(articles, built.serialize());
    clearInterval(counting);
    expect(turns).toBeGreaterThan(0);
    const typos = ['kamotari', 'vanfasinn', 'luprtaor', 'zetorfa'];
    expect(stepped.resolve(typos)).toEqual(built.resolve(typos));
    for (let id = 0; id < built.vocabularySize; id += 97) expect(stepped.termId(built.term(id))).toBe(id);
    expect(stepped.search(query(stepped, 'kamo', 'tari'), 10)).toEqual(built.search(query(built, 'kamo', 'tari'), 10));
  });
});
