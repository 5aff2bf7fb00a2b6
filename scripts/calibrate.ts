import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { defineCommand, runCommand, type CommandLine } from '../adapters/command-line.js';
import { repoRoot } from './eval-score.js';
import { featureNames } from '../src/answer/features.js';
import {
  calibration,
  calibrationSchema,
  confidenceInput,
  confidenceSigns,
  questionFeatureNames,
  relevanceOf,
  type Calibration,
} from '../src/answer/model.js';
import { collect, type Collected } from './calibrate/collect.js';
import { fitLogistic, fitRank, sigmoid, type ConfidenceExample, type RankExample } from './calibrate/fit.js';
import { reliability } from './eval/measure.js';
import { defaultSetFiles, readSquadSet, readStorySet, type EvalSet } from './eval/sets.js';

const calibrationFile = path.join(repoRoot, 'src/answer/calibration.json');
const unrelatedFile = path.join(repoRoot, 'eval/unrelated-questions.json');

/** The share of the answerable questions in the data that get a confident answer: sets the answered tier. */
const answeredShare = 0.88;
/** The most answerable questions in the data that may be declined outright: sets the relevance below which a question is declined. */
const declinedShare = 0.004;
/** Folds of SQuAD articles for cross-validation. */
const folds = 4;

type Model = Pick<Calibration, 'rank' | 'confidence'>;
const confidenceNames = [...featureNames, ...questionFeatureNames] as const;
const dot = (a: readonly number[], b: readonly number[]) => a.reduce((sum, value, i) => sum + value * (b[i] ?? 0), 0);

/** What the fits learn from: the right candidates for the rank, and right-or-not for the confidence. */
function rankExamples(data: readonly Collected[]): RankExample[] {
  return data.flatMap((q) => {
    if (q.question.kind !== 'answerable' || q.candidates.length < 2) return [];
    const isRight = q.candidates.map((c) => (q.question.gold === undefined ? c.holdsAnswer : c.isGold));
    return isRight.includes(true) ? [{ features: q.candidates.map((c) => c.vector), isRight }] : [];
  });
}

/** A question under a rank: its best candidate, what the confidence reads, and whether that candidate holds the answer. */
function judged(q: Collected, rankWeights: readonly number[]) {
  const ranks = q.candidates.map((c) => dot(rankWeights, c.vector));
  const order = ranks.map((_, i) => i).sort((a, b) => (ranks[b] ?? 0) - (ranks[a] ?? 0));
  const [first, second] = order;
  const best = first === undefined ? undefined : q.candidates[first];
  if (best === undefined) return undefined;
  const input = confidenceInput(
    best.features,
    { best: ranks[first ?? 0] ?? 0, next: second === undefined ? undefined : ranks[second] },
    q.query,
    q.parsed,
  );
  return {
    input: confidenceNames.map((name) => input[name]),
    holdsAnswer: q.question.kind === 'answerable' && best.holdsAnswer,
    isGold: best.isGold,
  };
}

function fit(data: readonly Collected[]): Model {
  const rankWeights = fitRank(rankExamples(data), featureNames.length);
  const examples: ConfidenceExample[] = data.flatMap((q) => judged(q, rankWeights) ?? []);
  const { intercept, weights } = fitLogistic(examples, confidenceNames.length, {
    signs: confidenceNames.map((name) => confidenceSigns[name]),
  });
  const named = <T extends readonly string[]>(names: T, values: readonly number[]) =>
    Object.fromEntries(names.map((name, i) => [name, round(values[i] ?? 0)])) as Record<T[number], number>;
  return { rank: named(featureNames, rankWeights), confidence: { intercept: round(intercept), weights: named(confidenceNames, weights) } };
}

