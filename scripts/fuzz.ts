import { parseArgs } from 'node:util';
import fc from 'fast-check';
import { Storybot } from '../src/index.js';
import { problemsWith, questionArbitrary } from './fuzz-checks.js';

/**
 * `npm run fuzz -- --runs 100000 --seed 42`: asks the bot generated questions (story words, hostile
 * markup, any Unicode, empty and huge) and checks the answer and both renderers (see fuzz-checks.ts).
 * Seeded, so a failure can be replayed; longer than the test suite's run of the same checks.
 */
const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '100000' },
    seed: { type: 'string', default: '42' },
    corpus: { type: 'string', default: 'corpus' },
  },
});
const bot = await Storybot.load(values.corpus);
const started = performance.now();
let checked = 0;
fc.assert(
  fc.property(questionArbitrary, (question) => {
    checked += 1;
    if (checked % 10_000 === 0) process.stderr.write(`${checked} questions checked\n`);
    const problems = problemsWith(bot, question);
    if (problems.length > 0) throw new Error(problems.join('\n'));
  }),
  { numRuns: Number(values.runs), seed: Number(values.seed) },
);
console.log(
  `${checked} generated questions, seed ${values.seed}: no exception, every excerpt verbatim, every reply within Discord's and Slack's limits, nothing that pings or links (${((performance.now() - started) / 1000).toFixed(1)} s).`,
);
