import stopWordsData from '../../src/text/stop-words.json' with { type: 'json' };

/**
 * The bench's measuring stick, not a second engine: about the least work a BM25+ search of these
 * paragraphs can do. Words are MiniSearch's (split at spaces and punctuation, lower-cased), the project's
 * stop words left out; postings in typed arrays; BM25+ with MiniSearch's formula and parameters, each
 * passage's score times how many of the question's words it holds (as MiniSearch's OR query); the best
 * ten kept in a small heap. No stemming, no spelling correction, no excerpts, no ranking beyond BM25+.
 */
export class FloorIndex {
  readonly #ids = new Map<string, number>();
  readonly #start: Uint32Array;
  readonly #passage: Uint32Array;
  readonly #count: Uint16Array;
  readonly #length: Uint16Array;
  readonly #average: number;
  readonly #scores: Float64Array;
  readonly #matched: Uint16Array;
  readonly #touched: Uint32Array;

  constructor(paragraphs: readonly string[]) {
    const size = paragraphs.length;
    // Two passes over the text: how many paragraphs hold each term (so each term's postings get their
    // place in one array), then the postings.
    const df: number[] = [];
    this.#length = new Uint16Array(size);
    paragraphs.forEach((text, p) => {
      const counts = this.#termCounts(text, df);
      this.#length[p] = Math.min(counts.size, 0xffff);
      for (const term of counts.keys()) df[term] = (df[term] ?? 0) + 1;
    });
    this.#start = new Uint32Array(df.length + 1);
    df.forEach((n, term) => (this.#start[term + 1] = (this.#start[term] ?? 0) + n));
    const next = this.#start.slice(0, df.length);
    this.#passage = new Uint32Array(this.#start[df.length] ?? 0);
    this.#count = new Uint16Array(this.#passage.length);
    paragraphs.forEach((text, p) => {
      for (const [term, count] of this.#termCounts(text, df)) {
        const at = (next[term] = (next[term] ?? 0) + 1) - 1;
        this.#passage[at] = p;
        this.#count[at] = Math.min(count, 0xffff);
      }
    });
    this.#average = this.#length.reduce((sum, n) => sum + n, 0) / Math.max(1, size);
    this.#scores = new Float64Array(size);
    this.#matched = new Uint16Array(size);
    this.#touched = new Uint32Array(size);
  }

  /** How often `text` uses each term, by term id; a new word gets the next id (and a place in `df`). */
  #termCounts(text: string, df: number[]): Map<number, number> {
    const counts = new Map<number, number>();
    for (const word of wordsOf(text)) {
      let id = this.#ids.get(word);
      if (id === undefined) this.#ids.set(word, (id = df.push(0) - 1));
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    return counts;
  }

  /** The `limit` best paragraphs for `question`, best first, as paragraph indexes with their scores. */
  search(question: string, limit = 10): { id: number; score: number }[] {
    const [scores, matched, touched] = [this.#scores, this.#matched, this.#touched];
    const size = this.#length.length;
    let touchedCount = 0;
    for (const word of new Set(wordsOf(question))) {
      const term = this.#ids.get(word);
      if (term === undefined) continue;
      const [from, to] = [this.#start[term] ?? 0, this.#start[term + 1] ?? 0];
      const idf = Math.log(1 + (size - (to - from) + 0.5) / (to - from + 0.5));
      for (let i = from; i < to; i += 1) {
        const p = this.#passage[i] ?? 0;
        const tf = this.#count[i] ?? 0;
        if (matched[p] === 0) touched[touchedCount++] = p;
        const norm = 1 - b + (b * (this.#length[p] ?? 0)) / this.#average;
        scores[p] = (scores[p] ?? 0) + idf * (d + (tf * (k + 1)) / (tf + k * norm));
        matched[p] = (matched[p] ?? 0) + 1;
      }
    }
    const best: { id: number; score: number }[] = []; // a min-heap on score
    for (let i = 0; i < touchedCount; i += 1) {
      const p = touched[i] ?? 0;
      const score = (scores[p] ?? 0) * (matched[p] ?? 0);
      [scores[p], matched[p]] = [0, 0];
      if (best.length < limit) heapPush(best, { id: p, score });
      else if (score > (best[0]?.score ?? 0)) heapReplaceTop(best, { id: p, score });
    }
    return best.sort((a, c) => c.score - a.score);
  }
}

const [k, b, d] = [1.2, 0.7, 0.5];
const stopWords: ReadonlySet<string> = new Set(stopWordsData.words);
const spaceOrPunctuation = /[\n\r\p{Z}\p{P}]+/u;
const wordsOf = (text: string) =>
  text.split(spaceOrPunctuation).flatMap((w) => (w === '' || stopWords.has((w = w.toLowerCase())) ? [] : [w]));

function heapPush(heap: { id: number; score: number }[], item: { id: number; score: number }): void {
  heap.push(item);
  for (
    let at = heap.length - 1, parent = (at - 1) >> 1;
    at > 0 && (heap[parent]?.score ?? 0) > item.score;
    at = parent, parent = (at - 1) >> 1
  ) {
    [heap[at], heap[parent]] = [heap[parent] ?? item, item];
  }
}

function heapReplaceTop(heap: { id: number; score: number }[], item: { id: number; score: number }): void {
  heap[0] = item;
  for (let at = 0; ;) {
    const [left, right] = [2 * at + 1, 2 * at + 2];
    let least = at;
    if ((heap[left]?.score ?? Infinity) < (heap[least]?.score ?? 0)) least = left;
    if ((heap[right]?.score ?? Infinity) < (heap[least]?.score ?? 0)) least = right;
    if (least === at) return;
    [heap[at], heap[least]] = [heap[least] ?? item, item];
    at = least;
  }
}
