import type { Inversion, Whole } from './index-data.js';

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
 * best `limit` passages, best first (ties by passage id). Reads the postings into accumulators sized to
 * the corpus, then keeps the best in a small heap: no object per match, no sort of all of them.
 *
 * Terms are read rarest first (by the most a match of each can add), and summed in that order whatever
 * the question's order. Once the passages already met hold `limit` that no passage yet unmet could pass
 * (its best possible score, every remaining term matched, is below their `limit`-th score so far: scores
 * only grow), the remaining, commoner terms are looked up for those passages only, not read whole. The
 * result is the same, to the bit, as reading every posting; a question of common words alone reads them
 * all. `accept` leaves out passages (one article's only, say).
 */
export class Bm25Scorer {
  readonly #inverted: Inversion;
  readonly #size: number;
  readonly #scores: Float64Array;
  readonly #matched: Float64Array;
  readonly #touched: Uint32Array;
  /** Each passage's length normalisation times k, `k × (1 − b + b × length / average)`, worked out once. */
  readonly #lengthNorm: Float64Array;
  #postingsRead = 0;

  constructor(inverted: Inversion) {
    const { k, b } = bm25Params;
    this.#inverted = inverted;
    this.#size = inverted.distinct.length;
    this.#scores = new Float64Array(this.#size);
    this.#matched = new Float64Array(this.#size);
    this.#touched = new Uint32Array(this.#size);
    this.#lengthNorm = Float64Array.from(inverted.distinct, (length) => k * (1 - b + (b * length) / inverted.average));
  }

  /** How many postings the last search read whole (those it looked up for the passages met are not counted). */
  get postingsRead(): number {
    return this.#postingsRead;
  }

  search(terms: readonly WeightedTerm[], limit: number, accept?: (passageId: number) => boolean): Hit[] {
    const { start } = this.#inverted;
    this.#postingsRead = 0;
    const [scores, matched, touched] = [this.#scores, this.#matched, this.#touched];
    const ordered = this.#rarestFirst(terms);
    // What the terms from each place on could still add to a passage they all match, and count for.
    const [mostAfter, weightAfter] = [new Float64Array(ordered.length + 1), new Float64Array(ordered.length + 1)];
    for (let j = ordered.length - 1; j >= 0; j -= 1) {
      mostAfter[j] = (mostAfter[j + 1] ?? 0) + (ordered[j]?.most ?? 0);
      weightAfter[j] = (weightAfter[j + 1] ?? 0) + (ordered[j]?.weight ?? 0);
    }
    // Pruning is sound when no passage can be left out for any other reason, and every weight is positive.
    const mayPrune = accept === undefined && limit > 0 && ordered.every(({ weight }) => weight > 0 && Number.isFinite(weight));
    let touchedCount = 0;
    let read = ordered.length;
    for (let j = 0; j < ordered.length; j += 1) {
      const term = ordered[j] ?? { id: 0, weight: 0, idf: 0, most: 0 };
      const postings = (start[term.id + 1] ?? 0) - (start[term.id] ?? 0);
      // Worth checking only when the term's postings outnumber the passages met by far.
      if (mayPrune && touchedCount >= limit && postings > 8 * touchedCount) {
        const unmetBest = (mostAfter[j] ?? 0) * (weightAfter[j] ?? 0);
        if (unmetBest < this.#limitthScore(touchedCount, limit)) {
          read = j;
          break;
        }
      }
      touchedCount = this.#readPostings(term, touchedCount);
      this.#postingsRead += postings;
    }
    if (read < ordered.length) this.#lookUp(ordered.slice(read), touchedCount);
    const best = new TopHits(limit);
    for (let i = 0; i < touchedCount; i += 1) {
      const p = touched[i] ?? 0;
      if (accept === undefined || accept(p)) best.offer(p, (scores[p] ?? 0) * (matched[p] ?? 0));
      scores[p] = 0;
      matched[p] = 0;
    }
    return best.sorted();
  }

  /** `terms` with their idf and the most a match can add (every BM25+ part is below `d + k + 1`), rarest first. */
  #rarestFirst(terms: readonly WeightedTerm[]): ScoredTerm[] {
    const { start } = this.#inverted;
    const { k, d } = bm25Params;
    return terms
      .map(({ id, weight }, order) => {
        const termIdf = idf(this.#size, (start[id + 1] ?? 0) - (start[id] ?? 0));
        return { id, weight, idf: termIdf, most: weight * termIdf * (d + k + 1), order };
      })
      .sort((a, b) => b.most - a.most || a.order - b.order);
  }

  /** Adds every posting of `term` to the accumulators; returns how many passages have been met. */
  #readPostings(term: ScoredTerm, touchedCount: number): number {
    const { start, passage, count } = this.#inverted;
    const [scores, matched, touched, lengthNorm] = [this.#scores, this.#matched, this.#touched, this.#lengthNorm];
    const { k, d } = bm25Params;
    const { weight, idf: termIdf } = term;
    const to = start[term.id + 1] ?? 0;
    for (let i = start[term.id] ?? 0; i < to; i += 1) {
      const p = passage[i] ?? 0;
      const tf = count[i] ?? 0;
      if (matched[p] === 0) touched[touchedCount++] = p;
      scores[p] = (scores[p] ?? 0) + weight * termIdf * (d + (tf * (k + 1)) / (tf + (lengthNorm[p] ?? 0)));
      matched[p] = (matched[p] ?? 0) + weight;
    }
    return touchedCount;
  }

  /**
   * Adds `terms` to the passages met so far only: each term's postings (in passage order) are searched for
   * the passages in passage order, each search starting where the last one ended. In the same order, and
   * with the same arithmetic, as `#readPostings`.
   */
  #lookUp(terms: readonly ScoredTerm[], touchedCount: number): void {
    const { start, passage, count } = this.#inverted;
    const [scores, matched, lengthNorm] = [this.#scores, this.#matched, this.#lengthNorm];
    const { k, d } = bm25Params;
    const met = this.#touched.subarray(0, touchedCount).sort();
    for (const { id, weight, idf: termIdf } of terms) {
      const to = start[id + 1] ?? 0;
      let from = start[id] ?? 0;
      for (const p of met) {
        from = firstAtLeast(passage, p, from, to);
        if (from === to) break;
        if (passage[from] !== p) continue;
        const tf = count[from] ?? 0;
        scores[p] = (scores[p] ?? 0) + weight * termIdf * (d + (tf * (k + 1)) / (tf + (lengthNorm[p] ?? 0)));
        matched[p] = (matched[p] ?? 0) + weight;
      }
    }
  }

  /** The `limit`-th best score so far among the `touchedCount` passages met: no final score of the best `limit` is lower. */
  #limitthScore(touchedCount: number, limit: number): number {
    const best = new TopHits(limit);
    for (let i = 0; i < touchedCount; i += 1) {
      const p = this.#touched[i] ?? 0;
      best.offer(p, (this.#scores[p] ?? 0) * (this.#matched[p] ?? 0));
    }
    return best.worstScore();
  }
}

/** A term of a search, with its idf and the most one match of it can add to a passage's sum. */
type ScoredTerm = { readonly id: number; readonly weight: number; readonly idf: number; readonly most: number };

/** The first place in `sorted[from .. to)` holding `value` or more (`to` when none). */
function firstAtLeast(sorted: Whole, value: number, from: number, to: number): number {
  let [low, high] = [from, to];
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] ?? 0) < value) low = middle + 1;
    else high = middle;
  }
  return low;
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

  /** The lowest score kept (the `limit`-th best), or -Infinity while fewer than `limit` are kept. */
  worstScore(): number {
    return this.#ids.length < this.#limit ? -Infinity : (this.#scores[0] ?? -Infinity);
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
