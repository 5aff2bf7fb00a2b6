import { z } from 'zod';
import calibrationData from './calibration.json' with { type: 'json' };
import { featureNames, type Features } from './features.js';
import type { Query } from './query.js';
import type { ParsedQuestion } from './question.js';

/** What the confidence reads of a question beside its best passage's features. */
export const questionFeatureNames = ['unknown', 'margin', 'typed', 'negated', 'unmetNumber'] as const;

/**
 * Which way each confidence input may push it: +1 only up, -1 only down (0: either). The fit keeps to these,
 * so the confidence cannot learn that covering more of a question makes an answer less likely (true of
 * SQuAD 2.0's unanswerable questions, written to match a paragraph closely, and of nothing else).
 */
export const confidenceSigns: Readonly<Record<(typeof featureNames)[number] | (typeof questionFeatureNames)[number], -1 | 0 | 1>> = {
  bm: 1,
  coverage: 1,
  context: 1,
  excerpt: 1,
  sentence: 1,
  proximity: 1,
  evidence: 1,
  missing: -1,
  unknown: -1,
  margin: 1,
  typed: 0,
  negated: -1,
  unmetNumber: -1,
};

/** Everything the confidence is computed from, by name. */
export type ConfidenceInput = Features & Readonly<Record<(typeof questionFeatureNames)[number], number>>;

const weightsOf = <const T extends readonly string[]>(names: T) =>
  z.object(Object.fromEntries(names.map((name) => [name, z.number()])) as Record<T[number], z.ZodNumber>);

/** The fitted model, as `npm run calibrate` writes it to calibration.json. */
export const calibrationSchema = z.object({
  about: z.string(),
  /** Weights of a candidate's features in its rank (a linear score; only the order matters). */
  rank: weightsOf(featureNames),
  /** Logistic regression: the chance that the first excerpt holds the answer. */
  confidence: z.object({ intercept: z.number(), weights: weightsOf([...featureNames, ...questionFeatureNames]) }),
  /**
   * From which confidence a question is answered; and from which relevance (the most of the question any
   * candidate passage holds, `relevanceOf`) it is shown the closest passages when not: below, it is declined.
   */
  tiers: z.object({ answered: z.number().min(0).max(1), relevant: z.number().min(0).max(1) }),
});
export type Calibration = z.infer<typeof calibrationSchema>;

/** The model in use: calibration.json, checked once when the module loads. */
export const calibration: Calibration = calibrationSchema.parse(calibrationData);

/**
 * How much of the question the corpus talks about at all: the largest share of it that any candidate
 * passage holds in any form, with the paragraph before it (`Measured.relevance`). A question about something else (a recipe, the weather)
 * finds a word or two of its own here and there; one the corpus may answer finds most of them together.
 */
export function relevanceOf(candidates: readonly { readonly relevance: number }[]): number {
  return Math.max(0, ...candidates.map(({ relevance }) => relevance));
}

/** A candidate's rank: its features weighed by the fitted rank weights. */
export function rankOf(features: Features, model: Calibration = calibration): number {
  let rank = 0;
  for (const name of featureNames) rank += model.rank[name] * features[name];
  return rank;
}

/**
 * What the confidence reads of a question: its best passage's features, the share of the question the
 * corpus does not know at all, how far the best passage's rank stands above the next one's, whether the
 * question asks for a kind of answer (when, who, how many...), whether it holds a negation, and whether it
 * asks how many (or what share) and the excerpt holds no number by its words.
 */
export function confidenceInput(
  best: Features,
  ranks: { readonly best: number; readonly next: number | undefined },
  query: Query,
  parsed: Pick<ParsedQuestion, 'type' | 'isNegated'>,
): ConfidenceInput {
  const unknown = query.terms.reduce((sum, term) => sum + (term.isKnown ? 0 : term.weight), 0);
  const margin = ranks.next === undefined ? 1 : Math.min(1, Math.max(0, ranks.best - ranks.next));
  const asksNumber = parsed.type === 'count' || parsed.type === 'share';
  // Spelled out, not spread, as in rank.ts: this runs once a question.
  const { bm, coverage, context, excerpt, sentence, proximity, evidence, missing } = best;
  return {
    bm,
    coverage,
    context,
    excerpt,
    sentence,
    proximity,
    evidence,
    missing,
    unknown,
    margin,
    typed: parsed.type === 'other' ? 0 : 1,
    negated: parsed.isNegated ? 1 : 0,
    unmetNumber: asksNumber && best.evidence === 0 ? 1 : 0,
  };
}

/** The chance that the first excerpt holds the answer, from 0 to 1 (logistic regression). */
export function confidenceOf(input: ConfidenceInput, model: Calibration = calibration): number {
  let logit = model.confidence.intercept;
  for (const name of [...featureNames, ...questionFeatureNames]) logit += model.confidence.weights[name] * input[name];
  return 1 / (1 + Math.exp(-logit));
}
