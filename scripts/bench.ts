import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import MiniSearch from 'minisearch';
import { defineCommand, readCommandLine, UsageError, wholeNumber } from '../adapters/command-line.js';
import { loadCorpus, silentLogger, Storybot } from '../src/index.js';
import { benchQuestions } from './eval-score.js';
import { generateCorpus, generateQuestions, writeCorpus } from './synthetic-corpus.js';

/**
 * `npm run bench`: on the story and on generated corpora (1,000 and 10,000 articles of 40 paragraphs by
 * default; `--sizes 1000` for a quicker run, `--sizes 0` for the story alone), prints:
 * - load: a ready bot from the corpus files with an empty index cache (read, split, analyze, index,
 *   save the cache, pick suggestions), then from the cached index (three starts, their median shown),
 *   each in a fresh process, with that process's peak RSS; heap and RSS after load;
 * - answers: latency (wall and CPU, p50/p99/max) and answers per second on one core, from the cached bot,
 *   over as many rounds of the questions as take about 5 s (20 to 500; `--rounds N` to fix the number);
 * - plain MiniSearch (default options, whole paragraphs, no analysis, no reranking) over the same
 *   paragraphs and questions, in its own process: its build time, latency and peak RSS, and how many
 *   questions we answer more slowly than it searches (by each question's median time; it gets as many
 *   rounds as we did, or as fit in about 10 s if fewer).
 * `--profile DIR` writes a CPU profile of each process (node --cpu-prof) into DIR. Two tables, then one
 * JSON line. A benchmark, not a test.
 */
const command = defineCommand({
  name: 'npm run bench --',
  usage: `Usage: npm run bench -- [--sizes N,N] [--rounds N|auto] [--profile DIR]

Load time, memory and answer latency on the story and on generated corpora, each measured in a fresh
Node process, against plain MiniSearch over the same paragraphs.

Options:
  --sizes N,N      generated corpus sizes in articles (default 1000,10000; 0 for the story alone)
  --rounds N|auto  rounds of the questions to time (default auto: about 5 s, 20 to 500)
  --profile DIR    write a CPU profile of each process into DIR
  -h, --help       this help`,
  options: {
    sizes: { type: 'string', default: '1000,10000' },
    // 'auto': as many rounds as take about 5 s of answering, at least 20, at most 500.
    rounds: { type: 'string', default: 'auto' },
    profile: { type: 'string' },
    // Internal: one measurement in this process, its figures printed as JSON.
    child: { type: 'string' },
    dir: { type: 'string', default: 'corpus' },
    cache: { type: 'string' },
    questions: { type: 'string' },
  },
});
const { values } = readCommandLine(command, process.argv.slice(2), (line) => {
  for (const size of line.values.sizes.split(',')) wholeNumber('--sizes', size, { min: 0 });
  if (line.values.rounds !== 'auto') wholeNumber('--rounds', line.values.rounds, { min: 1 });
  if (line.values.child !== undefined && !['bot', 'plain'].includes(line.values.child))
    throw new UsageError('--child must be bot or plain');
  return line;
});

type Latency = { p50: number; p99: number; max: number; cpuP50: number; cpuP99: number; perSecond: number; medians: number[] };
type BotFigures = {
  loadMs: number;
  passages: number;
  heapMB: number;
  rssMB: number;
  peakRssMB: number;
  rounds?: number;
  latency?: Latency;
};
type PlainFigures = { buildMs: number; peakRssMB: number; latency: Latency };

const mb = (bytes: number) => bytes / 2 ** 20;
const peakRssMB = () => process.resourceUsage().maxRSS / 1024;

