import type { Span } from '../text/sentences.js';
import type { Highlight } from './types.js';

/** A matched term's place in a passage, and what finding it is worth. */
export type TermMatch = { readonly term: string; readonly start: number; readonly end: number; readonly weight: number };

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
 * question wants), then adds the neighbouring sentence that matches more, or else the next one, when both
 * fit in `maxChars`. Cuts only at sentence boundaries, so one long sentence may exceed `maxChars`.
 */
export function pickExcerpt(
  sentences: readonly Span[],
  matches: readonly TermMatch[],
  evidence: (span: Span) => boolean,
  maxChars = defaultExcerptChars,
): ExcerptChoice {
  const scored = sentences.map((span) => ({ span, weight: weightIn(span, matches), hasEvidence: evidence(span) }));
  let best = 0;
  scored.forEach((sentence, index) => {
    const current = scored[best];
    if (current !== undefined && rank(sentence) > rank(current)) best = index;
  });
  const chosen = scored[best];
  if (chosen === undefined) return { span: { start: 0, end: 0 }, matchedWeight: 0, hasEvidence: false };
  const previous = scored[best - 1];
  const next = scored[best + 1];
  const fits = (other: typeof chosen | undefined) =>
    other !== undefined && Math.max(other.span.end, chosen.span.end) - Math.min(other.span.start, chosen.span.start) <= maxChars;
  const neighbour = [next, previous].filter(fits).sort((a, b) => (b === undefined || a === undefined ? 0 : rank(b) - rank(a)))[0];
  const span =
    neighbour === undefined
      ? chosen.span
      : { start: Math.min(neighbour.span.start, chosen.span.start), end: Math.max(neighbour.span.end, chosen.span.end) };
  return { span, matchedWeight: weightIn(span, matches), hasEvidence: chosen.hasEvidence || neighbour?.hasEvidence === true };
}

/** Highlights of the matches inside `span`, as offsets into the span's text. */
export function highlightsIn(span: Span, matches: readonly TermMatch[]): Highlight[] {
  return matches
    .filter((match) => match.start >= span.start && match.end <= span.end)
    .map((match): Highlight => [match.start - span.start, match.end - span.start]);
}

function weightIn(span: Span, matches: readonly TermMatch[]): number {
  const terms = new Map<string, number>();
  for (const match of matches) if (match.start >= span.start && match.end <= span.end) terms.set(match.term, match.weight);
  let sum = 0;
  for (const weight of terms.values()) sum += weight;
  return sum;
}

const rank = (sentence: { weight: number; hasEvidence: boolean }) => sentence.weight + (sentence.hasEvidence ? 0.25 : 0);
