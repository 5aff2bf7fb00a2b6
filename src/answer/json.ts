import type { Answer } from './types.js';

/**
 * The answer as the public JSON contract documented in the README (`ask --json`, `POST /api/ask`): question,
 * outcome, answered (true for the confident tier only), confidence, results (text, highlights, score,
 * citation), and suggestions when declined. Nothing else: no decline reason, no internal fields.
 */
export function answerToJson(answer: Answer): Record<string, unknown> {
  const results = answer.results.map(({ text, highlights, score, citation }) => ({ text, highlights, score, citation }));
  const json: Record<string, unknown> = {
    question: answer.question,
    outcome: answer.outcome,
    answered: answer.answered,
    confidence: answer.confidence,
    results,
  };
  if (answer.outcome === 'declined') json['suggestions'] = answer.suggestions;
  return json;
}
