import SearchableMap from 'minisearch/SearchableMap';
import type { Article } from '../corpus/schema.js';
import type { Passage, SplitOptions } from '../passages/split.js';
import type { Term } from '../text/analyze.js';
import type { Span } from '../text/sentences.js';
import { Bm25Scorer, type Hit, type WeightedTerm } from './bm25.js';
import { indexFormatVersion, serializedIndexOf, type Inversion, type PassageData, type SerializedIndex, type Whole } from './index-data.js';
import { Spellings } from './spelling.js';

export type { Hit, WeightedTerm } from './bm25.js';
export type { Whole } from './index-data.js';

/**
 * A passage as indexed: where it stands, its text, and its analyzed terms as vocabulary ids with their
 * offsets in the text (views into the index's arrays, not copies).
 */
export type IndexedPassage = Passage & {
  readonly termIds: Whole;
  readonly termFrom: Whole;
  readonly termTo: Whole;
};

/** A query term resolved against the index vocabulary. */
export type ResolvedTerm = {
  /** The term as the question spelled it (analyzed). */
  readonly term: string;
  /** The vocabulary term it stands for: itself, or the closest known spelling of a typo; undefined when unknown. */
  readonly match: string | undefined;
  /** The vocabulary id of `match`. */
  readonly id: number | undefined;
  /** How many passages hold `match` (0 when unknown). */
  readonly df: number;
  /** True when `match` is a spelling correction, not the term itself. */
  readonly isCorrection: boolean;
};

/**
 * Up to this many known words, near spellings are found by a scan of the vocabulary; beyond, by
 * MiniSearch's fuzzy search of its radix tree, which grows more slowly (measured: the two cost the same
 * at about 3,000 words, 10 and 17 µs a typo at 1,000, 250 and 96 µs at 25,000).
 */
const scannedVocabulary = 2_500;

/** How far a typo may be from a known word: by the length of the word as typed. */
function allowedEdits(term: string): number {
  if (term.length >= 9) return 2;
  return term.length >= 6 ? 1 : 0;
}

const sortedLetters = (word: string) => [...word].sort().join('');

/** Term → id: a small vocabulary scanned for near spellings, a large one in a radix tree searchable by edit distance. */
type Vocabulary = Spellings | SearchableMap<number>;

/** How many words of a vocabulary's tree are grown between two turns of the event loop, during a reload. */
const termsPerStep = 4_000;

function vocabularyOf(terms: readonly string[]): Vocabulary {
  if (terms.length <= scannedVocabulary) return new Spellings(terms);
  const tree = new SearchableMap<number>();
  terms.forEach((term, id) => tree.set(term, id));
  return tree;
}

/**
 * The searchable form of a corpus: its passages in flat arrays (`PassageData`, a few bytes a word, looked at
 * one by one through `passage(id)`), the same grouped by term (`Inversion`) for BM25+ search, and the
 * vocabulary with document frequencies, in MiniSearch's radix tree when large, for weighting and spelling
 * correction.
 */
export class PassageIndex {
  readonly articles: ReadonlyMap<string, Article>;
  readonly #articleList: readonly Article[];
  readonly #articleIndex: ReadonlyMap<string, number>;
  readonly #data: PassageData;
  readonly #inverted: Inversion;
  readonly #scorer: Bm25Scorer;
  /**
   * Term → id: a small vocabulary scanned for near spellings (`Spellings`), a large one in a radix tree
   * searchable by edit distance.
   */
  readonly #vocabulary: Vocabulary;

  /**
   * Indexes `articles` here and now, or adopts an index of them built elsewhere (same articles, same order),
   * with its `vocabulary` when that was made already.
   */
  constructor(articles: readonly Article[], options: SplitOptions | SerializedIndex = {}, vocabulary?: Vocabulary) {
    const built = 'inverted' in options ? options : serializedIndexOf(articles, options);
    this.articles = new Map(articles.map((article) => [article.id, article]));
    this.#articleList = articles;
    this.#articleIndex = new Map(articles.map((article, i) => [article.id, i]));
    this.#data = built.passages;
    this.#inverted = built.inverted;
    this.#scorer = new Bm25Scorer(built.inverted);
    this.#vocabulary = vocabulary ?? vocabularyOf(built.passages.terms);
  }

  /** An index of `articles` from its serialized form (a worker's reply, or a cache file). */
  static fromSerialized(articles: readonly Article[], serialized: SerializedIndex): PassageIndex {
    return new PassageIndex(articles, serialized);
  }