/** Times `ask` on each question, `rounds` times over, after `warmUp` calls; keeps each question's median. */
function time(ask: (question: string) => unknown, questions: readonly string[], rounds: number, warmUp: number): Latency {
  for (let i = 0; i < warmUp; i += 1) ask(questions[i % questions.length] ?? ''); // warm up the JIT
  const wall: number[] = [];
  const cpu: number[] = [];
  const perQuestion: number[][] = questions.map(() => []);
  const started = performance.now();
  for (let round = 0; round < rounds; round += 1) {
    questions.forEach((question, i) => {
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      ask(question);
      const ms = performance.now() - t0;
      const used = process.cpuUsage(cpu0);
      wall.push(ms);
      perQuestion[i]?.push(ms);
      cpu.push((used.user + used.system) / 1000);
    });
  }
  const elapsed = performance.now() - started;
  const at = (list: number[], p: number) => list.sort((a, b) => a - b)[Math.min(list.length - 1, Math.floor(p * list.length))] ?? 0;
  return {
    p50: at(wall, 0.5),
    p99: at(wall, 0.99),
    max: at(wall, 1),
    cpuP50: at(cpu, 0.5),
    cpuP99: at(cpu, 0.99),
    perSecond: wall.length / (elapsed / 1000),
    medians: perQuestion.map((times) => at(times, 0.5)),
  };
}

/** The bot in this process: loaded from `dir` with the index cache in `cache`; timed on `questions` when given. */
async function measureBot(dir: string, cache: string, questions: readonly string[] | undefined): Promise<BotFigures> {
  const started = performance.now();
  const bot = await Storybot.load(dir, { cacheDir: cache, logger: silentLogger });
  const loadMs = performance.now() - started;
  globalThis.gc?.();
  const memory = process.memoryUsage();
  const figures = { loadMs, passages: bot.status().passages, heapMB: mb(memory.heapUsed), rssMB: mb(memory.rss), peakRssMB: peakRssMB() };
  if (questions === undefined) return figures;
  const ask = (question: string) => bot.ask(question);
  const rounds = values.rounds === 'auto' ? autoRounds(ask, questions) : Number(values.rounds);
  return { ...figures, rounds, latency: time(ask, questions, rounds, 500) };
}

/**
 * Enough rounds for steady per-question medians: as many as take about 5 s, between 20 and 500 (the
 * story's 60 questions get hundreds; 10,000 articles' 260 get 20).
 */
function autoRounds(ask: (question: string) => unknown, questions: readonly string[]): number {
  for (const question of questions) ask(question);
  const started = performance.now();
  for (const question of questions) ask(question);
  return Math.max(20, Math.min(500, Math.floor(5_000 / Math.max(0.001, performance.now() - started))));
}

/** Plain MiniSearch with its defaults over whole paragraphs: the floor our extra work costs against. */
async function measurePlain(dir: string, questions: readonly string[]): Promise<PlainFigures> {
  const { articles } = await loadCorpus(dir, silentLogger);
  const started = performance.now();
  const search = new MiniSearch<{ id: number; text: string }>({ fields: ['text'] });
  let id = 0;
  search.addAll(articles.flatMap((article) => article.paragraphs.map((p) => ({ id: id++, text: p.text }))));
  const buildMs = performance.now() - started;
  // Plain MiniSearch takes up to seconds a question on large corpora: as many rounds as fit in about 10 s
  // (so on a small corpus it gets as many as we do, and its medians are as steady), at least one.
  const ask = (question: string) => search.search(question).slice(0, 10);
  const roundStarted = performance.now();
  const first = time(ask, questions, 1, 20);
  const roundMs = performance.now() - roundStarted;
  const rounds = Math.min(Number(values.rounds === 'auto' ? 20 : values.rounds), Math.floor(10_000 / Math.max(1, roundMs)));
  const latency = rounds > 1 ? time(ask, questions, rounds, 0) : first;
  return { buildMs, peakRssMB: peakRssMB(), latency };
}

