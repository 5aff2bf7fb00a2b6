import fc from 'fast-check';
import { Storybot } from '../../src/index.js';
import { answerToJson } from '../../adapters/terminal/format.js';
import { closedPort } from '../../test/support/builders.js';
import { runScript } from '../../test/support/run-script.js';
import { problemsWith, questionArbitrary } from '../fuzz-checks.js';
import type { Counts } from './table.js';

/** `npm start` with a bad Slack setting, an unreachable Slack and an unreachable Discord: each must exit 1 within seconds, in one line. */
export async function startFailures(): Promise<Counts> {
  const api = `http://127.0.0.1:${await closedPort()}`;
  const envs: Record<string, string>[] = [
    { SLACK_BOT_TOKEN: 'xoxb-chaos', SLACK_SIGNING_SECRET: 'short' },
    { SLACK_BOT_TOKEN: 'xoxb-chaos', SLACK_SIGNING_SECRET: 'chaos-signing-secret', SLACK_API_URL: `${api}/api/` },
    { DISCORD_TOKEN: 'chaos-token', DISCORD_APPLICATION_ID: '100000000000000001', DISCORD_API_URL: `${api}/api` },
  ];
  const runs = await Promise.all(
    envs.map(async (env) => {
      const started = Date.now();
      const run = await runScript('adapters/main.ts', [], {
        env: { USAGE_LOG_DIR: 'off', INDEX_CACHE_DIR: 'off', ...env },
        killAfterMs: 30_000,
      });
      return { ...run, ms: Date.now() - started };
    }),
  );
  const bad = runs.filter((run) => run.code !== 1 || run.ms > 20_000 || /\n\s+at /.test(run.stderr)).length;
  const slowest = Math.max(...runs.map((run) => run.ms));
  return {
    pauses: 'n/a',
    requests: envs.length,
    crashes: bad,
    leaks: 0,
    overLimit: 0,
    note: `each exited 1 with one line; slowest in ${(slowest / 1000).toFixed(1)} s`,
  };
}

/** Generated questions (story words, hostile markup, any Unicode, huge) through the core and both renderers, and as JSON. */
export async function fuzz(runs: number): Promise<Counts> {
  const bot = await Storybot.load('corpus');
  let [problems, split] = [0, 0];
  fc.assert(
    fc.property(questionArbitrary, (question) => {
      problems += problemsWith(bot, question).length;
      if (/\\ud[89ab][0-9a-f]{2}(?!\\ud[c-f])|(?<!\\ud[89ab][0-9a-f]{2})\\ud[c-f]/i.test(JSON.stringify(answerToJson(bot.ask(question)))))
        split += 1;
    }),
    { numRuns: runs, seed: 42 },
  );
  return {
    pauses: 'n/a',
    requests: runs,
    crashes: 0,
    leaks: split,
    overLimit: problems,
    note: 'no throw, excerpts verbatim, both renderers within limits, no lone surrogate in --json',
  };
}
