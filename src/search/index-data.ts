import type { Article } from '../corpus/schema.js';
import { splitIntoPassages, type SplitOptions } from '../passages/split.js';
import { analyze } from '../text/analyze.js';

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
  readonly df: Uint32Array;
  readonly article: Uint32Array;
  readonly paragraph: Uint32Array;
  readonly offset: Uint32Array;
  readonly length: Uint32Array;
  readonly termStart: Uint32Array;
  readonly sentenceStart: Uint32Array;
  readonly termIds: Uint32Array;
  readonly termFrom: Uint32Array;
  readonly termTo: Uint32Array;
  readonly sentences: Uint32Array;
};

/** A whole index in transferable form: the passages, and the same grouped by term for BM25+ search. */
export type SerializedIndex = { readonly version: typeof indexFormatVersion; readonly passages: PassageData; readonly inverted: Inversion };

/** Bumped whenever the layout or the analysis changes, so caches of an older form are ignored. */
export const indexFormatVersion = 3;

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
  const columns = { termIds: [] as number[], termFrom: [] as number[], termTo: [] as number[], sentences: [] as number[] };
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
    for (const span of passage.sentences) columns.sentences.push(span.start, span.end);
    termStart[i + 1] = columns.termIds.length;
    sentenceStart[i + 1] = columns.sentences.length / 2;
    if ((i + 1) % 5000 === 0 || i + 1 === split.length) onProgress?.({ passagesIndexed: i + 1, passages: split.length });
  });
  return {
    terms,
    df: Uint32Array.from(df),
    article: Uint32Array.from(split, (p) => p.articleIndex),
    paragraph: Uint32Array.from(split, (p) => p.paragraph),
    offset: Uint32Array.from(split, (p) => p.offset),
    length: Uint32Array.from(split, (p) => p.text.length),
    termStart,
    sentenceStart,
    termIds: Uint32Array.from(columns.termIds),
    termFrom: Uint32Array.from(columns.termFrom),
    termTo: Uint32Array.from(columns.termTo),
    sentences: Uint32Array.from(columns.sentences),
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
export type FieldLengths = { readonly distinct: Uint32Array; readonly average: number };

/**
 * The passages grouped by term: term `t`'s postings are `passage[start[t] .. start[t + 1])`, in passage
 * order, with how often the passage uses the term in `count`; and the passages' field lengths.
 */
export type Inversion = FieldLengths & { readonly start: Uint32Array; readonly passage: Uint32Array; readonly count: Uint32Array };

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
  const passage = new Uint32Array(start[df.length] ?? 0);
  const count = new Uint32Array(passage.length);
  const distinct = new Uint32Array(size);
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
  return { start, passage, count, distinct, average };
}