/** Runs this script in a fresh Node process for one measurement, so its peak RSS is its own. */
function inChild<T>(name: string, args: readonly string[]): Promise<T> {
  const script = fileURLToPath(import.meta.url);
  const profile = values.profile === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${path.join(values.profile, name)}`];
  // Built, the script runs as it is; from TypeScript (tsx, in development) the child needs tsx too.
  const tsx = script.endsWith('.ts') ? ['--import', 'tsx'] : [];
  const node = ['--max-semi-space-size=32', '--expose-gc', ...profile, ...tsx, script, ...args];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, node, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const last = out.trim().split('\n').at(-1) ?? '';
      if (code === 0) resolve(JSON.parse(last) as T);
      else reject(new Error(`the ${name} measurement stopped with code ${code}`));
    });
  });
}

if (values.child !== undefined) {
  const questions = values.questions === undefined ? undefined : (JSON.parse(await readFile(values.questions, 'utf8')) as string[]);
  const figures =
    values.child === 'plain'
      ? await measurePlain(values.dir, questions ?? [])
      : await measureBot(values.dir, values.cache ?? '', questions);
  console.log(JSON.stringify(figures));
  process.exit(0);
}

/** A question we answer more slowly than plain MiniSearch searches it: the two medians, in ms. */
type Slower = { question: string; ours: number; plain: number };
type Row = {
  corpus: string;
  cold: BotFigures;
  cached: BotFigures;
  /** Every cached start's load time: the one that answers, then two more; the table shows their median. */
  cachedLoadsMs: number[];
  plain: PlainFigures;
  slowerThanPlain: number;
  compared: number;
  slowest: Slower[];
};

/** How many fresh processes start from the cached index (one cached start alone varies by ±20%). */
const cachedStarts = 3;
const median = (list: readonly number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)] ?? 0;

const work = await mkdtemp(path.join(os.tmpdir(), 'storybot-bench-'));
const { file: evalFile, questions: evalQuestions } = await benchQuestions();

/** Cold load, cached load with answers, and plain MiniSearch, each in its own process. */
async function measure(name: string, dir: string, questions: readonly string[]): Promise<Row> {
  const slug = name.replace(/\W+/g, '-');
  const cache = path.join(work, slug, 'cache');
  const questionsFile = path.join(work, slug, 'questions.json');
  const plainQuestionsFile = path.join(work, slug, 'plain-questions.json');
  // Plain MiniSearch gets at most 200 questions (it can take seconds each); we are compared on those.
  const plainQuestions = questions.slice(0, 200);
  await mkdir(cache, { recursive: true });
  await writeFile(questionsFile, JSON.stringify(questions));
  await writeFile(plainQuestionsFile, JSON.stringify(plainQuestions));
  const cold = await inChild<BotFigures>(`${slug}-cold`, ['--child', 'bot', '--dir', dir, '--cache', cache]);
  const cached = await inChild<BotFigures>(`${slug}-cached`, [
    '--child',
    'bot',
    '--dir',
    dir,
    '--cache',
    cache,
    '--questions',
    questionsFile,
    '--rounds',
    values.rounds,
  ]);
  const cachedLoadsMs = [cached.loadMs];
  for (let start = 1; start < cachedStarts; start += 1) {
    cachedLoadsMs.push(
      (await inChild<BotFigures>(`${slug}-cached-${start + 1}`, ['--child', 'bot', '--dir', dir, '--cache', cache])).loadMs,
    );
  }
  // Plain MiniSearch gets as many rounds as we did, if they fit in its time.
  const plain = await inChild<PlainFigures>(`${slug}-plain`, [
    '--child',
    'plain',
    '--dir',
    dir,
    '--questions',
    plainQuestionsFile,
    '--rounds',
    String(cached.rounds ?? values.rounds),
  ]);
  const ours = cached.latency?.medians ?? [];
  const slower = plainQuestions
    .map((question, i) => ({ question, ours: ours[i] ?? 0, plain: plain.latency.medians[i] ?? 0 }))
    .filter((q) => q.ours > q.plain)
    .sort((a, b) => b.ours / b.plain - a.ours / a.plain);
  return {
    corpus: name,
    cold,
    cached,
    cachedLoadsMs,
    plain,
    slowerThanPlain: slower.length,
    compared: plainQuestions.length,
    slowest: slower.slice(0, 5),
  };
}

const rows: Row[] = [await measure('story', 'corpus', evalQuestions)];
const story = await loadCorpus('corpus', silentLogger);
for (const size of values.sizes
  .split(',')
  .map(Number)
  .filter((n) => n > 1)) {
  const synthetic = generateCorpus({ articles: size - 1 });
  const dir = path.join(work, `corpus-${size}`);
  await writeCorpus(dir, [...story.articles, ...synthetic.articles]);
  const questions = [...evalQuestions, ...generateQuestions(synthetic.vocabulary, 200)];
  rows.push(await measure(`${size} articles`, dir, questions));
}
await rm(work, { recursive: true, force: true });

const f = (n: number | undefined, digits = 2) => (n ?? 0).toFixed(digits);
const table = (header: readonly string[], lines: readonly (readonly string[])[]) => {
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((line) => line[i]?.length ?? 0)));
  for (const line of [header, ...lines])
    console.log(line.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  '));
};
console.log(
  `Node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, load average ${f(os.loadavg()[0])}; questions from ${evalFile}; times in ms, memory in MB`,
);
console.log(
  `\nLoad (each in a fresh process; peak = the process's peak RSS; cached = the median of ${cachedStarts} starts, range beside it)`,
);
table(
  ['corpus', 'passages', 'cold', 'cold peak', 'cached', 'cached range', 'cached peak', 'heap', 'rss', 'plain build', 'plain peak'],
  rows.map((r) => [
    r.corpus,
    String(r.cached.passages),
    f(r.cold.loadMs, 0),
    f(r.cold.peakRssMB, 0),
    f(median(r.cachedLoadsMs), 0),
    `${f(Math.min(...r.cachedLoadsMs), 0)}–${f(Math.max(...r.cachedLoadsMs), 0)}`,
    f(r.cached.peakRssMB, 0),
    f(r.cached.heapMB, 0),
    f(r.cached.rssMB, 0),
    f(r.plain.buildMs, 0),
    f(r.plain.peakRssMB, 0),
  ]),
);
console.log("\nAnswers (cpu = this process's CPU time; slower = questions whose median time is above plain MiniSearch's)");
table(
  ['corpus', 'rounds', 'p50', 'p99', 'max', 'cpu p50', 'cpu p99', 'answers/s', 'plain p50', 'plain p99', 'plain max', 'slower'],
  rows.map((r) => {
    const l = r.cached.latency;
    return [
      r.corpus,
      String(r.cached.rounds ?? ''),
      f(l?.p50, 3),
      f(l?.p99, 3),
      f(l?.max),
      f(l?.cpuP50, 3),
      f(l?.cpuP99, 3),
      f(l?.perSecond, 0),
      f(r.plain.latency.p50, 3),
      f(r.plain.latency.p99, 3),
      f(r.plain.latency.max),
      `${r.slowerThanPlain}/${r.compared}`,
    ];
  }),
);
console.log('\nThe questions slower than plain MiniSearch by the largest ratio (our median / its median, in ms)');
for (const r of rows) for (const q of r.slowest) console.log(`${r.corpus}: ${f(q.ours, 3)} / ${f(q.plain, 3)}  ${q.question}`);
const withoutMedians = ({ medians: _, ...latency }: Latency) => latency;
const results = rows.map((r) => ({
  ...r,
  cached: { ...r.cached, latency: r.cached.latency && withoutMedians(r.cached.latency) },
  plain: { ...r.plain, latency: withoutMedians(r.plain.latency) },
}));
console.log(
  JSON.stringify({
    node: process.version,
    cpus: os.cpus().length,
    cpu: os.cpus()[0]?.model,
    loadAverage: os.loadavg()[0],
    questions: evalFile,
    rounds: values.rounds,
    results,
  }),
);
