import fc from 'fast-check';
import { defineCommand, readCommandLine, wholeNumber } from '../adapters/command-line.js';

/**
 * `npm run fuzz -- --runs 100000 --seed 42`: asks the bot generated questions (story words, hostile
 * markup, any Unicode, empty and huge) and checks the answer and both renderers (see fuzz-checks.ts).
 * Seeded, so a failure can be replayed; longer than the test suite's run of the same checks.
 */
const command = defineCommand({
  name: 'npm run fuzz --',
  usage: `Usage: npm run fuzz -- [--runs N] [--seed N] [--corpus DIR]

Asks the bot generated questions and checks every answer and both renderers (verbatim excerpts, limits,
nothing that pings or links). Seeded, so a failure can be replayed.

Options:
  --runs N       how many questions (default 100000)
  --seed N       fast-check's seed, any whole number (default 42)
  --corpus DIR   the corpus (default: corpus/)
  -h, --help     this help`,
  options: {
    runs: { type: 'string', default: '100000' },
    seed: { type: 'string', default: '42' },
    corpus: { type: 'string', default: 'corpus' },
  },
});
const values = readCommandLine(command, process.argv.slice(2), ({ values }) => ({
  runs: wholeNumber('--runs', values.runs, { min: 1 }),
  seed: wholeNumber('--seed', values.seed, { min: -(2 ** 31), max: 2 ** 31 - 1 }),
  corpus: values.corpus,
}));
// Loaded once the command line is known to be good: the renderers bring discord.js and Bolt.
const [{ Storybot }, { problemsWith, questionArbitrary }] = await Promise.all([import('../src/index.js'), import('./fuzz-checks.js')]);
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
  { numRuns: values.runs, seed: values.seed },
);
console.log(
  `${checked} generated questions, seed ${values.seed}: no exception, every excerpt verbatim, every reply within Discord's and Slack's limits, nothing that pings or links (${((performance.now() - started) / 1000).toFixed(1)} s).`,
);
