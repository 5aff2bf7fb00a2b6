import MiniSearch, { type Options } from 'minisearch';
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

/** A whole index in transferable form: the passages and MiniSearch's own JSON. */
export type SerializedIndex = { readonly version: typeof indexFormatVersion; readonly passages: PassageData; readonly miniSearch: string };

/** Bumped whenever the layout or the analysis changes, so caches of an older form are ignored. */
export const indexFormatVersion = 1;

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
): { passages: PassageData; miniSearch: MiniSearch<TermDocument> } {
  const split = articles.flatMap((article, articleIndex) => splitIntoPassages(article, options).map((p) => ({ ...p, articleIndex })));
  const ids = new Map<string, number>();
  const terms: string[] = [];
  const df: number[] = [];
  const columns = { termIds: [] as number[], termFrom: [] as number[], termTo: [] as number[], sentences: [] as number[] };
  const termStart = new Uint32Array(split.length + 1);
  const sentenceStart = new Uint32Array(split.length + 1);
  const miniSearch = new MiniSearch<TermDocument>(miniSearchOptions);
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
    miniSearch.add({ id: i, terms: analyzed.map((t) => t.term).join(' ') });
    if ((i + 1) % 5000 === 0 || i + 1 === split.length) onProgress?.({ passagesIndexed: i + 1, passages: split.length });
  });
  const passages: PassageData = {
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
  return { passages, miniSearch };
}

/** The buffers of `data`, to transfer (not copy) to another thread. */
export function transferablesOf(data: PassageData): ArrayBuffer[] {
  const arrays = [data.df, data.article, data.paragraph, data.offset, data.length, data.termStart, data.sentenceStart, data.termIds, data.termFrom, data.termTo, data.sentences];
  return arrays.map((array) => array.buffer as ArrayBuffer);
}

/** Reads MiniSearch's JSON back, yielding to the event loop as it goes so answering continues. */
export function loadMiniSearch(json: string): Promise<MiniSearch<TermDocument>> {
  return MiniSearch.loadJSONAsync<TermDocument>(json, miniSearchOptions);
}
