import os from 'node:os';
import { defineCommand, readCommandLine, wholeNumber } from '../adapters/command-line.js';
import type { Storybot } from '../src/index.js';
import type { Response } from '../test/fakes/discord/fake-discord.js';

/**
 * `npm run bench:e2e`: end-to-end answer latency through the real adapters (discord.js, Bolt in Socket
 * Mode) over the bundled story, against the loopback stand-ins the e2e tests use (test/fakes/): from the
 * `/ask` INTERACTION_CREATE sent on the stand-in's gateway to the reply (the interaction callback, or the
 * edit of a deferred one) reaching its REST API, and from an app_mention envelope sent on the stand-in's
 * socket to the chat.postMessage with the answer reaching its Web API. Questions are sent one at a time,
 * each by a different user (the flood limit never triggers), after a warm-up. A table, then one JSON
 * line. A benchmark, not a test: exits 1 only when an answer did not come within 5 s.
 */
const command = defineCommand({
  name: 'npm run bench:e2e --',
  usage: `Usage: npm run bench:e2e -- [--questions N] [--warm-up N]

Latency from a platform event to the reply, through the real Discord and Slack adapters and the
loopback stand-ins the e2e tests use, one question at a time.

Options:
  --questions N  questions timed on each platform (default 300)
  --warm-up N    questions asked first and not timed (default 20)
  -h, --help     this help`,
  options: { questions: { type: 'string', default: '300' }, 'warm-up': { type: 'string', default: '20' } },
});
const { count, warmUp } = readCommandLine(command, process.argv.slice(2), ({ values }) => ({
  count: wholeNumber('--questions', values.questions, { min: 1 }),
  warmUp: wholeNumber('--warm-up', values['warm-up'], { min: 0 }),
}));
const answerTimeoutMs = 5_000;

// Loaded once the command line is known to be good: the adapters and stand-ins bring discord.js and Bolt.
const [
  { Storybot: Bot },
  { loadSlackConfig },
  { startSlack },
  { startHarness },
  { askInteraction },
  { FakeSlack },
  { fakeLogger: fakeSlackLogger },
  { mentionEvent },
  { benchQuestions },
] = await Promise.all([
  import('../src/index.js'),
  import('../adapters/slack/config.js'),
  import('../adapters/slack/start.js'),
  import('../test/fakes/discord/harness.js'),
  import('../test/fakes/discord/payloads.js'),
  import('../test/fakes/slack/fake-slack.js'),
  import('../test/fakes/slack/logger.js'),
  import('../test/fakes/slack/payloads.js'),
  import('./eval-score.js'),
]);

// Whatever happens, the bench stops by itself well within two minutes.
const watchdog = setTimeout(() => {
  console.error('bench:e2e: still running after 110 s; giving up');
  process.exit(1);
}, 110_000);
watchdog.unref();

const { file: questionsFile, questions } = await benchQuestions();
const questionAt = (i: number) => questions[i % questions.length] ?? '';

type Result = {
  platform: string;
  questions: number;
  answered: number;
  declined: number;
  p50: number;
  p99: number;
  max: number;
  mean: number;
  failure?: string;
};

/** What a reply was: a cited answer, the decline of a question the story does not answer, or neither (a failure). */
type Kind = 'answered' | 'declined';

/** Milliseconds for each measured question and what its reply was, or the first failure (after which the platform stops). */
type Run = { latencies: number[]; kinds: Kind[]; failure?: string };

