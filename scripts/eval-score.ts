import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** The format of an evaluation set (see ../shared/eval/dev-questions.json). */
export const evalSetSchema = z.object({
  about: z.string().optional(),
  questions: z.array(z.object({ id: z.string(), question: z.string(), answers: z.array(z.string()).min(1), type: z.string().optional() })),
  outOfScope: z.array(z.object({ id: z.string(), question: z.string() })).default([]),
});
export type EvalSet = z.infer<typeof evalSetSchema>;

/** The checkout: the nearest folder above this file with a package.json (scripts/ from TypeScript, dist/scripts/ once built). */
function checkoutOf(dir: string): string {
  return existsSync(path.join(dir, 'package.json')) || path.dirname(dir) === dir ? dir : checkoutOf(path.dirname(dir));
}
/** The checkout this script runs from, whether as TypeScript or built into dist/. */
export const repoRoot = checkoutOf(path.dirname(fileURLToPath(import.meta.url)));
/** The shared questions with known answers, beside the checkout (found from here, not the working directory). */
export const devQuestionsFile = path.resolve(repoRoot, '../shared/eval/dev-questions.json');
/** The project's own set, used where the shared one is not at hand. */
export const holdoutQuestionsFile = path.resolve(repoRoot, 'eval/holdout-questions.json');

/**
 * The questions the benchmarks time: the shared dev set if it is there, else the project's holdout set.
 * Says which file it read, so a run never silently times other questions than the last.
 */
export async function benchQuestions(): Promise<{ file: string; questions: string[] }> {
  const file = await readFile(devQuestionsFile, 'utf8').then(
    () => devQuestionsFile,
    () => holdoutQuestionsFile,
  );
  const set = evalSetSchema.parse(JSON.parse(await readFile(file, 'utf8')));
  return { file: path.relative(process.cwd(), file) || file, questions: [...set.questions, ...set.outOfScope].map((q) => q.question) };
}

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
