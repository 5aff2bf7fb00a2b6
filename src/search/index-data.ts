import MiniSearch, { type AsPlainObject, type Options } from 'minisearch';
import type { Article } from '../corpus/schema.js';
import { splitIntoPassages, type SplitOptions } from '../passages/split.js';
import { analyze } from '../text/analyze.js';

/** A MiniSearch document: a passage's id and its analyzed terms, space-separated. */
export type TermDocument = { readonly id: number; readonly terms: string };

/** MiniSearch's options: text is analyzed once, by `analyze()`, and indexed as it is. */
export const miniSearchOptions: Options<TermDocument> = {
  fields: ['terms'],
  tokenize: (text) => (text === '' ? [] : text.split(' ')),
  processTerm: (term) => term,
};

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

/**
 * A whole index in transferable form: the passages, and the same grouped by term. MiniSearch's index
 * is rebuilt from these by `loadMiniSearch`, far faster than from MiniSearch's JSON.
 */
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
 * MiniSearch's index of `data`, as if each passage had been added with `miniSearch.add` (same term
 * frequencies, same field lengths, so the same BM25+ scores), but built from the inverted passages
 * directly: a term is looked up in MiniSearch's tree once, not once for each time a passage uses it.
 * Only terms in at most `maxDf` passages are indexed.
 */
export function loadMiniSearch(data: PassageData, maxDf: number, inverted = invert(data)): MiniSearch<TermDocument> {
  return MiniSearch.loadJS<TermDocument>(plainIndex(data, maxDf, inverted), miniSearchOptions);
}

/** `loadMiniSearch`, yielding to the event loop every thousand terms so answering goes on meanwhile. */
export function loadMiniSearchAsync(data: PassageData, maxDf: number, inverted: Inversion): Promise<MiniSearch<TermDocument>> {
  return MiniSearch.loadJSAsync<TermDocument>(plainIndex(data, maxDf, inverted, { balanced: true }), miniSearchOptions);
}

/** The passages holding one term, in order, and how often each uses it. */
export type Postings = { readonly passage: Uint32Array; readonly count: Uint32Array };

/** Term `term`'s postings, copied out of `inverted` (so they outlive it). */
export function postingsOf(inverted: Inversion, term: number): Postings {
  const [from, to] = [inverted.start[term] ?? 0, inverted.start[term + 1] ?? 0];
  return { passage: inverted.passage.slice(from, to), count: inverted.count.slice(from, to) };
}

/**
 * MiniSearch's index of the one term `term`, from its postings: only the passages holding it, but
 * scored exactly as in the whole index of `size` passages (same passage count, field lengths and mean).
 * A few milliseconds for a term in tens of thousands of passages, so common terms, which are searched
 * alone and rarely, need not be indexed before they are asked for.
 */
export function loadTermMiniSearch(term: string, size: number, postings: Postings, lengths: FieldLengths): MiniSearch<TermDocument> {
  const counts: Record<number, number> = {};
  postings.passage.forEach((passage, i) => (counts[passage] = postings.count[i] ?? 0));
  function* index(): Generator<PlainTerm> {
    if (postings.passage.length > 0) yield [term, { 0: counts }];
  }
  return MiniSearch.loadJS<TermDocument>(plainObject(size, postings.passage, lengths, index()), miniSearchOptions);
}

type PlainTerm = [string, Record<string, Record<number, number>>];

/**
 * The plain object MiniSearch's `toJSON` would have made of `data` (serialization version 2). Its
 * terms are generated one at a time as MiniSearch reads them, so their postings are never all held
 * as objects at once.
 */
