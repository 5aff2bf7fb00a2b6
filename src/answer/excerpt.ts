import type { Span } from '../text/sentences.js';
import type { Highlight } from './types.js';

/** A matched term's place in a passage, and what finding it is worth. */
export type TermMatch = { readonly term: number; readonly start: number; readonly end: number; readonly weight: number };

export type ExcerptChoice = {
  /** The chosen span of the passage: whole sentences only. */
  readonly span: Span;
  /** Weight of the distinct terms matched inside the span. */
  readonly matchedWeight: number;
  /** Whether the span holds the kind of thing the question asks for. */
  readonly hasEvidence: boolean;
};

/** The longest excerpt, in characters, when more than one sentence is shown. */
export const defaultExcerptChars = 400;

/**
 * Picks the sentence most likely to hold the answer (the most matched weight, then the kind of answer the
 * question wants), then adds neighbouring sentences while the whole fits in `maxChars`: usually the
 * sentence or two around it. Cuts only at sentence boundaries, so one long sentence may exceed `maxChars`.
 */
export function pickExcerpt(
  sentences: readonly Span[],
  matches: readonly TermMatch[],
  evidence: (span: Span, sentence: number) => boolean,
  maxChars = defaultExcerptChars,
): ExcerptChoice {
  const scored = sentences.map((span, i) => ({ span, weight: weightIn(span, matches), hasEvidence: evidence(span, i) }));
  let best = 0;
  scored.forEach((sentence, index) => {
    const current = scored[best];
    if (current !== undefined && rank(sentence) > rank(current)) best = index;
  });
  if (scored[best] === undefined) return { span: { start: 0, end: 0 }, matchedWeight: 0, hasEvidence: false };
  // Grow around the best sentence while the whole still fits: the better-matching neighbour first,
  // the next sentence on a tie (answers tend to follow what a question echoes).
  let first = best;
  let last = best;
  for (;;) {
    const start = scored[first]?.span.start ?? 0;
    const end = scored[last]?.span.end ?? 0;
    const next = scored[last + 1];
    const previous = scored[first - 1];
    const nextFits = next !== undefined && next.span.end - start <= maxChars;
    const previousFits = previous !== undefined && end - previous.span.start <= maxChars;
    if (nextFits && (!previousFits || rank(next) >= rank(previous))) last += 1;
    else if (previousFits) first -= 1;
    else break;
  }
  const span = { start: scored[first]?.span.start ?? 0, end: scored[last]?.span.end ?? 0 };
  let hasEvidence = false;
  for (let i = first; i <= last; i += 1) hasEvidence ||= scored[i]?.hasEvidence === true;
  return { span, matchedWeight: weightIn(span, matches), hasEvidence };
}

/** Highlights of the matches inside `span`, as offsets into the span's text. */
export function highlightsIn(span: Span, matches: readonly TermMatch[]): Highlight[] {
  return matches
    .filter((match) => match.start >= span.start && match.end <= span.end)
    .map((match): Highlight => [match.start - span.start, match.end - span.start]);
}

/** The weight of the distinct terms matched inside `span`. */
function weightIn(span: Span, matches: readonly TermMatch[]): number {
  const counted: number[] = []; // a sentence matches a handful of terms: a list beats a set
  let sum = 0;
  for (const match of matches) {
    if (match.start < span.start || match.end > span.end || counted.includes(match.term)) continue;
    counted.push(match.term);
    sum += match.weight;
  }
  return sum;
}

const rank = (sentence: { weight: number; hasEvidence: boolean }) => sentence.weight + (sentence.hasEvidence ? 0.25 : 0);
