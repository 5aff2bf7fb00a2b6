import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineCommand, readCommandLine, UsageError, wholeNumber } from '../adapters/command-line.js';
import { loadCorpus, silentLogger } from '../src/index.js';
import { measureBot, measureFloor, measurePlain, measureReading, type Figures } from './bench/child.js';
import { printReport, type Row } from './bench/report.js';
import { benchQuestions } from './eval-score.js';
import { generateCorpus, generateQuestions, writeCorpus } from './synthetic-corpus.js';

/**
 * `npm run bench`: on the story and on generated corpora (1,000, 10,000 and 20,000 articles of 40
 * paragraphs by default), each measurement in a fresh Node process, prints Storybot's figures beside a
 * floor (scripts/bench/floor.ts: about the least work a BM25+ search of the same paragraphs can do) and
 * as ratios to it: start from the cache against reading and hashing the corpus alone, peak RSS, memory
 * per paragraph, latency and answers per second; then plain MiniSearch as the library peer. Two tables,
 * the budgets, then one JSON line. A benchmark, not a test.
 */
const command = defineCommand({
  name: 'npm run bench --',
  usage: `Usage: npm run bench -- [--sizes N,N] [--rounds N|auto] [--plain N] [--profile DIR]

Start-up, memory and answer latency on the story and on generated corpora, each measured in a fresh Node
process, against a floor (a minimal BM25+ search of the same paragraphs) and plain MiniSearch.

Options:
  --sizes N,N      generated corpus sizes in articles (default 1000,10000,20000; 0 for the story alone)
  --rounds N|auto  rounds of the questions to time (default auto: about 5 s, 20 to 500)
  --plain N        run plain MiniSearch on corpora of up to N articles (default 1000: at 10,000 it takes
                   about 2 s a question and gigabytes)
  --profile DIR    write a CPU profile of each process into DIR
  -h, --help       this help`,
  options: {
    sizes: { type: 'string', default: '1000,10000,20000' },
    rounds: { type: 'string', default: 'auto' },
    plain: { type: 'string', default: '1000' },
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
  wholeNumber('--plain', line.values.plain, { min: 0 });
  if (line.values.child !== undefined && !['bot', 'floor', 'reading', 'plain'].includes(line.values.child))
    throw new UsageError('--child must be bot, floor, reading or plain');
  return line;
});

if (values.child !== undefined) {
  const questions = values.questions === undefined ? undefined : (JSON.parse(await readFile(values.questions, 'utf8')) as string[]);
  const { child, dir, rounds } = values;
  const figures =
    child === 'bot'
      ? await measureBot(dir, values.cache ?? path.join(os.tmpdir(), 'storybot-bench-cache'), questions, rounds)
      : child === 'floor'
        ? await measureFloor(dir, questions ?? [], rounds)
        : child === 'plain'
          ? await measurePlain(dir, questions ?? [], rounds === 'auto' ? 20 : Number(rounds))
          : await measureReading(dir);
  console.log(JSON.stringify(figures));
  process.exit(0);
}

/** Runs this script in a fresh Node process (with Node's `flags`) for one measurement, so its peak RSS is its own. */
function inChild(name: string, args: readonly string[], flags: readonly string[] = []): Promise<Figures> {
  const script = fileURLToPath(import.meta.url);
  const profile = values.profile === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${path.join(values.profile, name)}`];
  // Built, the script runs as it is; from TypeScript (tsx, in development) the child needs tsx too.
  const tsx = script.endsWith('.ts') ? ['--import', 'tsx'] : [];
  const node = ['--max-semi-space-size=32', '--expose-gc', ...flags, ...profile, ...tsx, script, ...args];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, node, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const last = out.trim().split('\n').at(-1) ?? '';
      if (code === 0) resolve(JSON.parse(last) as Figures);
      else reject(new Error(`the ${name} measurement stopped with code ${code}`));
    });
  });
}

/** How many fresh processes start from the cached index, each followed by one that only reads and hashes the files. */
const cachedStarts = 3;
/** Up to how many articles the cold build runs under a 512 MB heap (`--max-old-space-size=512`). */
const coldHeapLimitUpTo = 10_000;
const work = await mkdtemp(path.join(os.tmpdir(), 'storybot-bench-'));
const { file: evalFile, questions: evalQuestions } = await benchQuestions();

/** Every measurement of one corpus: cold, cached (with answers) interleaved with reading alone, the floor, plain MiniSearch. */
async function measure(name: string, dir: string, articles: number, questions: readonly string[]): Promise<Row> {
  const slug = name.replace(/\W+/g, '-');
  const cache = path.join(work, slug, 'cache');
  const questionsFile = path.join(work, slug, 'questions.json');
  const plainFile = path.join(work, slug, 'plain-questions.json');
  // Plain MiniSearch gets at most 200 questions (it can take seconds each).
  const plainQuestions = questions.slice(0, 200);
  await mkdir(cache, { recursive: true });
  await writeFile(questionsFile, JSON.stringify(questions));
  await writeFile(plainFile, JSON.stringify(plainQuestions));
  const common = ['--dir', dir, '--cache', cache];
  // Up to 10,000 articles, the cold build must fit a 512 MB heap; a failure there is reported, not fatal.
  const heapLimitMB = articles <= coldHeapLimitUpTo ? 512 : undefined;
  const heapFlags = heapLimitMB === undefined ? [] : [`--max-old-space-size=${heapLimitMB}`];
  const cold = await inChild(`${slug}-cold`, ['--child', 'bot', ...common], heapFlags).catch(() => undefined);
  const cached: Figures[] = [];
  const reading: Figures[] = [];
  for (let start = 0; start < cachedStarts; start += 1) {
    const asking = start === 0 ? ['--questions', questionsFile, '--rounds', values.rounds] : [];
    cached.push(await inChild(`${slug}-cached-${start + 1}`, ['--child', 'bot', ...common, ...asking]));
    reading.push(await inChild(`${slug}-reading-${start + 1}`, ['--child', 'reading', '--dir', dir]));
  }
  const rounds = String(cached[0]?.rounds ?? values.rounds);
  const floor = await inChild(`${slug}-floor`, ['--child', 'floor', '--dir', dir, '--questions', questionsFile, '--rounds', rounds]);
  const plain =
    articles <= Number(values.plain)
      ? await inChild(`${slug}-plain`, ['--child', 'plain', '--dir', dir, '--questions', plainFile, '--rounds', rounds])
      : undefined;
  return { corpus: name, articles, cold, heapLimitMB, cached, reading, floor, plain, plainQuestions };
}

const rows: Row[] = [await measure('story', 'corpus', 1, evalQuestions)];
const story = await loadCorpus('corpus', silentLogger);
for (const size of values.sizes
  .split(',')
  .map(Number)
  .filter((n) => n > 1)) {
  const synthetic = generateCorpus({ articles: size - 1 });
  const dir = path.join(work, `corpus-${size}`);
  await writeCorpus(dir, [...story.articles, ...synthetic.articles]);
  const questions = [...evalQuestions, ...generateQuestions(synthetic.vocabulary, 200)];
  rows.push(await measure(`${size.toLocaleString('en-US')} articles`, dir, size, questions));
  await rm(dir, { recursive: true, force: true });
}
await rm(work, { recursive: true, force: true });
printReport(rows, { questions: evalFile, rounds: values.rounds });