/** Each question's confidence under `model` (0 for a question with no candidate, which is declined) and the truth. */
function predictions(data: readonly Collected[], model: Model) {
  const rankWeights = featureNames.map((name) => model.rank[name]);
  const confidenceWeights = confidenceNames.map((name) => model.confidence.weights[name]);
  return data.map((q) => {
    const j = judged(q, rankWeights);
    const predicted = j === undefined ? 0 : sigmoid(model.confidence.intercept + dot(confidenceWeights, j.input));
    return { q, predicted, observed: j?.holdsAnswer ?? false, isGold: j?.isGold ?? false };
  });
}

/**
 * The answered and relevant tiers: answered from the confidence `answeredShare` of the answerable
 * questions reach, all sets pooled; declined below the relevance under which `declinedShare` of any one
 * set's answerable questions fall (the lowest of the sets', so a small set is not outvoted by a large one).
 */
function tiersOf(predicted: readonly { q: Collected; predicted: number }[]): Calibration['tiers'] {
  const answerable = predicted.filter((p) => p.q.question.kind === 'answerable');
  const quantile = (values: number[], share: number) => values.sort((a, b) => a - b)[Math.floor(share * values.length)] ?? 0;
  const sets = [...new Set(answerable.map((p) => p.q.set))];
  const relevant = Math.min(
    ...sets.map((set) =>
      quantile(
        answerable.filter((p) => p.q.set === set).map((p) => relevanceOf(p.q.candidates)),
        declinedShare,
      ),
    ),
  );
  return {
    answered: floor2(
      quantile(
        answerable.map((p) => p.predicted),
        1 - answeredShare,
      ),
    ),
    relevant: floor2(relevant),
  };
}

const round = (value: number) => Math.round(value * 1e4) / 1e4;
const floor2 = (value: number) => Math.floor(value * 100) / 100;
const pct = (value: number) => `${(100 * value).toFixed(1)}%`;

function reliabilityTable(pairs: readonly { predicted: number; observed: boolean }[]): string {
  const { bins, ece } = reliability(pairs);
  const rows = bins
    .filter((bin) => bin.count > 0)
    .map(
      (bin) =>
        `  ${bin.from.toFixed(1)}-${bin.to.toFixed(1)}  ${String(bin.count).padStart(9)}  ${bin.predicted.toFixed(3).padStart(9)}  ${bin.observed.toFixed(3).padStart(8)}`,
    );
  return ['  confidence  questions  predicted  observed', ...rows, `  expected calibration error: ${ece.toFixed(3)}`].join('\n');
}

/** Cross-validation by article: each fold of SQuAD articles scored by a model fitted on everything else. */
function crossValidate(data: readonly Collected[]): string {
  const articles = [...new Set(data.flatMap((q) => (q.question.article === undefined ? [] : [`${q.set}/${q.question.article}`])))].sort();
  const foldOf = (q: Collected) => {
    const i = q.question.article === undefined ? -1 : articles.indexOf(`${q.set}/${q.question.article}`);
    return i === -1 ? -1 : i % folds;
  };
  const held: ReturnType<typeof predictions> = [];
  for (let k = 0; k < folds; k += 1) {
    const model = fit(data.filter((q) => foldOf(q) !== k));
    held.push(
      ...predictions(
        data.filter((q) => foldOf(q) === k),
        model,
      ),
    );
  }
  const lines = [...new Set(held.map((p) => p.q.set))].map((set) => {
    const mine = held.filter((p) => p.q.set === set);
    const answerable = mine.filter((p) => p.q.question.kind === 'answerable');
    const { ece } = reliability(mine.map(({ predicted, observed }) => ({ predicted, observed })));
    const gold = answerable.filter((p) => p.isGold).length / Math.max(1, answerable.length);
    return `  ${set.padEnd(28)} ${String(mine.length).padStart(5)} questions  best passage is the gold one ${pct(gold)}  ECE ${ece.toFixed(3)}`;
  });
  return [
    `Cross-validated by article (${articles.length} SQuAD articles in ${folds} folds; each fold scored by a model fitted without it):`,
    ...lines,
  ].join('\n');
}

