import { foldForScoring } from '../eval-score.js';
import type { EvalQuestion } from './sets.js';

/** What one engine showed for one question. */
export type Shown = {
  readonly outcome: 'answered' | 'closest' | 'declined';
  /** The engine's confidence that the first excerpt holds the answer, when it gives one. */
  readonly confidence?: number;
  readonly results: readonly { readonly text: string; readonly documentId: string; readonly paragraph: number }[];
};

/** A question, what was shown for it, and where the answer stood. */
export type Judged = {
  readonly question: EvalQuestion;
  readonly shown: Shown;
  /** The 1-based rank of the first excerpt holding an answer string. */
  readonly answerRank: number | undefined;
  /** The 1-based rank of the first citation of the gold paragraph. */
  readonly paragraphRank: number | undefined;
};

/** Where the answer and the gold paragraph stand among what was shown. */
export function judge(question: EvalQuestion, shown: Shown): Judged {
  const wanted = question.answers.map(foldForScoring);
  const answerAt = shown.results.findIndex((r) => wanted.some((answer) => foldForScoring(r.text).includes(answer)));
  const gold = question.gold;
  const paragraphAt =
    gold === undefined ? -1 : shown.results.findIndex((r) => r.documentId === gold.documentId && r.paragraph === gold.paragraph);
  return {
    question,
    shown,
    answerRank: answerAt === -1 ? undefined : answerAt + 1,
    paragraphRank: paragraphAt === -1 ? undefined : paragraphAt + 1,
  };
}

/** One row of the eval table: an engine's figures on one set. */
export type Figures = {
  readonly questions: number;
  readonly answerable: number;
  readonly hit1: number;
  readonly hit3: number;
  /** Undefined when the set has no gold paragraphs. */
  readonly para1: number | undefined;
  readonly para3: number | undefined;
  /** Answerable questions declined outright. */
  readonly answerableDeclined: number;
  /** Answerable questions given a confident answer. */
  readonly answerableConfident: number;
  /** Questions the corpus does not answer (unanswerable, near-miss, unrelated) given a confident answer. */
  readonly otherConfident: number;
  readonly others: number;
  /** Unrelated questions declined, of how many (when the set says which are unrelated). */
  readonly unrelatedDeclined: readonly [number, number];
  /** Near-miss questions not given a confident answer, of how many. */
  readonly nearMissNotConfident: readonly [number, number];
  readonly outcomes: { readonly answered: number; readonly closest: number; readonly declined: number };
  /** Expected calibration error of `confidence` against "the first excerpt holds the answer"; undefined without confidences. */
  readonly ece: number | undefined;
};

const share = (count: number, of: number) => (of === 0 ? 0 : count / of);

/** The figures of one engine on one set. */
export function figuresOf(judged: readonly Judged[]): Figures {
  const answerable = judged.filter((j) => j.question.kind === 'answerable');
  const others = judged.filter((j) => j.question.kind !== 'answerable');
  const withGold = answerable.filter((j) => j.question.gold !== undefined);
  const within = (rank: number | undefined, k: number) => rank !== undefined && rank <= k;
  const count = <T>(items: readonly T[], test: (item: T) => boolean) => items.filter(test).length;
  const ofKind = (kind: EvalQuestion['kind']) => others.filter((j) => j.question.kind === kind);
  const unrelated = ofKind('unrelated');
  const nearMiss = ofKind('near-miss');
  return {
    questions: judged.length,
    answerable: answerable.length,
    hit1: share(
      count(answerable, (j) => within(j.answerRank, 1)),
      answerable.length,
    ),
    hit3: share(
      count(answerable, (j) => within(j.answerRank, 3)),
      answerable.length,
    ),
    para1:
      withGold.length === 0
        ? undefined
        : share(
            count(withGold, (j) => within(j.paragraphRank, 1)),
            withGold.length,
          ),
    para3:
      withGold.length === 0
        ? undefined
        : share(
            count(withGold, (j) => within(j.paragraphRank, 3)),
            withGold.length,
          ),
    answerableDeclined: share(
      count(answerable, (j) => j.shown.outcome === 'declined'),
      answerable.length,
    ),
    answerableConfident: share(
      count(answerable, (j) => j.shown.outcome === 'answered'),
      answerable.length,
    ),
    otherConfident: share(
      count(others, (j) => j.shown.outcome === 'answered'),
      others.length,
    ),
    others: others.length,
    unrelatedDeclined: [count(unrelated, (j) => j.shown.outcome === 'declined'), unrelated.length],
    nearMissNotConfident: [count(nearMiss, (j) => j.shown.outcome !== 'answered'), nearMiss.length],
    outcomes: {
      answered: count(judged, (j) => j.shown.outcome === 'answered'),
      closest: count(judged, (j) => j.shown.outcome === 'closest'),
      declined: count(judged, (j) => j.shown.outcome === 'declined'),
    },
    ece: judged.every((j) => j.shown.confidence !== undefined) ? reliability(pairsOf(judged)).ece : undefined,
  };
}

/** Each question's confidence and whether its first excerpt holds the answer (never, for a question the corpus does not answer). */
export function pairsOf(judged: readonly Judged[]): { readonly predicted: number; readonly observed: boolean }[] {
  return judged.map((j) => ({ predicted: j.shown.confidence ?? 0, observed: j.question.kind === 'answerable' && j.answerRank === 1 }));
}

/** One bin of a reliability table: the questions whose confidence fell in [from, to). */
export type Bin = {
  readonly from: number;
  readonly to: number;
  readonly count: number;
  readonly predicted: number;
  readonly observed: number;
};

/**
 * A reliability table in `bins` equal-width bins of confidence, and the expected calibration error: the
 * mean over questions of |mean confidence - observed share| of their bin.
 */
export function reliability(
  pairs: readonly { readonly predicted: number; readonly observed: boolean }[],
  bins = 10,
): { readonly bins: readonly Bin[]; readonly ece: number } {
  const table = Array.from({ length: bins }, (_, i) => ({ from: i / bins, to: (i + 1) / bins, count: 0, predicted: 0, observed: 0 }));
  for (const { predicted, observed } of pairs) {
    const bin = table[Math.min(bins - 1, Math.max(0, Math.floor(predicted * bins)))];
    if (bin === undefined) continue;
    bin.count += 1;
    bin.predicted += predicted;
    bin.observed += observed ? 1 : 0;
  }
  let ece = 0;
  for (const bin of table) {
    if (bin.count === 0) continue;
    ece += (bin.count / Math.max(1, pairs.length)) * Math.abs(bin.predicted / bin.count - bin.observed / bin.count);
    bin.predicted /= bin.count;
    bin.observed /= bin.count;
  }
  return { bins: table, ece };
}