function plainIndex(data: PassageData, maxDf: number, inverted: Inversion, options: { readonly balanced?: boolean } = {}): AsPlainObject {
  const { start, passage, count } = inverted;
  const ids: number[] = [];
  data.df.forEach((df, id) => {
    if (df > 0 && df <= maxDf) ids.push(id);
  });
  function* terms(): Generator<PlainTerm> {
    for (const term of options.balanced === true ? balanced(ids, data.df) : ids) {
      const [from, to] = [start[term] ?? 0, start[term + 1] ?? 0];
      // V8 parses a JSON object with number keys about twice as fast as it takes them one by one.
      let json = '{';
      for (let i = from; i < to; i += 1) json += `${i === from ? '' : ','}"${passage[i] ?? 0}":${count[i] ?? 0}`;
      yield [data.terms[term] ?? '', { 0: JSON.parse(`${json}}`) as Record<number, number> }];
    }
  }
  return plainObject(data.article.length, undefined, inverted, terms());
}

/** How many terms MiniSearch's async load reads between two pauses. */
const termsPerPause = 1000;

/**
 * `ids` reordered so that each run of `termsPerPause` holds about as many postings as the next: the
 * commonest terms dealt out one to a run, like cards. In vocabulary order the first thousand terms hold
 * half of all postings, and reading them would hold the event loop for most of a second.
 */
function balanced(ids: readonly number[], df: Uint32Array): number[] {
  const byDf = [...ids].sort((a, b) => (df[b] ?? 0) - (df[a] ?? 0));
  const runs = Math.ceil(byDf.length / termsPerPause);
  const order: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    for (let i = run; i < byDf.length; i += runs) order.push(byDf[i] ?? 0);
  }
  return order;
}

/**
 * MiniSearch's serialized form of an index of `size` passages, of which `passages` are listed (all of
 * them when undefined), holding `terms`.
 */
function plainObject(size: number, passages: Uint32Array | undefined, lengths: FieldLengths, terms: Generator<PlainTerm>): AsPlainObject {
  return {
    documentCount: size,
    nextId: size,
    ...listedPassages(size, passages, lengths),
    fieldIds: { terms: 0 },
    averageFieldLength: [lengths.average],
    storedFields: {},
    dirtCount: 0,
    // MiniSearch only iterates over the index: a generator stands in for the array.
    index: terms as unknown as AsPlainObject['index'],
    serializationVersion: 2,
  };
}

/** MiniSearch's document ids and field lengths of `passages` (all `size` passages when undefined). */
function listedPassages(
  size: number,
  passages: Uint32Array | undefined,
  lengths: FieldLengths,
): { documentIds: Record<number, number>; fieldLength: Record<number, number[]> } {
  // One array for each field length, shared by the passages of that length: MiniSearch only reads them
  // (it writes the field lengths of the documents it adds, and we add none), and 400,000 fewer arrays load faster.
  const byLength: number[][] = [];
  const lengthOf = (id: number) => {
    const length = lengths.distinct[id] ?? 0;
    return (byLength[length] ??= [length]);
  };
  if (passages === undefined) {
    // Arrays when every passage is listed: MiniSearch reads them as objects with number keys, only faster.
    return { documentIds: Array.from({ length: size }, (_, id) => id), fieldLength: Array.from({ length: size }, (_, id) => lengthOf(id)) };
  }
  const documentIds: Record<number, number> = {};
  const fieldLength: Record<number, number[]> = {};
  for (const id of passages) {
    documentIds[id] = id;
    fieldLength[id] = lengthOf(id);
  }
  return { documentIds, fieldLength };
}

/**
 * What MiniSearch's BM25+ needs to know of every passage: its field length, which for MiniSearch is how
 * many different terms it has, and the mean of those lengths.
 */
export type FieldLengths = { readonly distinct: Uint32Array; readonly average: number };

/**
 * The passages grouped by term: term `t`'s postings are `passage[start[t] .. start[t + 1])`, in passage
 * order, with how often the passage uses the term in `count`; and the passages' field lengths.
 */
export type Inversion = FieldLengths & { readonly start: Uint32Array; readonly passage: Uint32Array; readonly count: Uint32Array };

/**
 * `data` grouped by term, for `loadMiniSearch`. Done where the index is built (a worker, for a reload) and
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
