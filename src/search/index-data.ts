import type { Article } from '../corpus/schema.js';
import { splitIntoPassages, type SplitOptions } from '../passages/split.js';
import { analyze } from '../text/analyze.js';

/**
 * Whole numbers in the narrowest width that holds them all: a byte, two or four each. Term ids fit in two
 * bytes while the vocabulary has fewer than 65,536 words, offsets while passages are shorter than that, a
 * term's count in a passage in one.
 */
export type Whole = Uint8Array | Uint16Array | Uint32Array;

/** `values` in the narrowest array that holds numbers up to `max` (by default, the largest of them). */
export function narrowest(values: ArrayLike<number>, max = largestOf(values)): Whole {
  if (max < 2 ** 8) return Uint8Array.from(values);
  return max < 2 ** 16 ? Uint16Array.from(values) : Uint32Array.from(values);
}

/** An array of `length` zeros, wide enough for numbers up to `max`. */
export function wholeArray(length: number, max: number): Whole {
  if (max < 2 ** 8) return new Uint8Array(length);
  return max < 2 ** 16 ? new Uint16Array(length) : new Uint32Array(length);
}

/** Whole numbers pushed one by one into a typed array that doubles as it fills (a number[] takes twice the memory). */
class WholeList {
  #items = new Uint32Array(1024);
  length = 0;

