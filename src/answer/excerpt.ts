import type { Span } from '../text/sentences.js';
import type { Highlight } from './types.js';

/** A passage word that counts as a question term: which (`slot`), for how much (`credit`), and where it stands. */
export type TermMatch = {
  readonly slot: number;
  readonly credit: number;
  readonly start: number;
  readonly end: number;
  /** Its place among the passage's terms (0 for the first), for proximity. */
  readonly position: number;
};

export type ExcerptChoice = {
  /** The chosen span of the passage: whole sentences only. */
  readonly span: Span;
  /** The share of the question the span covers. */
  readonly coverage: number;
  /** The share of the question the best single sentence covers. */
  readonly sentenceCoverage: number;
  /** Whether the span holds the kind of thing the question asks for. */
  readonly hasEvidence: boolean;
};

/** The longest excerpt, in characters, when more than one sentence is shown. */
export const defaultExcerptChars = 400;

/** What holding the kind of answer a question asks for (a date for when) adds to a sentence's coverage. */
const evidenceBonus = 0.25;
/** How much less a sentence after the excerpt may cover than the one before it and still be added first: answers tend to follow what a question echoes. */
const nextBias = 0.05;

/**
 * Picks the sentence most likely to hold the answer (the most of the question covered, plus
 * `evidenceBonus` when it holds the kind of answer the question wants), then adds neighbouring sentences
 * while the whole fits in `maxChars`, the better one first (the next one unless the one before covers
 * clearly more). Cuts only at sentence boundaries, so one long sentence may exceed `maxChars`.
 *
 * @param weights each question term's weight, by slot
 * @param evidence whether sentence `i` holds the kind of answer wanted
 */
export function pickExcerpt(
  sentences: readonly Span[],
  matches: readonly TermMatch[],
  weights: ArrayLike<number>,
  evidence: (sentence: number) => boolean,
  maxChars = defaultExcerptChars,
): ExcerptChoice {
  const covered = sentences.map((span) => coverageIn(matches, weights, span.start, span.end));
  const held = sentences.map((_, i) => evidence(i));
  const score = covered.map((coverage, i) => coverage + (held[i] === true ? evidenceBonus : 0));
  let best = 0;
  score.forEach((value, i) => {
    if (value > (score[best] ?? 0) + 1e-9) best = i;
  });
  if (sentences[best] === undefined) return { span: { start: 0, end: 0 }, coverage: 0, sentenceCoverage: 0, hasEvidence: false };
  let [first, last] = [best, best];
  for (;;) {
    const [start, end] = [sentences[first]?.start ?? 0, sentences[last]?.end ?? 0];
    const nextFits = last + 1 < sentences.length && (sentences[last + 1]?.end ?? 0) - start <= maxChars;
    const previousFits = first > 0 && end - (sentences[first - 1]?.start ?? 0) <= maxChars;
    if (nextFits && (!previousFits || (score[last + 1] ?? 0) + nextBias >= (score[first - 1] ?? 0))) last += 1;
    else if (previousFits) first -= 1;
    else break;
  }
  const span = { start: sentences[first]?.start ?? 0, end: sentences[last]?.end ?? 0 };
  return {
    span,
    coverage: coverageIn(matches, weights, span.start, span.end),
    sentenceCoverage: Math.max(0, ...covered),
    hasEvidence: held.slice(first, last + 1).includes(true),
  };
}

/** The share of the question the matches inside [start, end) cover: each term once, at its best credit. */
export function coverageIn(matches: readonly TermMatch[], weights: ArrayLike<number>, start = 0, end = Infinity): number {
  const credit: number[] = [];
  for (const match of matches) {
    if (match.start >= start && match.end <= end && (credit[match.slot] ?? 0) < match.credit) credit[match.slot] = match.credit;
  }
  return credit.reduce((sum, c, slot) => sum + c * (weights[slot] ?? 0), 0);
}

/** Highlights of the matches inside `span`, as offsets into the span's text. */
export function highlightsIn(span: Span, matches: readonly TermMatch[]): Highlight[] {
  return matches
    .filter((match) => match.start >= span.start && match.end <= span.end)
    .map((match): Highlight => [match.start - span.start, match.end - span.start]);
}
