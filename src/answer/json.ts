import type { Answer, Citation, DeclineReason, Highlight, Outcome } from './types.js';

/** One excerpt in the public JSON contract. */
export type ResultJson = {
  readonly text: string;
  readonly highlights: readonly Highlight[];
  readonly score: number;
  readonly citation: Citation;
};

/** An answer in the public JSON contract (README, "The JSON contract"). */
export type AnswerJson = {
  readonly question: string;
  readonly outcome: Outcome;
  readonly answered: boolean;
  readonly confidence: number;
  readonly results: readonly ResultJson[];
  /** Only when the outcome is `declined`. */
  readonly suggestions?: readonly string[];
  /** Only when the outcome is `declined`: why (`no-match`; `empty`, `help` for no question at all; `unknown-article`). */
  readonly reason?: DeclineReason;
};

/**
 * The answer as the public JSON contract documented in the README (`ask --json`, `POST /api/ask`): question,
 * outcome, answered (true for the confident tier only), confidence, results (text, highlights, score,
 * citation), and the reason and suggestions when declined. Nothing else: no internal fields.
 */
export function answerToJson(answer: Answer): AnswerJson {
  const results = answer.results.map(({ text, highlights, score, citation }) => ({ text, highlights, score, citation }));
  const json = { question: answer.question, outcome: answer.outcome, answered: answer.answered, confidence: answer.confidence, results };
  return answer.outcome === 'declined' ? { ...json, reason: answer.reason, suggestions: answer.suggestions } : json;
}
