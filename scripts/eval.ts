import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { defineCommand, readCommandLine, UsageError } from '../adapters/command-line.js';
import { answerQuestion, loadCorpus, PassageIndex } from '../src/index.js';
import { devQuestionsFile, evalSetSchema, rankOfAnswer } from './eval-score.js';

const command = defineCommand({
  name: 'npm run eval --',
  usage: `Usage: npm run eval -- [--file FILE] [--corpus DIR] [--verbose]

Answers every question of an evaluation set through the core and prints each miss, then hit@1, hit@3,
the share of out-of-scope questions declined and of answerable ones wrongly declined.

Options:
  --file FILE    the question set (default: ../shared/eval/dev-questions.json beside the checkout)
  --corpus DIR   the corpus (default: $CORPUS_DIR, else corpus/)
  -v, --verbose  print every question, not only the misses
  -h, --help     this help`,
  options: { file: { type: 'string' }, corpus: { type: 'string' }, verbose: { type: 'boolean', short: 'v' } },
});
const { values, file } = readCommandLine(command, process.argv.slice(2), ({ values }) => {
  const file = values.file ?? devQuestionsFile;
  if (!existsSync(file)) throw new UsageError(`no question set at ${file}: give one with --file`);
  return { values, file };
});
const set = evalSetSchema.parse(JSON.parse(await readFile(file, 'utf8')));
const corpus = await loadCorpus(values.corpus ?? process.env['CORPUS_DIR'] ?? 'corpus');
const index = new PassageIndex(corpus.articles);

let hit1 = 0,
  hit3 = 0,
  wronglyDeclined = 0,
  declined = 0;
const misses: string[] = [];
for (const q of set.questions) {
  const answer = answerQuestion(index, q.question, { top: 3 });
  const rank = rankOfAnswer(
    answer.results.map((r) => r.text),
    q.answers,
  );
  if (rank === 1) hit1 += 1;
  if (rank !== undefined && rank <= 3) hit3 += 1;
  if (!answer.answered) wronglyDeclined += 1;
  if (rank !== 1 || values.verbose) {
    misses.push(
      `${q.id} ${rank === undefined ? (answer.answered ? 'MISS' : 'DECLINED') : `rank ${rank}`}: ${q.question}\n    want: ${q.answers.join(' | ')}\n` +
        answer.results.map((r, i) => `    ${i + 1}. ¶${r.citation.paragraph} (${r.score}) ${r.text.slice(0, 160)}`).join('\n'),
    );
  }
}
for (const q of set.outOfScope) {
  const answer = answerQuestion(index, q.question, { top: 3 });
  if (!answer.answered) declined += 1;
  else
    misses.push(
      `${q.id} ANSWERED out-of-scope: ${q.question}\n` +
        answer.results.map((r, i) => `    ${i + 1}. ¶${r.citation.paragraph} (${r.score}) ${r.text.slice(0, 120)}`).join('\n'),
    );
}
const pct = (n: number, d: number) => `${((100 * n) / Math.max(1, d)).toFixed(1)}% (${n}/${d})`;
console.log(misses.join('\n'));
console.log(
  `hit@1 ${pct(hit1, set.questions.length)}  hit@3 ${pct(hit3, set.questions.length)}  out-of-scope declined ${pct(declined, set.outOfScope.length)}  answerable wrongly declined ${pct(wronglyDeclined, set.questions.length)}`,
);
