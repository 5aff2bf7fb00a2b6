import type { Inversion } from './index-data.js';

/** MiniSearch's BM25+ parameters, which scoring here keeps: term saturation, length normalisation, the "+" floor. */
export const bm25Params = { k: 1.2, b: 0.7, d: 0.5 } as const;

/** A term to search for, by vocabulary id, and what a match of it counts for (1 for a word of the question). */
export type WeightedTerm = { readonly id: number; readonly weight: number };

/** A passage that matched a query, with its BM25+ score. */
export type Hit = { readonly passageId: number; readonly score: number };

/** Inverse document frequency as MiniSearch computes it. */
export function idf(size: number, df: number): number {
  return Math.log(1 + (size - df + 0.5) / (df + 0.5));
}

/**
 * BM25+ over an inversion, as MiniSearch scores an OR query (each term's BM25+ summed, times how many of
 * the query's terms the passage matched), with each term's score and count scaled by its weight: the
 * best `limit` passages, best first (ties by passage id). Reads every posting of the query's terms once
 * into accumulators sized to the corpus, then keeps the best in a small heap: no object per match, no
 * sort of all of them. `accept` leaves out passages (one article's only, say).
 */
export class Bm25Scorer {
  readonly #inverted: Inversion;
  readonly #size: number;
  readonly #scores: Float64Array;
  readonly #matched: Float64Array;
  readonly #touched: Uint32Array;

  constructor(inverted: Inversion) {
    this.#inverted = inverted;
    this.#size = inverted.distinct.length;
    this.#scores = new Float64Array(this.#size);
    this.#matched = new Float64Array(this.#size);
    this.#touched = new Uint32Array(this.#size);
  }

  search(terms: readonly WeightedTerm[], limit: number, accept?: (passageId: number) => boolean): Hit[] {
    const { start, passage, count, distinct, average } = this.#inverted;
    const [scores, matched, touched] = [this.#scores, this.#matched, this.#touched];
    const { k, b, d } = bm25Params;
    let touchedCount = 0;
    for (const { id, weight } of terms) {
      const [from, to] = [start[id] ?? 0, start[id + 1] ?? 0];
      const termIdf = idf(this.#size, to - from);
      for (let i = from; i < to; i += 1) {
        const p = passage[i] ?? 0;
        const tf = count[i] ?? 0;
        if (matched[p] === 0) touched[touchedCount++] = p;
        scores[p] = (scores[p] ?? 0) + weight * termIdf * (d + (tf * (k + 1)) / (tf + k * (1 - b + (b * (distinct[p] ?? 0)) / average)));
        matched[p] = (matched[p] ?? 0) + weight;
      }
    }
    const best = new TopHits(limit);
    for (let i = 0; i < touchedCount; i += 1) {
      const p = touched[i] ?? 0;
      if (accept === undefined || accept(p)) best.offer(p, (scores[p] ?? 0) * (matched[p] ?? 0));
      scores[p] = 0;
      matched[p] = 0;
    }
    return best.sorted();
  }
}

/** The best `limit` hits seen, in a min-heap on score (a lower passage id wins a tie, as in a stable sort by id). */
class TopHits {
  readonly #limit: number;
  readonly #ids: number[] = [];
  readonly #scores: number[] = [];

  constructor(limit: number) {
    this.#limit = Math.max(0, limit);
  }

  offer(id: number, score: number): void {
    if (this.#ids.length < this.#limit) {
      this.#ids.push(id);
      this.#scores.push(score);
      this.#up(this.#ids.length - 1);
    } else if (this.#limit > 0 && isBetter(id, score, this.#ids[0] ?? 0, this.#scores[0] ?? 0)) {
      this.#ids[0] = id;
      this.#scores[0] = score;
      this.#down(0);
    }
  }

  sorted(): Hit[] {
    return this.#ids
      .map((passageId, i) => ({ passageId, score: this.#scores[i] ?? 0 }))
      .sort((a, c) => c.score - a.score || a.passageId - c.passageId);
  }

  #up(at: number): void {
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (!this.#isWorse(at, parent)) return;
      this.#swap(at, parent);
      at = parent;
    }
  }

  #down(at: number): void {
    for (;;) {
      const [left, right] = [2 * at + 1, 2 * at + 2];
      let worst = at;
      if (left < this.#ids.length && this.#isWorse(left, worst)) worst = left;
      if (right < this.#ids.length && this.#isWorse(right, worst)) worst = right;
      if (worst === at) return;
      this.#swap(at, worst);
      at = worst;
    }
  }

  #isWorse(a: number, c: number): boolean {
    return isBetter(this.#ids[c] ?? 0, this.#scores[c] ?? 0, this.#ids[a] ?? 0, this.#scores[a] ?? 0);
  }

  #swap(a: number, c: number): void {
    [this.#ids[a], this.#ids[c]] = [this.#ids[c] ?? 0, this.#ids[a] ?? 0];
    [this.#scores[a], this.#scores[c]] = [this.#scores[c] ?? 0, this.#scores[a] ?? 0];
  }
}

const isBetter = (id: number, score: number, otherId: number, otherScore: number) =>
  score > otherScore || (score === otherScore && id < otherId);
