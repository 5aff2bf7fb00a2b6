import MiniSearch from 'minisearch';
import SearchableMap from 'minisearch/SearchableMap';
import type { Article } from '../corpus/schema.js';
import { splitIntoPassages, type Passage, type SplitOptions } from '../passages/split.js';
import { analyze, type Term } from '../text/analyze.js';

/** A passage as indexed: its text and the analyzed terms of that text, with their offsets. */
export type IndexedPassage = Passage & { readonly terms: readonly Term[] };

/** A query term resolved against the index vocabulary. */
export type ResolvedTerm = {
  /** The term as the question spelled it (analyzed). */
  readonly term: string;
  /** The vocabulary term it stands for: itself, or the closest known spelling of a typo; undefined when unknown. */
  readonly match: string | undefined;
  /** How many passages hold `match` (0 when unknown). */
  readonly df: number;
  /** True when `match` is a spelling correction, not the term itself. */
  readonly isCorrection: boolean;
};

/** A passage that matched a query, with MiniSearch's BM25+ score. */
export type Hit = { readonly passageId: number; readonly score: number };

/** Terms in more passages than this floor, or this share of the corpus if larger, are too common to search by. */
const commonTermFloor = 50;
const commonTermShare = 0.01;
const tooCommonShare = 0.1;

/** How far a typo may be from a known word: by the length of the word as typed. */
function allowedEdits(term: string): number {
  if (term.length >= 9) return 2;
  return term.length >= 6 ? 1 : 0;
}

const sortedLetters = (word: string) => [...word].sort().join('');

/**
 * The searchable form of a corpus: passages indexed with MiniSearch (BM25+), plus the vocabulary with
 * document frequencies for weighting and spelling correction. The only module that imports minisearch.
 */
export class PassageIndex {
  readonly passages: readonly IndexedPassage[];
  readonly articles: ReadonlyMap<string, Article>;
  readonly #search: MiniSearch<{ id: number; terms: string }>;
  readonly #vocabulary = new SearchableMap<number>();

  constructor(articles: readonly Article[], options: SplitOptions = {}) {
    this.articles = new Map(articles.map((article) => [article.id, article]));
    this.passages = articles.flatMap((article) =>
      splitIntoPassages(article, options).map((passage) => ({ ...passage, terms: analyze(passage.text) })),
    );
    this.#search = new MiniSearch({
      fields: ['terms'],
      // Text is analyzed once, above; MiniSearch indexes the resulting terms as they are.
      tokenize: (text) => (text === '' ? [] : text.split(' ')),
      processTerm: (term) => term,
    });
    this.#search.addAll(this.passages.map((passage, id) => ({ id, terms: passage.terms.map((t) => t.term).join(' ') })));
    for (const passage of this.passages) {
      for (const term of new Set(passage.terms.map((t) => t.term))) {
        this.#vocabulary.update(term, (count = 0) => count + 1);
      }
    }
  }

  /** How many passages are indexed. */
  get size(): number {
    return this.passages.length;
  }

  /** How many passages hold `term` (0 when none). */
  documentFrequency(term: string): number {
    return this.#vocabulary.get(term) ?? 0;
  }

  /** Resolves each query term to the vocabulary: exact, else the nearest spelling within a typo's reach. */
  resolve(terms: readonly string[]): ResolvedTerm[] {
    return terms.map((term) => {
      const df = this.#vocabulary.get(term);
      if (df !== undefined) return { term, match: term, df, isCorrection: false };
      const edits = allowedEdits(term);
      if (edits === 0) return { term, match: undefined, df: 0, isCorrection: false };
      // Closest first; then a swap of letters (the commonest typo), then the commoner word.
      let best: { match: string; df: number; distance: number } | undefined;
      const letters = sortedLetters(term);
      // Levenshtein counts a swap of two letters as two edits: look one further for one-edit words.
      for (const [candidate, [count]] of this.#vocabulary.fuzzyGet(term, edits === 1 ? 2 : edits)) {
        const distance = damerauLevenshtein(term, candidate) - (sortedLetters(candidate) === letters ? 0.5 : 0);
        if (distance > edits) continue;
        if (best === undefined || distance < best.distance || (distance === best.distance && count > best.df)) {
          best = { match: candidate, df: count, distance };
        }
      }
      return best === undefined
        ? { term, match: undefined, df: 0, isCorrection: false }
        : { term, match: best.match, df: best.df, isCorrection: true };
    });
  }

  /**
   * Passages holding any of `terms` (vocabulary terms), best BM25+ score first, at most `limit`, from the
   * article `documentId` only when given.
   * On a large corpus, terms found in very many passages are left out of the search (they would make
   * MiniSearch score tens of thousands of passages for little gain): terms in more than 1% of passages
   * are searched only when nothing rarer is asked, and terms in more than 10% never.
   */
  search(terms: readonly string[], limit: number, documentId?: string): Hit[] {
    const rare = terms.filter((term) => this.documentFrequency(term) <= Math.max(commonTermFloor, this.size * commonTermShare));
    const kept =
      rare.length > 0
        ? rare
        : [...terms]
            .filter((term) => this.documentFrequency(term) <= Math.max(commonTermFloor, this.size * tooCommonShare))
            .sort((a, b) => this.documentFrequency(a) - this.documentFrequency(b))
            .slice(0, 1);
    if (kept.length === 0) return [];
    const results = this.#search.search(kept.join(' '), {
      tokenize: (text) => text.split(' '),
      processTerm: (t) => t,
      ...(documentId === undefined ? {} : { filter: (result) => this.passages[result.id as number]?.documentId === documentId }),
    });
    return results.slice(0, limit).map((result) => ({ passageId: result.id as number, score: result.score }));
  }
}

/** Edit distance counting a swap of two neighbouring letters as one edit ("desgin" → "design"). */
function damerauLevenshtein(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array<number>(rows * cols).fill(0);
  const at = (i: number, j: number) => d[i * cols + j] ?? 0;
  for (let i = 0; i < rows; i += 1) d[i * cols] = i;
  for (let j = 0; j < cols; j += 1) d[j] = j;
  for (let i = 1; i < rows; i += 1) {
    for (let j = 1; j < cols; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, at(i - 2, j - 2) + 1);
      d[i * cols + j] = value;
    }
  }
  return at(a.length, b.length);
}