/** Rejects after the answer timeout; the timer is cleared when `promise` settles first. */
async function within<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no ${what} within ${answerTimeoutMs} ms`)), answerTimeoutMs);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Asks `warmUp + count` questions one at a time with `askOnce` (which resolves with ms and the reply's kind), keeping the last `count`. */
async function run(askOnce: (i: number) => Promise<{ ms: number; kind: Kind }>): Promise<Run> {
  const [latencies, kinds]: [number[], Kind[]] = [[], []];
  for (let i = 0; i < warmUp + count; i += 1) {
    try {
      const { ms, kind } = await askOnce(i);
      if (i >= warmUp) {
        latencies.push(ms);
        kinds.push(kind);
      }
    } catch (error) {
      return {
        latencies,
        kinds,
        failure: `question ${i + 1} (${JSON.stringify(questionAt(i))}): ${error instanceof Error ? error.message : String(error)}`,
      };
    }
  }
  return { latencies, kinds };
}

/** The kind of a reply, from whether it cites the story or opens with the decline; anything else throws. */
function kindOf(cites: boolean, declines: boolean, reply: string): Kind {
  if (cites) return 'answered';
  if (declines) return 'declined';
  throw new Error(`the reply is neither an answer nor a decline: ${reply.slice(0, 200)}`);
}

/**
 * Discord: the harness the e2e tests use (a `Storybot` behind the real discord.js client, logged in to
 * the stand-in). The stand-in records each response by pushing it onto the interaction's list (the one
 * `responsesTo` returns); the bench wraps that list's `push` to note the arrival time at once, instead of
 * polling every 5 ms as the tests' `responses()` does, which would round every latency up to the poll.
 */
async function benchDiscord(bot: Storybot): Promise<Run> {
  const h = await startHarness({ bot });
  try {
    const result = await run(async (i) => {
      const interaction = askInteraction(questionAt(i), {
        userId: (410_000_000_000_000_000n + BigInt(i)).toString(),
        username: `reader${i}`,
      });
      let arrived!: (reply: { at: number; data: Record<string, unknown> }) => void;
      const answer = new Promise<{ at: number; data: Record<string, unknown> }>((resolve) => (arrived = resolve));
      const started = performance.now();
      const token = h.discord.interact(interaction);
      const list = h.discord.responsesTo(token) as Response[];
      list.push = (...items: Response[]) => {
        const at = performance.now();
        // The answer is an immediate reply (callback type 4) or, after a deferral (type 5), the edit.
        const reply = items.find((r) => (r.kind === 'callback' && r.type === 4) || r.kind === 'edit' || r.kind === 'followup');
        if (reply !== undefined && reply.kind !== 'delete') arrived({ at, data: reply.data });
        return Array.prototype.push.apply(list, items);
      };
      const { at, data } = await within(answer, 'reply to /ask');
      if (h.discord.rejected.length > 0) throw new Error(`the stand-in rejected: ${JSON.stringify(h.discord.rejected)}`);
      const embeds = Array.isArray(data['embeds']) ? data['embeds'] : [];
      const content = typeof data['content'] === 'string' ? data['content'] : '';
      return {
        ms: at - started,
        kind: kindOf(embeds.length > 0, content.startsWith("I couldn't find that in the story."), JSON.stringify(data)),
      };
    });
    return h.discord.rejected.length > 0 && result.failure === undefined
      ? { ...result, failure: `the stand-in rejected: ${JSON.stringify(h.discord.rejected)}` }
      : result;
  } finally {
    await h.stop();
  }
}

/**
 * Slack: the stand-in and `startSlack` in Socket Mode, as test/adapters/slack/socket-mode.e2e.test.ts
 * starts them. The stand-in's call recorder resolves waiters as each Web API call is recorded.
 */
async function benchSlack(bot: Storybot): Promise<Run> {
  const fake = await FakeSlack.start();
  const { logger } = fakeSlackLogger();
  const env = { SLACK_BOT_TOKEN: 'xoxb-fake', SLACK_APP_TOKEN: 'xapp-fake', SLACK_API_URL: fake.apiUrl };
  const slack = await startSlack({ config: loadSlackConfig(env), bot, logger });
  try {
    return await run(async (i) => {
      const event = mentionEvent({ text: questionAt(i), user: `U0BENCH${i}` });
      const ts = (event['event'] as { ts: string }).ts;
      // A cheap predicate (the recorder re-checks every call recorded so far on each new one).
      const post = fake.calls.waitFor(
        (call) => call.method === 'chat.postMessage' && call.params['thread_ts'] === ts,
        `the answer to mention ${ts}`,
        { timeoutMs: answerTimeoutMs + 1_000 },
      );
      const started = performance.now();
      const ack = fake.deliver('events_api', event);
      // Handled here so a late rejection after a failure (the bench stops at the first) is not fatal.
      for (const pending of [post, ack]) pending.catch(() => undefined);
      const call = await within(post, 'chat.postMessage with the answer');
      const ms = performance.now() - started;
      await within(ack, 'Socket Mode ack');
      const text = call.params['text'] ?? '';
      // An answer's fallback text ends with its citation: "… (Title, The New York Times, ¶23)" (or "article details").
      return { ms, kind: kindOf(/, (¶\d+|article details)\)$/.test(text), text.startsWith("Sorry, the story doesn't say."), text) };
    });
  } finally {
    await slack.stop();
    await fake.close();
  }
}

function summarize(platform: string, run: Run): Result {
  const sorted = [...run.latencies].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN;
  const mean = sorted.reduce((sum, ms) => sum + ms, 0) / sorted.length;
  const answered = run.kinds.filter((kind) => kind === 'answered').length;
  return {
    platform,
    questions: sorted.length,
    answered,
    declined: run.kinds.length - answered,
    p50: at(0.5),
    p99: at(0.99),
    max: at(1),
    mean,
    ...(run.failure === undefined ? {} : { failure: run.failure }),
  };
}

const loadBefore = os.loadavg();
const bot = await Bot.load('corpus');
const started = performance.now();
const results = [summarize('discord', await benchDiscord(bot)), summarize('slack (socket)', await benchSlack(bot))];
const seconds = (performance.now() - started) / 1000;
const loadAfter = os.loadavg();

const f = (n: number, digits = 2) => n.toFixed(digits);
const cells = (row: readonly string[], widths: readonly number[]) => row.map((v, i) => v.padStart(widths[i] ?? 8)).join(' ');
const widths = [15, 9, 9, 8, 8, 8, 8, 8];
console.log(
  `Node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, load average ${f(loadBefore[0] ?? 0)} before / ${f(loadAfter[0] ?? 0)} after (1 min); ` +
    `the story, ${questions.length} questions from ${questionsFile} cycled, ${warmUp} warm-up + ${count} measured per platform, one at a time; times in ms, loopback stand-ins; ran ${f(seconds, 1)} s`,
);
console.log(cells(['platform', 'questions', 'answered', 'declined', 'p50', 'p99', 'max', 'mean'], widths));
for (const r of results)
  console.log(
    cells([r.platform, String(r.questions), String(r.answered), String(r.declined), f(r.p50), f(r.p99), f(r.max), f(r.mean)], widths),
  );
const failures = results.filter((r) => r.failure !== undefined);
for (const r of failures) console.error(`${r.platform}: FAILED at ${r.failure ?? ''}`);
console.log(
  JSON.stringify({
    node: process.version,
    cpus: os.cpus().length,
    loadAverage: [loadBefore[0], loadAfter[0]],
    warmUp,
    questions: questionsFile,
    targetP99Ms: 100,
    results,
  }),
);
clearTimeout(watchdog);
process.exitCode = failures.length > 0 ? 1 : 0;
