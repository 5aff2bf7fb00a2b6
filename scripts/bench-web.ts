import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { answerToJson, Storybot } from '../src/index.js';
import { benchQuestions } from './eval-score.js';

/**
 * `npm run bench:web`: answers per second and latency of `POST /api/ask` under 100 concurrent connections
 * on loopback (autocannon), beside the same questions answered in-process (`bot.ask` and the JSON
 * contract, one at a time), so the cost of HTTP is a ratio, in answers per second and in the CPU time the
 * server spends per answer (read from /proc; other jobs on a busy machine disturb it less than wall time).
 * The server is `npm run web` itself (`node dist/adapters/main.js --web`), in its own process (no flood
 * limit, no usage log), so client and server do not share an event loop; on a 2-core machine they do share
 * the CPU. It runs twice: with the answer cache on (ANSWER_CACHE_SIZE's default: the questions repeat, so
 * after the warm-up every answer is a kept one) and off (every answer worked out), each a warm-up run, then
 * the measured run. In-process answering has no cache. A table, then one JSON line. The budget is p99 under
 * 20 ms at 100 connections on the story; a benchmark, not a test: it exits 1 only when a request failed or
 * was refused.
 */
const { values } = parseArgs({
  options: {
    connections: { type: 'string', default: '100' },
    seconds: { type: 'string', default: '10' },
    'warm-up': { type: 'string', default: '3' },
  },
});
const connections = Number(values.connections);
const seconds = Number(values.seconds);
const warmUpSeconds = Number(values['warm-up']);
const budgetP99Ms = 20;

// Whatever happens, the bench stops by itself.
const watchdog = setTimeout(
  () => {
    console.error('bench:web: still running long after its runs should have ended; giving up');
    process.exit(1);
  },
  (2 * (seconds + warmUpSeconds) + 90) * 1000,
);
watchdog.unref();

const { file: questionsFile, questions } = await benchQuestions();

/**
 * The same questions in this process: latency of each answer made into the JSON contract, answers per second,
 * and CPU time per answer (which other jobs on a busy machine disturb less than wall time).
 */
function inProcess(bot: Storybot): { p50: number; p99: number; perSecond: number; cpuMsPerAnswer: number } {
  const times: number[] = [];
  let cpu = process.cpuUsage();
  for (let round = 0; round < 50; round += 1) {
    if (round === 5) cpu = process.cpuUsage();
    for (const question of questions) {
      const started = performance.now();
      JSON.stringify(answerToJson(bot.ask(question)));
      if (round >= 5) times.push(performance.now() - started);
    }
  }
  const { user, system } = process.cpuUsage(cpu);
  times.sort((a, b) => a - b);
  const at = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))] ?? Number.NaN;
  const perSecond = times.length / (times.reduce((sum, ms) => sum + ms, 0) / 1000);
  return { p50: at(0.5), p99: at(0.99), perSecond, cpuMsPerAnswer: (user + system) / 1000 / times.length };
}

/** CPU time a process has used, in ms, from /proc (user + system clock ticks, 100 a second on Linux). */
async function cpuMsOf(pid: number): Promise<number> {
  const fields = (await readFile(`/proc/${pid}/stat`, 'utf8')).replace(/^.*\) /, '').split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** Starts `npm run web` on a free loopback port, keeping `answerCacheSize` answers; resolves with its URL and a function that stops it. */
