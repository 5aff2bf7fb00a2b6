import { existsSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { documentIdFor } from '../../src/index.js';
import { repoRoot } from '../eval-score.js';

/** What a question of an eval set is: answerable, or one of the kinds the corpus should not answer confidently. */
export type QuestionKind =
  /** The corpus answers it. */
  | 'answerable'
  /** Written to look answerable from a paragraph when it is not (SQuAD 2.0's `is_impossible`). */
  | 'unanswerable'
  /** On the story's subject, but the story does not say. */
  | 'near-miss'
  /** Nothing to do with the corpus. */
  | 'unrelated'
  /** Out of scope, not told which of the last two. */
  | 'out-of-scope';

/** One question with what counts as its answer. */
export type EvalQuestion = {
  readonly id: string;
  readonly question: string;
  readonly kind: QuestionKind;
  /** Strings any of which, found in an excerpt, answers it (empty unless answerable). */
  readonly answers: readonly string[];
  /** The paragraph it was written for, when known (SQuAD). */
  readonly gold?: { readonly documentId: string; readonly paragraph: number };
  /** The article it was written for, when known: cross-validation keeps an article's questions together. */
  readonly article?: string;
};

/** A corpus and the questions asked of it. */
export type EvalSet = {
  readonly name: string;
  readonly file: string;
  readonly corpusDir: string;
  readonly questions: readonly EvalQuestion[];
};

const sharedEval = path.resolve(repoRoot, '../shared/eval');

/** The sets `npm run eval` runs when told none: the shared ones beside the checkout when present, and the project's own. */
export function defaultSetFiles(): { readonly story: string[]; readonly squad: string[] } {
  const present = (files: string[]) => files.filter((file) => existsSync(file));
  return {
    story: present([path.join(sharedEval, 'dev-questions.json'), path.join(repoRoot, 'eval/holdout-questions.json')]),
    squad: present([
      path.join(sharedEval, 'external/squad2-dev-16-articles.json'),
      path.join(sharedEval, 'external/squad1-train-notre-dame.json'),
      path.join(repoRoot, 'eval/squad-sample.json'),
    ]),
  };
}

/** The project's story sets: questions with answer strings, and out-of-scope questions (optionally of a kind). */
const storySetSchema = z.object({
  about: z.string().optional(),
  questions: z.array(z.object({ id: z.string(), question: z.string(), answers: z.array(z.string()).min(1), type: z.string().optional() })),
  outOfScope: z.array(z.object({ id: z.string(), question: z.string(), kind: z.enum(['near-miss', 'unrelated']).optional() })).default([]),
});

/** A story set asked of `corpusDir`. */
export async function readStorySet(file: string, corpusDir: string): Promise<EvalSet> {
  const set = storySetSchema.parse(JSON.parse(await readFile(file, 'utf8')));
  const questions: EvalQuestion[] = [
    ...set.questions.map((q) => ({ id: q.id, question: q.question, kind: 'answerable' as const, answers: q.answers })),
    ...set.outOfScope.map((q) => ({ id: q.id, question: q.question, kind: q.kind ?? ('out-of-scope' as const), answers: [] })),
  ];
  return { name: path.basename(file, '.json'), file, corpusDir, questions };
}

const squadSchema = z.object({
  data: z.array(
    z.object({
      title: z.string(),
      paragraphs: z.array(
        z.object({
          context: z.string(),
          qas: z.array(
            z.object({
              id: z.string(),
              question: z.string(),
              answers: z.array(z.object({ text: z.string() })).default([]),
              is_impossible: z.boolean().optional(),
            }),
          ),
        }),
      ),
    }),
  ),
});

/**
 * A SQuAD-format file as an eval set: a temporary corpus with one `.txt` article per SQuAD article (one
 * paragraph a line, in order, so paragraph N is `paragraphs[N-1]`), and every question asked of it.
 */
export async function readSquadSet(file: string): Promise<EvalSet> {
  const squad = squadSchema.parse(JSON.parse(await readFile(file, 'utf8')));
  const corpusDir = await mkdtemp(path.join(os.tmpdir(), 'storybot-squad-'));
  const questions: EvalQuestion[] = [];
  for (const article of squad.data) {
    const name = article.title.replace(/[^\p{L}\p{N}]+/gu, '_');
    const documentId = documentIdFor(`${name}.txt`);
    const lines = article.paragraphs.map((p) => p.context.replace(/\s+/g, ' ').trim());
    await writeFile(path.join(corpusDir, `${name}.txt`), `${lines.join('\n')}\n`);
    article.paragraphs.forEach((paragraph, index) => {
      for (const qa of paragraph.qas) {
        const isImpossible = qa.is_impossible === true || qa.answers.length === 0;
        questions.push({
          id: qa.id,
          question: qa.question,
          kind: isImpossible ? 'unanswerable' : 'answerable',
          answers: isImpossible ? [] : qa.answers.map((a) => a.text),
          gold: { documentId, paragraph: index + 1 },
          article: documentId,
        });
      }
    });
  }
  return { name: path.basename(file, '.json'), file, corpusDir, questions };
}
