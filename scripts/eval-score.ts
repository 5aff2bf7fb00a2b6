import { z } from 'zod';

/** The format of an evaluation set (see ../shared/eval/dev-questions.json). */
export const evalSetSchema = z.object({
  about: z.string().optional(),
  questions: z.array(z.object({ id: z.string(), question: z.string(), answers: z.array(z.string()).min(1), type: z.string().optional() })),
  outOfScope: z.array(z.object({ id: z.string(), question: z.string() })).default([]),
});
export type EvalSet = z.infer<typeof evalSetSchema>;

/** Folds text as the eval's scoring rule says: case, curly quotes, dashes, runs of white space. */
export function foldForScoring(text: string): string {
  return text
    .toLowerCase()
    .replace(/[‘’‛′]/g, "'")
    .replace(/[“”‟″]/g, '"')
    .replace(/[‐‑‒–—―−]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The 1-based rank of the first excerpt holding one of `answers`, or undefined. */
export function rankOfAnswer(excerpts: readonly string[], answers: readonly string[]): number | undefined {
  const wanted = answers.map(foldForScoring);
  const index = excerpts.findIndex((text) => wanted.some((answer) => foldForScoring(text).includes(answer)));
  return index === -1 ? undefined : index + 1;
}