async function startServer(answerCacheSize: number): Promise<{ url: string; pid: number; stop(): Promise<void> }> {
  const child = spawn(process.execPath, ['--max-semi-space-size=32', 'dist/adapters/main.js', '--web'], {
    env: {
      ...process.env,
      WEB_PORT: '0',
      WEB_HOST: '127.0.0.1',
      WEB_RATE_LIMIT: '0',
      USAGE_LOG_DIR: 'off',
      LOG_LEVEL: 'info',
      CORPUS_DIR: 'corpus',
      ANSWER_CACHE_SIZE: String(answerCacheSize),
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
      const found = /"code":"web\.started".*?"url":"([^"]+)"/.exec(stderr);
      if (found?.[1] !== undefined) resolve(found[1]);
    });
    child.once('exit', (code) => reject(new Error(`the server exited with ${String(code)}:\n${stderr}`)));
  });
  return {
    url,
    pid: child.pid ?? 0,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** One autocannon run of `seconds` against /api/ask, the questions cycled on every connection. */
function load(url: string, duration: number): Promise<autocannon.Result> {
  const requests = questions.map((question) => ({ method: 'POST' as const, path: '/api/ask', body: JSON.stringify({ question }) }));
  return autocannon({ url, connections, duration, headers: { 'content-type': 'application/json' }, requests });
}

type HttpRun = { p50: number; p99: number; max: number; perSecond: number; cpuMsPerAnswer: number; requests: number; failed: number };

/** A warm-up run, then the measured run, against a server keeping `answerCacheSize` answers. */
async function overHttp(answerCacheSize: number): Promise<HttpRun> {
  const server = await startServer(answerCacheSize);
  try {
    await load(server.url, warmUpSeconds);
    const cpuBefore = await cpuMsOf(server.pid);
    const result = await load(server.url, seconds);
    const cpuMs = (await cpuMsOf(server.pid)) - cpuBefore;
    const { latency, requests } = result;
    const failed = result.errors + result.timeouts + result.non2xx;
    const cpuMsPerAnswer = cpuMs / requests.total;
    return {
      p50: latency.p50,
      p99: latency.p99,
      max: latency.max,
      perSecond: requests.average,
      cpuMsPerAnswer,
      requests: requests.total,
      failed,
    };
  } finally {
    await server.stop();
  }
}

const loadBefore = os.loadavg();
const local = inProcess(await Storybot.load('corpus'));
const cached = await overHttp(1000);
const uncached = await overHttp(0);
const loadAfter = os.loadavg();

const failed = cached.failed + uncached.failed;
const f = (n: number, digits = 2) => n.toFixed(digits);
console.log(
  `Node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, load average ${f(loadBefore[0] ?? 0)} before / ${f(loadAfter[0] ?? 0)} after (1 min); ` +
    `the story, ${questions.length} questions from ${questionsFile}; HTTP: ${connections} connections for ${seconds} s after ${warmUpSeconds} s of warm-up, ` +
    `${cached.requests} + ${uncached.requests} requests, ${failed} failed; times in ms`,
);
const row = (cells: readonly string[]) => cells.map((cell, i) => cell.padStart(i === 0 ? 30 : 12)).join(' ');
const httpRow = (name: string, run: HttpRun) =>
  row([name, f(run.perSecond, 0), f(run.p50), f(run.p99), f(run.max), f(run.cpuMsPerAnswer, 3)]);
const verdict = (run: HttpRun) => `p99 ${f(run.p99)} ms: ${run.p99 < budgetP99Ms ? 'met' : 'NOT met'}`;
console.log(row(['', 'answers/s', 'p50', 'p99', 'max', 'CPU/answer']));
console.log(httpRow(`HTTP, ${connections} conns, cache on`, cached));
console.log(httpRow(`HTTP, ${connections} conns, cache off`, uncached));
console.log(row(['in-process, one at a time', f(local.perSecond, 0), f(local.p50, 3), f(local.p99, 3), '', f(local.cpuMsPerAnswer, 3)]));
console.log(
  `Cache off, HTTP serves ${f(uncached.perSecond / local.perSecond, 3)} of the in-process answers per second; an answer over HTTP costs the server ` +
    `${f(uncached.cpuMsPerAnswer / local.cpuMsPerAnswer, 1)}× the CPU time of one in-process (${f(1000 / uncached.cpuMsPerAnswer, 0)} answers/s on a whole core). ` +
    `Budget p99 < ${budgetP99Ms} ms: cache on ${verdict(cached)}; cache off ${verdict(uncached)}.`,
);
console.log(
  JSON.stringify({
    node: process.version,
    cpus: os.cpus().length,
    loadAverage: [loadBefore[0], loadAfter[0]],
    questions: questionsFile,
    connections,
    seconds,
    failed,
    http: { cacheOn: cached, cacheOff: uncached },
    inProcess: local,
    budgetP99Ms,
  }),
);
clearTimeout(watchdog);
process.exitCode = failed > 0 ? 1 : 0;
