import { rm } from 'node:fs/promises';
import path from 'node:path';
import { defineCommand, readCommandLine, UsageError, wholeNumber } from '../adapters/command-line.js';
import { loadCorpus, Storybot, type Answer } from '../src/index.js';
import { baselineSearch } from './eval/baseline.js';
import { figuresOf, judge, type Figures, type Judged, type Shown } from './eval/measure.js';
import { defaultSetFiles, readSquadSet, readStorySet, type EvalSet } from './eval/sets.js';

const command = defineCommand({
  name: 'npm run eval --',
  usage: `Usage: npm run eval [-- options]

Asks every question of each set, in one process, of Storybot and of a baseline measured in the same run
(MiniSearch with the same Porter stemming and stop words over whole paragraphs), and prints one table.

Options:
  --story FILE   a story set (../shared/eval/dev-questions.json's format), asked of --corpus; repeatable
                 (--file is the same)
  --squad FILE   a SQuAD-format file, asked of a temporary corpus of its articles (one file each); repeatable
  --corpus DIR   the corpus story sets are asked of (default: $CORPUS_DIR, else corpus/)
  --top K        excerpts shown per question, 1 to 10 (default 3)
  -v, --verbose  list each set's misses: answerable questions whose answer was not shown first
  --json         print the figures as one JSON object instead of the table
  -h, --help     this help

With no set named, runs ../shared/eval/dev-questions.json and ../shared/eval/external/*.json when they are
beside the checkout, and the project's own eval/ sets. Exit codes: 0 done, 2 usage error.`,
  options: {
    story: { type: 'string', multiple: true },
    file: { type: 'string', multiple: true },
    squad: { type: 'string', multiple: true },
    corpus: { type: 'string' },
    top: { type: 'string' },
    verbose: { type: 'boolean', short: 'v' },
    json: { type: 'boolean' },
  },
});

type Options = { story: string[]; squad: string[]; corpus: string; top: number; verbose: boolean; json: boolean };

const options: Options = readCommandLine(command, process.argv.slice(2), ({ values }) => {
  const named = [...(values.story ?? []), ...(values.file ?? [])];
  const defaults = defaultSetFiles();
  const isNamed = named.length + (values.squad?.length ?? 0) > 0;
  const story = isNamed ? named : defaults.story;
  const squad = isNamed ? (values.squad ?? []) : defaults.squad;
  if (story.length + squad.length === 0) throw new UsageError('no eval set found: name one with --story FILE or --squad FILE');
  return {
    story,
    squad,
    corpus: values.corpus ?? process.env['CORPUS_DIR'] ?? 'corpus',
    top: values.top === undefined ? 3 : wholeNumber('--top', values.top, { min: 1, max: 10 }),
    verbose: values.verbose === true,
    json: values.json === true,
  };
});

/** What Storybot shows for a question, as the eval reads it. */
function shownOf(answer: Answer): Shown {
  const results = answer.results.map((r) => ({ text: r.text, documentId: r.citation.documentId, paragraph: r.citation.paragraph }));
  return { outcome: answer.outcome, confidence: answer.confidence, results };
}

type SetFigures = { readonly set: EvalSet; readonly storybot: Figures; readonly baseline: Figures; readonly judged: readonly Judged[] };

async function runSet(set: EvalSet, top: number): Promise<SetFigures> {
  const bot = await Storybot.load(set.corpusDir);
  const baseline = baselineSearch((await loadCorpus(set.corpusDir)).articles);
  const judged = set.questions.map((q) => judge(q, shownOf(bot.ask(q.question, { top }))));
  const baseJudged = set.questions.map((q) => {
    const results = baseline(q.question, top);
    return judge(q, { outcome: results.length > 0 ? 'answered' : 'declined', results });
  });
  return { set, storybot: figuresOf(judged), baseline: figuresOf(baseJudged), judged };
}

const pct = (value: number | undefined) => (value === undefined ? '-' : `${(100 * value).toFixed(1)}%`);
const ratio = ([count, of]: readonly [number, number]) => (of === 0 ? '-' : `${count}/${of}`);

function table(results: readonly SetFigures[]): string {
  const header = ['set', 'engine', 'questions', 'hit@1', 'hit@3', 'para@1', 'para@3', 'ans. declined', 'ans. confident'];
  const more = ['others confident', 'answered/closest/declined', 'ECE', 'unrelated declined', 'near-miss not confident'];
  const rows = results.flatMap(({ set, storybot, baseline }) =>
    [
      ['storybot', storybot],
      ['baseline', baseline],
    ].map(([engine, f]) => {
      const figures = f as Figures;
      const { answered, closest, declined } = figures.outcomes;
      return [
        set.name,
        engine as string,
        `${figures.answerable}+${figures.others}`,
        pct(figures.hit1),
        pct(figures.hit3),
        pct(figures.para1),
        pct(figures.para3),
        pct(figures.answerableDeclined),
        pct(figures.answerableConfident),
        figures.others === 0 ? '-' : pct(figures.otherConfident),
        `${answered}/${closest}/${declined}`,
        figures.ece === undefined ? '-' : figures.ece.toFixed(3),
        ratio(figures.unrelatedDeclined),
        ratio(figures.nearMissNotConfident),
      ];
    }),
  );
  const all = [[...header, ...more], ...rows];
  const widths = all[0]?.map((_, i) => Math.max(...all.map((row) => (row[i] ?? '').length))) ?? [];
  return all
    .map((row) => row.map((cell, i) => (i < 2 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  '))
    .join('\n');
}

/** The misses of a set: answerable questions whose answer was not first, and other questions answered confidently. */
function misses(judged: readonly Judged[]): string {
  const lines: string[] = [];
  for (const j of judged) {
    const { question: q, shown } = j;
    const isMiss = q.kind === 'answerable' ? j.answerRank !== 1 : shown.outcome !== 'declined';
    if (!isMiss) continue;
    const what = q.kind === 'answerable' ? (j.answerRank === undefined ? 'MISS' : `rank ${j.answerRank}`) : q.kind;
    lines.push(`${q.id} ${what} ${shown.outcome} ${(shown.confidence ?? 0).toFixed(2)}: ${q.question}`);
    if (q.answers.length > 0) lines.push(`    want: ${q.answers.slice(0, 3).join(' | ')}${q.gold ? ` (¶${q.gold.paragraph})` : ''}`);
    shown.results.forEach((r, i) => lines.push(`    ${i + 1}. ${r.documentId} ¶${r.paragraph} ${r.text.slice(0, 140)}`));
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const sets = [
    ...(await Promise.all(options.story.map((file) => readStorySet(file, options.corpus)))),
    ...(await Promise.all(options.squad.map((file) => readSquadSet(file)))),
  ];
  const results: SetFigures[] = [];
  for (const set of sets) results.push(await runSet(set, options.top));
  for (const set of sets.filter((s) => s.corpusDir !== options.corpus)) await rm(set.corpusDir, { recursive: true, force: true });
  if (options.json) {
    process.stdout.write(
      `${JSON.stringify(results.map(({ set, storybot, baseline }) => ({ set: set.name, file: set.file, storybot, baseline })))}\n`,
    );
    return;
  }
  if (options.verbose) for (const r of results) process.stdout.write(`\n== ${r.set.name}\n${misses(r.judged)}\n`);
  const read = sets.map((s) => `  ${path.relative(process.cwd(), s.file) || s.file}`).join('\n');
  process.stdout.write(
    `Files read:\n${read}\nTop ${options.top} excerpts (Storybot) or whole paragraphs (baseline).\n\n${table(results)}\n`,
  );
}

await main();