  /**
   * The same, with a large vocabulary's tree grown a few thousand words at a time between turns of the
   * event loop (25,000 words take about 35 ms in all), for a bot that answers while it reloads.
   */
  static async fromSerializedInSteps(articles: readonly Article[], serialized: SerializedIndex): Promise<PassageIndex> {
    const { terms } = serialized.passages;
    if (terms.length <= scannedVocabulary) return new PassageIndex(articles, serialized);
    const tree = new SearchableMap<number>();
    for (let id = 0; id < terms.length; id += 1) {
      tree.set(terms[id] ?? '', id);
      if (id % termsPerStep === termsPerStep - 1) await new Promise((resolve) => setImmediate(resolve));
    }
    return new PassageIndex(articles, serialized, tree);
  }

  /** The index in transferable form (for a worker's reply or a cache file). */
  serialize(): SerializedIndex {
    return { version: indexFormatVersion, passages: this.#data, inverted: this.#inverted };
  }

  /** Passage `id` (0 ≤ id < size): its place, text, sentences and terms. */
  passage(id: number): IndexedPassage {
    const data = this.#data;
    const article = this.#articleList[data.article[id] ?? 0];
    const paragraph = data.paragraph[id] ?? 0;
    const offset = data.offset[id] ?? 0;
    const paragraphText = article?.paragraphs[paragraph - 1]?.text ?? '';
    const [termsFrom, termsTo] = [data.termStart[id] ?? 0, data.termStart[id + 1] ?? 0];
    const [sentencesFrom, sentencesTo] = [data.sentenceStart[id] ?? 0, data.sentenceStart[id + 1] ?? 0];
    const sentences: Span[] = [];
    for (let i = sentencesFrom; i < sentencesTo; i += 1) {
      sentences.push({ start: data.sentences[2 * i] ?? 0, end: data.sentences[2 * i + 1] ?? 0 });
    }
    return {
      documentId: article?.id ?? '',
      paragraph,
      offset,
      text: paragraphText.slice(offset, offset + (data.length[id] ?? 0)),
      sentences,
      termIds: data.termIds.subarray(termsFrom, termsTo),
      termFrom: data.termFrom.subarray(termsFrom, termsTo),
      termTo: data.termTo.subarray(termsFrom, termsTo),
    };
  }

  /** Passage `id`'s term ids in text order (one view into the index's array: the cheapest look at a passage). */
  termIdsOf(id: number): Whole {
    const data = this.#data;
    return data.termIds.subarray(data.termStart[id] ?? 0, data.termStart[id + 1] ?? 0);
  }

  /**
   * Every passage's term ids end to end, in passage order: passage `id`'s run from `termStart(id)` to
   * `termStart(id + 1)`. For loops over many passages, which a view per passage (`termIdsOf`) would slow.
   */
  get allTermIds(): Whole {
    return this.#data.termIds;
  }

  /** Where passage `id`'s terms start in `allTermIds` (`termStart(size)` is where the last one ends). */
  termStart(id: number): number {
    return this.#data.termStart[id] ?? 0;
  }

  /** Whether passages `a` and `b` are from the same article. */
  isSameArticle(a: number, b: number): boolean {
    const data = this.#data;
    return a >= 0 && b >= 0 && a < data.article.length && b < data.article.length && data.article[a] === data.article[b];
  }

  /** The passage's terms as objects, for tests and tools; answering reads the arrays. */
  termsOf(passage: IndexedPassage): Term[] {
    return Array.from(passage.termIds, (id, i) => ({ term: this.term(id), start: passage.termFrom[i] ?? 0, end: passage.termTo[i] ?? 0 }));
  }

  /** Which article passage `id` belongs to, without building the passage. */
  documentIdOf(id: number): string | undefined {
    const articleIndex = this.#data.article[id];
    return articleIndex === undefined ? undefined : this.#articleList[articleIndex]?.id;
  }

  /** The vocabulary id of `term`, if the corpus has it. */
  termId(term: string): number | undefined {
    return this.#vocabulary.get(term);
  }

  /** The term of vocabulary id `id`. */
  term(id: number): string {
    return this.#data.terms[id] ?? '';
  }

  /** How many terms the vocabulary holds: term ids run from 0 to this, exclusive. */
  get vocabularySize(): number {
    return this.#data.terms.length;
  }

  /** How many passages are indexed. */
  get size(): number {
    return this.#data.article.length;
  }

  /** How many passages hold `term` (0 when none). */
  documentFrequency(term: string): number {
    const id = this.#vocabulary.get(term);
    return id === undefined ? 0 : (this.#data.df[id] ?? 0);
  }

  /** Resolves each query term to the vocabulary: exact, else the nearest spelling within a typo's reach. */
  resolve(terms: readonly string[]): ResolvedTerm[] {
    return terms.map((term) => {
      const known = this.#vocabulary.get(term);
      if (known !== undefined) return { term, match: term, id: known, df: this.#data.df[known] ?? 0, isCorrection: false };
      const edits = allowedEdits(term);
      if (edits === 0) return { term, match: undefined, id: undefined, df: 0, isCorrection: false };
      // Closest first, a swap of letters (the commonest typo) closer than other edits.
      let best: { match: string; id: number; df: number; distance: number } | undefined;
      const letters = sortedLetters(term);
      for (const [candidate, id] of this.#nearSpellings(term, edits)) {
        const count = this.#data.df[id] ?? 0;
        const distance = damerauLevenshtein(term, candidate) - (sortedLetters(candidate) === letters ? 0.5 : 0);
        if (distance > edits) continue;
        const option = { match: candidate, id, df: count, distance };
        if (best === undefined || isBetterSpelling(option, best)) best = option;
      }
      return best === undefined
        ? { term, match: undefined, id: undefined, df: 0, isCorrection: false }
        : { term, match: best.match, id: best.id, df: best.df, isCorrection: true };
    });
  }

  /**
   * Known words within `edits` edits of `term` by Levenshtein distance, plus, for one edit, those one swap
   * of neighbouring letters away (two Levenshtein edits, but the commonest typo). Swaps are looked up one
   * by one: a fuzzy search of the vocabulary at distance 2 costs several times one at distance 1.
   */
  *#nearSpellings(term: string, edits: number): Generator<readonly [string, number]> {
    const vocabulary = this.#vocabulary;
    if (vocabulary instanceof Spellings) {
      for (const id of vocabulary.near(term, edits)) yield [this.term(id), id];
      return;
    }
    for (const [candidate, [id]] of vocabulary.fuzzyGet(term, edits)) yield [candidate, id];
    if (edits !== 1) return;
    for (let i = 0; i + 1 < term.length; i += 1) {
      if (term[i] === term[i + 1]) continue;
      const swapped = term.slice(0, i) + term.charAt(i + 1) + term.charAt(i) + term.slice(i + 2);
      const id = vocabulary.get(swapped);
      if (id !== undefined) yield [swapped, id];
    }
  }

  /**
   * The passages holding any of `terms`, best BM25+ score first (MiniSearch's formula and parameters, each
   * term's part scaled by its weight), at most `limit`, from the article `documentId` only when given.
   */
  search(terms: readonly WeightedTerm[], limit: number, documentId?: string): Hit[] {
    if (documentId === undefined) return this.#scorer.search(terms, limit);
    const articleIndex = this.#articleIndex.get(documentId);
    if (articleIndex === undefined) return [];
    const article = this.#data.article;
    return this.#scorer.search(terms, limit, (passageId) => article[passageId] === articleIndex);
  }
}

/** Closer first, then the commoner word, then the first in alphabetical order (so ties never depend on lookup order). */
function isBetterSpelling(a: { match: string; df: number; distance: number }, b: { match: string; df: number; distance: number }): boolean {
  if (a.distance !== b.distance) return a.distance < b.distance;
  return a.df !== b.df ? a.df > b.df : a.match < b.match;
}

/** Edit distance counting a swap of two neighbouring letters as one edit ("desgin" → "design"). */
function damerauLevenshtein(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array<number>(rows * cols).fill(0);
  for (let i = 0; i < rows; i += 1) d[i * cols] = i;
  for (let j = 0; j < cols; j += 1) d[j] = j;
  for (let i = 1; i < rows; i += 1) {
    for (let j = 1; j < cols; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min((d[(i - 1) * cols + j] ?? 0) + 1, (d[i * cols + j - 1] ?? 0) + 1, (d[(i - 1) * cols + j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, (d[(i - 2) * cols + j - 2] ?? 0) + 1);
      d[i * cols + j] = value;
    }
  }
  return d[a.length * cols + b.length] ?? 0;
}
