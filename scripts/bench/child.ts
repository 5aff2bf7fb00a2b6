import MiniSearch from 'minisearch';
import { CorpusError, limitsWithCorpusMB, readCorpus, silentLogger, Storybot, type Article } from '../../src/index.js';
import { contentKey } from '../../src/search/content-key.js';
import { FloorIndex } from './floor.js';

/**
 * The bench's measurements, each run in a fresh Node process (`npm run bench -- --child KIND`), so that
 * its peak RSS and its heap are its own. Times start at the process's first line of code: Node's own
 * start-up and the modules' loading are left out alike for every kind.
 */

/** Latency over every question asked, in ms, and each question's median. */
export type Latency = { p50: number; p99: number; max: number; cpuP50: number; cpuP99: number; perSecond: number; medians: number[] };

/** What one process measured: its start (to the first answer, for an engine), memory, and latency when asked. */
export type Figures = {
  startMs: number;
  paragraphs: number;
  passages?: number;
  /** Heap and array buffers held once loaded, less what the process held before, per paragraph. */
  bytesPerParagraph: number;
  heapMB: number;
  rssMB: number;
  peakRssMB: number;
  rounds?: number;
  latency?: Latency;
};

const mb = (bytes: number) => bytes / 2 ** 20;
/** Room for the largest generated corpus (20,000 articles are about 240 MB; the bot's default is 128 MB, CORPUS_MAX_MB). */
const limits = limitsWithCorpusMB(1024);

/** Every article of `dir`, or an error naming what is wrong: a measurement never runs on part of a corpus. */
async function articlesIn(dir: string): Promise<readonly Article[]> {
  const { corpus, problems } = await readCorpus(dir, { limits });
  if (problems.length > 0) throw new CorpusError(problems);
  return corpus.articles;
}
const peakRssMB = () => process.resourceUsage().maxRSS / 1024;
const held = () => {
  globalThis.gc?.();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
};
const paragraphsIn = (articles: readonly { paragraphs: readonly unknown[] }[]) => articles.reduce((n, a) => n + a.paragraphs.length, 0);

/** Times `ask` on each question, `rounds` times over, after `warmUp` calls; keeps each question's median. */
export function time(ask: (question: string) => unknown, questions: readonly string[], rounds: number, warmUp: number): Latency {
  for (let i = 0; i < warmUp; i += 1) ask(questions[i % questions.length] ?? ''); // warm up the JIT
  const [wall, cpu] = [[] as number[], [] as number[]];
  const perQuestion: number[][] = questions.map(() => []);
  const started = performance.now();
  for (let round = 0; round < rounds; round += 1) {
    questions.forEach((question, i) => {
      const [cpu0, t0] = [process.cpuUsage(), performance.now()];
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

/**
 * Enough rounds for steady per-question medians: as many as take about 5 s, between 20 and 500 (the
 * story's 60 questions get hundreds; 10,000 articles' 260 get 20).
 */
export function autoRounds(ask: (question: string) => unknown, questions: readonly string[]): number {
  for (const question of questions) ask(question);
  const started = performance.now();
  for (const question of questions) ask(question);
  return Math.max(20, Math.min(500, Math.floor(5_000 / Math.max(0.001, performance.now() - started))));
}

/** Rounds as `rounds` says ('auto', or a number). */
const roundsFor = (rounds: string, ask: (question: string) => unknown, questions: readonly string[]) =>
  rounds === 'auto' ? autoRounds(ask, questions) : Number(rounds);

/** Storybot loaded from `dir` with the index cache in `cache`, to its first answer; timed on `questions` when given. */
export async function measureBot(dir: string, cache: string, questions: readonly string[] | undefined, rounds: string): Promise<Figures> {
  const before = held();
  const started = performance.now();
  const bot = await Storybot.load(dir, { cacheDir: cache, logger: silentLogger, limits, strict: true });
  bot.ask(questions?.[0] ?? 'Who is Mexico’s security chief?');
  const startMs = performance.now() - started;
  bot.suggest('', 1); // a serving bot holds its suggestions too
  const paragraphs = paragraphsIn(bot.articles());
  const { rss } = process.memoryUsage();
  const figures = {
    startMs,
    paragraphs,
    passages: bot.status().passages,
    bytesPerParagraph: (held() - before) / paragraphs,
    heapMB: mb(process.memoryUsage().heapUsed),
    rssMB: mb(rss),
    peakRssMB: peakRssMB(),
  };
  if (questions === undefined) return figures;
  const ask = (question: string) => bot.ask(question);
  const roundCount = roundsFor(rounds, ask, questions);
  return { ...figures, rounds: roundCount, latency: time(ask, questions, roundCount, 500) };
}

/** The floor (scripts/bench/floor.ts) over the paragraphs of `dir`: read, built, then timed on `questions`. */
export async function measureFloor(dir: string, questions: readonly string[], rounds: string): Promise<Figures> {
  const before = held();
  const started = performance.now();
  const articles = await articlesIn(dir);
  const floor = new FloorIndex(articles.flatMap((article) => article.paragraphs.map((p) => p.text)));
  floor.search(questions[0] ?? '');
  const startMs = performance.now() - started;
  const paragraphs = paragraphsIn(articles);
  const figures = {
    startMs,
    paragraphs,
    bytesPerParagraph: (held() - before) / paragraphs,
    heapMB: mb(process.memoryUsage().heapUsed),
    rssMB: mb(process.memoryUsage().rss),
    peakRssMB: peakRssMB(),
  };
  const ask = (question: string) => floor.search(question);
  const roundCount = roundsFor(rounds, ask, questions);
  return { ...figures, rounds: roundCount, latency: time(ask, questions, roundCount, 500) };
}

/** What a start from the cache cannot avoid: reading and checking the corpus files, and hashing them to find the cache. */
export async function measureReading(dir: string): Promise<Figures> {
  const started = performance.now();
  const articles = await articlesIn(dir);
  await contentKey(articles);
  const startMs = performance.now() - started;
  const { heapUsed, rss } = process.memoryUsage();
  return {
    startMs,
    paragraphs: paragraphsIn(articles),
    bytesPerParagraph: 0,
    heapMB: mb(heapUsed),
    rssMB: mb(rss),
    peakRssMB: peakRssMB(),
  };
}

/**
 * Plain MiniSearch with its defaults over whole paragraphs: the library peer. It takes up to seconds a
 * question on large corpora: as many rounds as fit in about 10 s, at most `maxRounds`, at least one.
 */
export async function measurePlain(dir: string, questions: readonly string[], maxRounds: number): Promise<Figures> {
  const started = performance.now();
  const articles = await articlesIn(dir);
  const search = new MiniSearch<{ id: number; text: string }>({ fields: ['text'] });
  let id = 0;
  search.addAll(articles.flatMap((article) => article.paragraphs.map((p) => ({ id: id++, text: p.text }))));
  const startMs = performance.now() - started;
  const ask = (question: string) => search.search(question).slice(0, 10);
  const roundStarted = performance.now();
  const first = time(ask, questions, 1, 20);
  const rounds = Math.min(maxRounds, Math.floor(10_000 / Math.max(1, performance.now() - roundStarted)));
  const latency = rounds > 1 ? time(ask, questions, rounds, 0) : first;
  const { heapUsed, rss } = process.memoryUsage();
  return { startMs, paragraphs: id, bytesPerParagraph: 0, heapMB: mb(heapUsed), rssMB: mb(rss), peakRssMB: peakRssMB(), latency };
}
