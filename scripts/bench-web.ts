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
 * The server is `npm run web` itself, in its own process (no flood limit, no usage log), so client and
 * server do not share an event loop; on a 2-core machine they do share the CPU. A warm-up run, then the
 * measured run. A table, then one JSON line. The budget is p99 under 20 ms at 100 connections on the story; a benchmark, not a
 * test: it exits 1 only when a request failed or was refused.
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
  (seconds + warmUpSeconds + 90) * 1000,
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

/** Starts `npm run web` on a free loopback port; resolves with its URL and a function that stops it. */
async function startServer(): Promise<{ url: string; pid: number; stop(): Promise<void> }> {
  const child = spawn(process.execPath, ['--max-semi-space-size=32', '--import', 'tsx', 'adapters/main.ts', '--web'], {
    env: {
      ...process.env,
      WEB_PORT: '0',
      WEB_HOST: '127.0.0.1',
      WEB_RATE_LIMIT: '0',
      USAGE_LOG_DIR: 'off',
      LOG_LEVEL: 'info',
      CORPUS_DIR: 'corpus',
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

const loadBefore = os.loadavg();
const local = inProcess(await Storybot.load('corpus'));
const server = await startServer();
let result: autocannon.Result;
let serverCpuMs: number;
try {
  await load(server.url, warmUpSeconds);
  const cpuBefore = await cpuMsOf(server.pid);
  result = await load(server.url, seconds);
  serverCpuMs = (await cpuMsOf(server.pid)) - cpuBefore;
} finally {
  await server.stop();
}
const loadAfter = os.loadavg();

const cpuMsPerAnswer = serverCpuMs / result.requests.total;
const http = {
  p50: result.latency.p50,
  p99: result.latency.p99,
  max: result.latency.max,
  perSecond: result.requests.average,
  cpuMsPerAnswer,
};
const failed = result.errors + result.timeouts + result.non2xx;
const f = (n: number, digits = 2) => n.toFixed(digits);
console.log(
  `Node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, load average ${f(loadBefore[0] ?? 0)} before / ${f(loadAfter[0] ?? 0)} after (1 min); ` +
    `the story, ${questions.length} questions from ${questionsFile}; HTTP: ${connections} connections for ${seconds} s after ${warmUpSeconds} s of warm-up, ` +
    `${result.requests.total} requests, ${failed} failed; times in ms`,
);
const row = (cells: readonly string[]) => cells.map((cell, i) => cell.padStart(i === 0 ? 24 : 12)).join(' ');
console.log(row(['', 'answers/s', 'p50', 'p99', 'max', 'CPU/answer']));
console.log(
  row([`HTTP, ${connections} connections`, f(http.perSecond, 0), f(http.p50), f(http.p99), f(http.max), f(http.cpuMsPerAnswer, 3)]),
);
console.log(row(['in-process, one at a time', f(local.perSecond, 0), f(local.p50, 3), f(local.p99, 3), '', f(local.cpuMsPerAnswer, 3)]));
console.log(
  `HTTP serves ${f(http.perSecond / local.perSecond, 3)} of the in-process answers per second; an answer over HTTP costs the server ` +
    `${f(http.cpuMsPerAnswer / local.cpuMsPerAnswer, 1)}× the CPU time of one in-process (${f(1000 / http.cpuMsPerAnswer, 0)} answers/s on a whole core). ` +
    `p99 ${f(http.p99)} ms against a budget of ${budgetP99Ms} ms: ${http.p99 < budgetP99Ms ? 'met' : 'NOT met'}.`,
);
console.log(
  JSON.stringify({
    node: process.version,
    cpus: os.cpus().length,
    loadAverage: [loadBefore[0], loadAfter[0]],
    questions: questionsFile,
    connections,
    seconds,
    requests: result.requests.total,
    failed,
    http,
    inProcess: local,
    budgetP99Ms,
  }),
);
clearTimeout(watchdog);
process.exitCode = failed > 0 ? 1 : 0;
