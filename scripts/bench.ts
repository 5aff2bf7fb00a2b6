import { readFile } from 'node:fs/promises';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { loadCorpus, Storybot, type Article } from '../src/index.js';
import { evalSetSchema } from './eval-score.js';
import { generateCorpus, generateQuestions } from './synthetic-corpus.js';

/**
 * `npm run bench`: index build time and answer latency (p50/p99/max) on the story and on a generated
 * corpus of 1,000 articles of 40 paragraphs (with the story among them). Prints a table and JSON.
 * A benchmark, not a test: run it on a quiet machine and read the figures.
 */
const { values } = parseArgs({ options: { articles: { type: 'string', default: '1000' }, rounds: { type: 'string', default: '20' }, json: { type: 'boolean', default: false } } });
const rounds = Number(values.rounds);

const story = await loadCorpus('corpus');
const evalSet = evalSetSchema.parse(JSON.parse(await readFile('../shared/eval/dev-questions.json', 'utf8').catch(() => readFile('eval/holdout-questions.json', 'utf8'))));
const evalQuestions = [...evalSet.questions, ...evalSet.outOfScope].map((q) => q.question);

type Row = { corpus: string; passages: number; buildMs: number; questions: number; p50: number; p99: number; max: number; cpuP50: number; cpuP99: number; answersPerSecond: number; heapMB: number; rssMB: number };

function measure(name: string, articles: readonly Article[], questions: readonly string[]): Row {
  globalThis.gc?.();
  const started = performance.now();
  const bot = Storybot.fromCorpus({ dir: name, articles, skipped: [] });
  const buildMs = performance.now() - started;
  for (let i = 0; i < 500; i += 1) bot.ask(questions[i % questions.length] ?? ''); // warm up the JIT
  const times: number[] = [];
  const cpuTimes: number[] = [];
  const loopStart = performance.now();
  for (let round = 0; round < rounds; round += 1) {
    for (const question of questions) {
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      bot.ask(question);
      times.push(performance.now() - t0);
      const cpu = process.cpuUsage(cpu0);
      cpuTimes.push((cpu.user + cpu.system) / 1000);
    }
  }
  const total = performance.now() - loopStart;
  times.sort((a, b) => a - b);
  cpuTimes.sort((a, b) => a - b);
  const at = (p: number, list = times) => list[Math.min(list.length - 1, Math.floor(p * list.length))] ?? 0;
  const memory = process.memoryUsage();
  return {
    corpus: name,
    passages: bot.status().passages,
    buildMs,
    questions: times.length,
    p50: at(0.5),
    p99: at(0.99),
    max: times.at(-1) ?? 0,
    cpuP50: at(0.5, cpuTimes),
    cpuP99: at(0.99, cpuTimes),
    answersPerSecond: times.length / (total / 1000),
    heapMB: memory.heapUsed / 2 ** 20,
    rssMB: memory.rss / 2 ** 20,
  };
}

const rows: Row[] = [measure('story', story.articles, evalQuestions)];
const size = Number(values.articles);
const synthetic = generateCorpus({ articles: size - 1 });
const mixedQuestions = [...evalQuestions, ...generateQuestions(synthetic.vocabulary, 200)];
rows.push(measure(`${size} articles`, [...story.articles, ...synthetic.articles], mixedQuestions));

const f = (n: number, digits = 2) => n.toFixed(digits);
console.log(`load average ${os.loadavg()[0]?.toFixed(2)} on ${os.cpus().length} cores; cpu columns count only this process's CPU time, so other load does not inflate them`);
console.log('corpus         passages  build ms  questions  p50 ms  p99 ms  max ms  cpu p50  cpu p99  answers/s  heap MB  rss MB');
for (const r of rows) {
  console.log(
    `${r.corpus.padEnd(14)} ${String(r.passages).padStart(8)} ${f(r.buildMs, 0).padStart(9)} ${String(r.questions).padStart(10)} ${f(r.p50, 3).padStart(7)} ${f(r.p99, 3).padStart(7)} ${f(r.max, 2).padStart(7)} ${f(r.cpuP50, 3).padStart(8)} ${f(r.cpuP99, 3).padStart(8)} ${f(r.answersPerSecond, 0).padStart(10)} ${f(r.heapMB, 0).padStart(8)} ${f(r.rssMB, 0).padStart(7)}`,
  );
}
console.log(JSON.stringify({ node: process.version, rounds, results: rows }));
