import { existsSync } from 'node:fs';
import path from 'node:path';
import { readSquadSet, readStorySet } from '../../scripts/eval/sets.js';
import { repoRoot } from '../../scripts/eval-score.js';
import { generateCorpus, generateQuestions } from '../../scripts/synthetic-corpus.js';
import { Storybot, type Answer } from '../../src/index.js';

/** One answer as the snapshot keeps it: what a reader sees, with each excerpt's score (ties may reorder). */
export type AnswerRecord = {
  readonly question: string;
  readonly outcome: Answer['outcome'];
  readonly confidence: number;
  readonly suggestions?: readonly string[];
  readonly results: readonly {
    readonly documentId: string;
    readonly paragraph: number;
    readonly score: number;
    readonly text: string;
    readonly highlights: readonly (readonly [number, number])[];
  }[];
};

/** A corpus and the questions asked of it. */
export type AnswerSet = {
  readonly name: string;
  readonly ask: (question: string, top?: number) => Answer;
  readonly questions: readonly string[];
};

const sharedEval = path.resolve(repoRoot, '../shared/eval');
/** Every how many SQuAD 2.0 questions one is asked: about 760 of 6,078. */
const squadStride = 8;

/**
 * The sets the snapshot covers: the story's eval questions (the shared dev set when it is beside the
 * checkout, the holdout and unrelated sets), the SQuAD sample, every eighth question of the shared SQuAD
 * 2.0 articles when present, and 200 generated questions over a generated corpus of 1,000 articles.
 */
export async function answerSets(): Promise<AnswerSet[]> {
  const story = await Storybot.load('corpus');
  const storyFiles = [path.join(sharedEval, 'dev-questions.json'), 'eval/holdout-questions.json', 'eval/unrelated-questions.json'];
  const sets: AnswerSet[] = [];
  for (const file of storyFiles.filter((f) => existsSync(f))) {
    const set = await readStorySet(file, 'corpus');
    sets.push({
      name: set.name,
      ask: (q, top) => story.ask(q, top === undefined ? {} : { top }),
      questions: set.questions.map((q) => q.question),
    });
  }
  const squad2 = path.join(sharedEval, 'external/squad2-dev-16-articles.json');
  for (const file of ['eval/squad-sample.json', squad2].filter((f) => existsSync(f))) {
    const set = await readSquadSet(file);
    const bot = await Storybot.load(set.corpusDir);
    const stride = file === squad2 ? squadStride : 1;
    sets.push({
      name: set.name,
      ask: (q, top) => bot.ask(q, top === undefined ? {} : { top }),
      questions: set.questions.filter((_, i) => i % stride === 0).map((q) => q.question),
    });
  }
  const { articles, vocabulary } = generateCorpus({ articles: 1000 });
  const generated = Storybot.fromCorpus({ dir: 'generated', articles, skipped: [] });
  sets.push({
    name: 'generated-1000',
    ask: (q, top) => generated.ask(q, top === undefined ? {} : { top }),
    questions: generateQuestions(vocabulary, 200),
  });
  return sets;
}

/** What the snapshot keeps of `answer`. */
export function recordOf(question: string, answer: Answer): AnswerRecord {
  return {
    question,
    outcome: answer.outcome,
    confidence: answer.confidence,
    ...(answer.outcome === 'declined' ? { suggestions: answer.suggestions } : {}),
    results: answer.results.map((r) => ({
      documentId: r.citation.documentId,
      paragraph: r.citation.paragraph,
      score: r.score,
      text: r.text,
      highlights: r.highlights.map(([start, end]) => [start, end] as const),
    })),
  };
}

/**
 * How `actual` differs from `expected`, or undefined when it does not beyond ties: the same outcome,
 * confidence and suggestions, the same score at every place, and the same excerpts for each score, in any
 * order. Where a run of equal scores reaches the last place shown, the tie may have been cut elsewhere:
 * the excerpts missing there must then be shown, at that score, when more are asked for (`more`). The
 * confidence may differ only when the first two excerpts tie.
 */
export function differenceOf(expected: AnswerRecord, actual: AnswerRecord, more: () => AnswerRecord): string | undefined {
  if (actual.outcome !== expected.outcome) return `outcome ${expected.outcome} → ${actual.outcome}`;
  const [first, second] = expected.results;
  const isTopTied = second !== undefined && first?.score === second.score;
  if (actual.confidence !== expected.confidence && !isTopTied) return `confidence ${expected.confidence} → ${actual.confidence}`;
  if (JSON.stringify(actual.suggestions) !== JSON.stringify(expected.suggestions)) return 'suggestions differ';
  const scores = (record: AnswerRecord) => record.results.map((r) => r.score).join(', ');
  if (scores(actual) !== scores(expected)) return `scores [${scores(expected)}] → [${scores(actual)}]`;
  const last = expected.results.at(-1)?.score;
  for (const score of new Set(expected.results.map((r) => r.score))) {
    const got = new Set(keysAt(actual, score));
    const missing = keysAt(expected, score).filter((k) => !got.has(k));
    if (missing.length === 0) continue;
    const shownWithMore = new Set(keysAt(more(), score));
    if (score !== last || !missing.every((k) => shownWithMore.has(k))) return `the excerpts scoring ${score} differ`;
  }
  return undefined;
}

const keysAt = (record: AnswerRecord, score: number) =>
  record.results.filter((r) => r.score === score).map((r) => JSON.stringify([r.documentId, r.paragraph, r.text, r.highlights]));
