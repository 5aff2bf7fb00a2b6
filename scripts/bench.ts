import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import MiniSearch from 'minisearch';
import { loadCorpus, silentLogger, Storybot, type Article } from '../src/index.js';
import { loadOrBuildIndex } from '../src/search/index-cache.js';
import { evalSetSchema } from './eval-score.js';
import { generateCorpus, generateQuestions } from './synthetic-corpus.js';

/**
 * `npm run bench`: on the story and on generated corpora (1,000 articles of 40 paragraphs by default,
 * `--sizes 1000,10000` for more, the story among them), prints index build time, time to a ready index
 * from the cache, answer latency (wall and CPU, p50/p99/max), answers per second, heap and RSS, and beside
 * them plain MiniSearch (default options, whole paragraphs) over the same paragraphs and questions: the
 * floor our extra work costs against. A table, then one JSON line. A benchmark, not a test.
 */
const { values } = parseArgs({
  options: { sizes: { type: 'string', default: '1000' }, rounds: { type: 'string', default: '20' } },
});
const rounds = Number(values.rounds);

const story = await loadCorpus('corpus');
const evalFile = await readFile('../shared/eval/dev-questions.json', 'utf8').catch(() => readFile('eval/holdout-questions.json', 'utf8'));
const evalSet = evalSetSchema.parse(JSON.parse(evalFile));
const evalQuestions = [...evalSet.questions, ...evalSet.outOfScope].map((q) => q.question);

type Latency = { p50: number; p99: number; max: number; cpuP50: number; cpuP99: number; perSecond: number };
type Row = { corpus: string; passages: number; buildMs: number; cachedMs: number; bot: Latency; plain: Latency & { buildMs: number }; heapMB: number; rssMB: number };

/** Runs `ask` over every question `times` times after `warmUp` calls, timing each call. */
function time(ask: (question: string) => unknown, questions: readonly string[], times = rounds, warmUp = 500): Latency {
  for (let i = 0; i < warmUp; i += 1) ask(questions[i % questions.length] ?? ''); // warm up the JIT
  const wall: number[] = [];
  const cpu: number[] = [];
  const started = performance.now();
  for (let round = 0; round < times; round += 1) {
    for (const question of questions) {
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      ask(question);
      wall.push(performance.now() - t0);
      const used = process.cpuUsage(cpu0);
      cpu.push((used.user + used.system) / 1000);
    }
  }
  const elapsed = performance.now() - started;
  const at = (list: number[], p: number) => list.sort((a, b) => a - b)[Math.min(list.length - 1, Math.floor(p * list.length))] ?? 0;
  return { p50: at(wall, 0.5), p99: at(wall, 0.99), max: at(wall, 1), cpuP50: at(cpu, 0.5), cpuP99: at(cpu, 0.99), perSecond: wall.length / (elapsed / 1000) };
}

/** Plain MiniSearch with its defaults over whole paragraphs: no analysis of ours, no reranking. */
function plainMiniSearch(articles: readonly Article[], questions: readonly string[]): Latency & { buildMs: number } {
  const started = performance.now();
  const search = new MiniSearch<{ id: number; text: string }>({ fields: ['text'] });
  let id = 0;
  search.addAll(articles.flatMap((article) => article.paragraphs.map((p) => ({ id: id++, text: p.text }))));
  const buildMs = performance.now() - started;
  // Plain MiniSearch takes up to seconds a question on large corpora: one round of at most 200 questions.
  return { buildMs, ...time((question) => search.search(question).slice(0, 10), questions.slice(0, 200), 1, 20) };
}

async function measure(name: string, articles: readonly Article[], questions: readonly string[]): Promise<Row> {
  globalThis.gc?.();
  const started = performance.now();
  const bot = Storybot.fromCorpus({ dir: name, articles, skipped: [] });
  const buildMs = performance.now() - started;
  const cacheDir = await mkdtemp(path.join(os.tmpdir(), 'storybot-bench-'));
  await loadOrBuildIndex(articles, { cacheDir, logger: silentLogger });
  const cacheStart = performance.now();
  await loadOrBuildIndex(articles, { cacheDir, logger: silentLogger });
  const cachedMs = performance.now() - cacheStart;
  await rm(cacheDir, { recursive: true, force: true });
  const latency = time((question) => bot.ask(question), questions);
  const memory = process.memoryUsage();
  const row = { corpus: name, passages: bot.status().passages, buildMs, cachedMs, bot: latency, heapMB: memory.heapUsed / 2 ** 20, rssMB: memory.rss / 2 ** 20 };
  return { ...row, plain: plainMiniSearch(articles, questions) };
}

const rows: Row[] = [await measure('story', story.articles, evalQuestions)];
for (const size of values.sizes.split(',').map(Number).filter((n) => n > 1)) {
  const synthetic = generateCorpus({ articles: size - 1 });
  const questions = [...evalQuestions, ...generateQuestions(synthetic.vocabulary, 200)];
  rows.push(await measure(`${size} articles`, [...story.articles, ...synthetic.articles], questions));
}

const f = (n: number, digits = 2) => n.toFixed(digits);
const cells = (values: readonly string[], widths: readonly number[]) => values.map((v, i) => v.padStart(widths[i] ?? 8)).join(' ');
const widths = [14, 8, 9, 9, 8, 8, 8, 8, 8, 9, 9, 9, 8, 7, 7];
console.log(`Node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, load average ${f(os.loadavg()[0] ?? 0)}; times in ms; cpu = this process's CPU time only`);
console.log(cells(['corpus', 'passages', 'build', 'cached', 'p50', 'p99', 'max', 'cpu p50', 'cpu p99', 'answers/s', 'plain p50', 'plain p99', 'p99/plain', 'heap MB', 'rss MB'], widths));
for (const r of rows) {
  console.log(
    cells(
      [r.corpus, String(r.passages), f(r.buildMs, 0), f(r.cachedMs, 0), f(r.bot.p50, 3), f(r.bot.p99, 3), f(r.bot.max), f(r.bot.cpuP50, 3), f(r.bot.cpuP99, 3), f(r.bot.perSecond, 0), f(r.plain.p50, 3), f(r.plain.p99, 3), f(r.bot.p99 / r.plain.p99), f(r.heapMB, 0), f(r.rssMB, 0)],
      widths,
    ),
  );
}
console.log(JSON.stringify({ node: process.version, cpus: os.cpus().length, loadAverage: os.loadavg()[0], rounds, results: rows }));