async function sets(values: { story: string[]; squad: string[]; corpus: string }): Promise<EvalSet[]> {
  const squad = await Promise.all(values.squad.map((file) => readSquadSet(file)));
  const story = await Promise.all(values.story.map((file) => readStorySet(file, values.corpus)));
  // Questions about nothing a corpus covers, asked of the story and of every SQuAD corpus.
  const unrelated = await Promise.all(
    [values.corpus, ...squad.map((s) => s.corpusDir)].map(async (dir, i) => ({
      ...(await readStorySet(unrelatedFile, dir)),
      name: i === 0 ? 'unrelated-questions' : `unrelated-questions@${squad[i - 1]?.name ?? ''}`,
    })),
  );
  return [...story, ...squad, ...unrelated];
}

const command = defineCommand({
  name: 'npm run calibrate --',
  usage: `Usage: npm run calibrate [-- options]

Fits the answer model on data and writes src/answer/calibration.json: the rank weights (which passage
answers best), the confidence (a logistic regression: the chance that the first excerpt holds the answer)
and the confidences from which a question is answered or shown the closest passages. Prints how well
calibrated the confidence is (a reliability table and the expected calibration error), in the data and
cross-validated by article. Deterministic: the same data gives the same file.

Options:
  --story FILE   a story set asked of --corpus (default: the dev and holdout sets)
  --squad FILE   a SQuAD-format file (default: ../shared/eval/external/*.json beside the checkout)
  --corpus DIR   the story's corpus (default: corpus/)
  --check        fit and print, but do not write the file; exit 1 if it differs from the committed one
  -h, --help     this help`,
  options: {
    story: { type: 'string', multiple: true },
    squad: { type: 'string', multiple: true },
    corpus: { type: 'string' },
    check: { type: 'boolean' },
  },
});

async function main({ values }: CommandLine<typeof command.options>): Promise<number> {
  const defaults = defaultSetFiles();
  const all = await sets({
    story: values.story ?? defaults.story,
    squad: values.squad ?? defaults.squad,
    corpus: values.corpus ?? 'corpus',
  });
  const data: Collected[] = [];
  for (const set of all) data.push(...(await collect(set)));
  const model = fit(data);
  const predicted = predictions(data, model);
  const fitted: Calibration = calibrationSchema.parse({
    about: calibration.about,
    ...model,
    tiers: tiersOf(predicted),
  });
  const lines = [
    `Calibration data: ${data.length} questions from ${all.map((s) => s.name).join(', ')}.`,
    `Rank weights: ${JSON.stringify(model.rank)}`,
    `Confidence: intercept ${model.confidence.intercept}, weights ${JSON.stringify(model.confidence.weights)}`,
    `Tiers: answered from a confidence of ${fitted.tiers.answered} (${pct(answeredShare)} of the answerable questions here), ` +
      `declined below a relevance of ${fitted.tiers.relevant} (at most ${pct(declinedShare)} of any set's).`,
    '',
    'Reliability over all the data (fitted model):',
    reliabilityTable(predicted),
    '',
    'Per set:',
    ...[...new Set(data.map((q) => q.set))].map((set) => {
      const { ece } = reliability(predicted.filter((p) => p.q.set === set));
      return `  ${set.padEnd(40)} ECE ${ece.toFixed(3)}`;
    }),
    '',
    crossValidate(data),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  for (const set of all) if (set.corpusDir !== (values.corpus ?? 'corpus')) await rm(set.corpusDir, { recursive: true, force: true });
  const text = `${JSON.stringify(fitted, null, 2)}\n`;
  if (values.check === true) {
    const same = text === (await readFile(calibrationFile, 'utf8'));
    process.stdout.write(
      same ? 'The committed calibration.json is what this data gives.\n' : 'calibration.json differs from what this data gives.\n',
    );
    return same ? 0 : 1;
  }
  await writeFile(calibrationFile, text);
  process.stdout.write(`Wrote ${path.relative(process.cwd(), calibrationFile)}.\n`);
  return 0;
}

process.exitCode = await runCommand(command, process.argv.slice(2), main);