  push(value: number): void {
    if (this.length === this.#items.length) {
      const grown = new Uint32Array(this.#items.length * 2);
      grown.set(this.#items);
      this.#items = grown;
    }
    this.#items[this.length++] = value;
  }

  /** The numbers pushed, in the narrowest array that holds numbers up to `max`. */
  narrowed(max?: number): Whole {
    return narrowest(this.#items.subarray(0, this.length), max);
  }
}

function largestOf(values: ArrayLike<number>): number {
  let max = 0;
  for (let i = 0; i < values.length; i += 1) if ((values[i] ?? 0) > max) max = values[i] ?? 0;
  return max;
}

/**
 * The analyzed passages of a corpus, in flat arrays: a few bytes a word, cheap to send to or from a
 * worker thread without copying, and to cache on disk. Passage `i` is the text
 * `paragraph.slice(offset[i], offset[i] + length[i])` of paragraph `paragraph[i]` of article
 * `article[i]`; its terms are `termIds[termStart[i] .. termStart[i + 1])` at offsets
 * `termFrom`/`termTo` into that text; its sentences are the spans
 * `sentences[2 * sentenceStart[i] .. 2 * sentenceStart[i + 1])`, as start/end pairs.
 */
export type PassageData = {
  /** The vocabulary by term id, and how many passages hold each term. */
  readonly terms: readonly string[];
  readonly df: Whole;
  readonly article: Whole;
  readonly paragraph: Whole;
  readonly offset: Whole;
  readonly length: Whole;
  readonly termStart: Whole;
  readonly sentenceStart: Whole;
  readonly termIds: Whole;
  readonly termFrom: Whole;
  readonly termTo: Whole;
  readonly sentences: Whole;
};

/** A whole index in transferable form: the passages, and the same grouped by term for BM25+ search. */
export type SerializedIndex = { readonly version: typeof indexFormatVersion; readonly passages: PassageData; readonly inverted: Inversion };

/** Bumped whenever the layout or the analysis changes, so caches of an older form are ignored. */
export const indexFormatVersion = 4;

/** Progress of a build, in passages. */
export type BuildProgress = { readonly passagesIndexed: number; readonly passages: number };

/**
 * Splits, analyzes and indexes `articles` (CPU only, no I/O). `onProgress` is told every few thousand
 * passages and at the end.
 */
export function buildPassageData(
  articles: readonly Article[],
  options: SplitOptions = {},
  onProgress?: (progress: BuildProgress) => void,
): PassageData {
  const split = articles.flatMap((article, articleIndex) => splitIntoPassages(article, options).map((p) => ({ ...p, articleIndex })));
  const ids = new Map<string, number>();
  const terms: string[] = [];
  const df: number[] = [];
  const columns = { termIds: new WholeList(), termFrom: new WholeList(), termTo: new WholeList(), sentences: new WholeList() };
  const termStart = new Uint32Array(split.length + 1);
  const sentenceStart = new Uint32Array(split.length + 1);
  split.forEach((passage, i) => {
    const analyzed = analyze(passage.text);
    const seen = new Set<number>();
    for (const { term, start, end } of analyzed) {
      let id = ids.get(term);
      if (id === undefined) {
        id = terms.push(term) - 1;
        ids.set(term, id);
        df.push(0);
      }
      if (!seen.has(id)) {
        seen.add(id);
        df[id] = (df[id] ?? 0) + 1;
      }
      columns.termIds.push(id);
      columns.termFrom.push(start);
      columns.termTo.push(end);
    }
    for (const span of passage.sentences) {
      columns.sentences.push(span.start);
      columns.sentences.push(span.end);
    }
    termStart[i + 1] = columns.termIds.length;
    sentenceStart[i + 1] = columns.sentences.length / 2;
    if ((i + 1) % 5000 === 0 || i + 1 === split.length) onProgress?.({ passagesIndexed: i + 1, passages: split.length });
  });
  // Offsets within a passage, in its longest text: the widest any of them can be.
  const longest = split.reduce((max, p) => Math.max(max, p.text.length), 0);
  return {
    terms,
    df: narrowest(df),
    article: narrowest(split.map((p) => p.articleIndex)),
    paragraph: narrowest(split.map((p) => p.paragraph)),
    offset: narrowest(split.map((p) => p.offset)),
    length: narrowest(split.map((p) => p.text.length)),
    termStart: narrowest(termStart),
    sentenceStart: narrowest(sentenceStart),
    termIds: columns.termIds.narrowed(terms.length),
    termFrom: columns.termFrom.narrowed(longest),
    termTo: columns.termTo.narrowed(longest),
    sentences: columns.sentences.narrowed(longest),
  };
}

/** The serialized form of `articles`' index, built here (CPU only, no I/O). */
export function serializedIndexOf(
  articles: readonly Article[],
  options: SplitOptions = {},
  onProgress?: (progress: BuildProgress) => void,
): SerializedIndex {
  const passages = buildPassageData(articles, options, onProgress);
  return { version: indexFormatVersion, passages, inverted: invert(passages) };
}

/** The buffers of `index`, to transfer (not copy) to another thread. */
export function transferablesOf({ passages: data, inverted }: SerializedIndex): ArrayBuffer[] {
  const arrays = [
    data.df,
    data.article,
    data.paragraph,
    data.offset,
    data.length,
    data.termStart,
    data.sentenceStart,
    data.termIds,
    data.termFrom,
    data.termTo,
    data.sentences,
  ];
  return [...arrays, inverted.start, inverted.passage, inverted.count, inverted.distinct].map((array) => array.buffer as ArrayBuffer);
}

/**
 * What BM25+ needs to know of every passage: its field length, which (as in MiniSearch) is how many
 * different terms it has, and the mean of those lengths.
 */
export type FieldLengths = { readonly distinct: Whole; readonly average: number };

/**
 * The passages grouped by term: term `t`'s postings are `passage[start[t] .. start[t + 1])`, in passage
 * order, with how often the passage uses the term in `count`; and the passages' field lengths.
 */
export type Inversion = FieldLengths & { readonly start: Whole; readonly passage: Whole; readonly count: Whole };

/**
 * `data` grouped by term, for BM25+ search. Done where the index is built (a worker, for a reload) and
 * cached with it, so a serving bot's event loop never waits on it.
 */
export function invert(data: PassageData): Inversion {
  const { df, termIds, termStart } = data;
  const size = data.article.length;
  const start = new Uint32Array(df.length + 1);
  for (let term = 0; term < df.length; term += 1) start[term + 1] = (start[term] ?? 0) + (df[term] ?? 0);
  const next = start.slice(0, df.length);
  // No passage uses a term, or has distinct terms, more often than it has terms.
  let mostTerms = 0;
  for (let p = 0; p < size; p += 1) mostTerms = Math.max(mostTerms, (termStart[p + 1] ?? 0) - (termStart[p] ?? 0));
  const passage = wholeArray(start[df.length] ?? 0, size);
  const count = wholeArray(passage.length, mostTerms);
  const distinct = wholeArray(size, mostTerms);
  // The passage that last used each term, plus one: a small array, so checking it is cheap.
  const lastUsedBy = new Uint32Array(df.length);
  for (let p = 0; p < size; p += 1) {
    const to = termStart[p + 1] ?? 0;
    let distinctHere = 0;
    for (let i = termStart[p] ?? 0; i < to; i += 1) {
      const term = termIds[i] ?? 0;
      const at = next[term] ?? 0;
      // A passage's first use of the term opens its posting; later uses count in it.
      if (lastUsedBy[term] === p + 1) {
        count[at - 1] = (count[at - 1] ?? 0) + 1;
      } else {
        lastUsedBy[term] = p + 1;
        passage[at] = p;
        count[at] = 1;
        next[term] = at + 1;
        distinctHere += 1;
      }
    }
    distinct[p] = distinctHere;
  }
  // MiniSearch keeps a running mean of field lengths; computed the same way, scores match to the bit.
  let average = 0;
  for (let p = 0; p < size; p += 1) average = (average * p + (distinct[p] ?? 0)) / (p + 1);
  return { start: narrowest(start), passage, count, distinct, average };
}
