import { defineCommand, readCommandLine, wholeNumber } from '../adapters/command-line.js';
import type { Counts, Row } from './chaos/table.js';

/**
 * `npm run chaos`: replays the attacks of the robustness review end to end, against the real bot and the
 * loopback stand-ins of Discord and Slack (no network, no tokens), with hostile corpus files on disk, and
 * prints one table: attack, requests, crashes, leaks, replies over a limit, longest event-loop pause (wall
 * clock, and the main thread's own CPU time, which the machine's other work does not inflate). Exits 1 when
 * anything crashed, leaked or went over a limit. `--articles N` sizes the large reload (10000 ≈ 100 MB),
 * `--questions N` the fuzzing, `--only WORDS` runs the attacks whose name holds them.
 */
const command = defineCommand({
  name: 'npm run chaos --',
  usage: `Usage: npm run chaos -- [--articles N] [--questions N] [--only WORDS]

Replays the robustness review's attacks end to end against the real bot and the loopback stand-ins of
Discord and Slack (no network, no tokens), and prints a table: attack, requests, crashes, leaks, replies
over a limit, longest event-loop pause. Exits 1 when anything crashed, leaked or went over a limit.

Options:
  --articles N     articles in the large reload (default 1000; 10000 is about 100 MB)
  --questions N    fuzzed questions (default 20000)
  --only WORDS     run only the attacks whose name holds WORDS (e.g. --only reload)
  -h, --help       this help`,
  options: {
    articles: { type: 'string', default: '1000' },
    questions: { type: 'string', default: '20000' },
    only: { type: 'string', default: '' },
  },
});
const values = readCommandLine(command, process.argv.slice(2), ({ values }) => ({
  articles: wholeNumber('--articles', values.articles, { min: 1 }),
  questions: wholeNumber('--questions', values.questions, { min: 1 }),
  only: values.only,
}));
// Loaded once the command line is known to be good.
const [{ FakeSlack }, discord, corpus, slack, start, { attack, formatTable }] = await Promise.all([
  import('../test/fakes/slack/fake-slack.js'),
  import('./chaos/discord.js'),
  import('./chaos/corpus.js'),
  import('./chaos/slack.js'),
  import('./chaos/start.js'),
  import('./chaos/table.js'),
]);
const { corpusWithoutPermission, forgedButtons, thousandAsks } = discord;
const { hostileFiles, largeReload, longParagraph } = corpus;
const { blockLimits, malformedBodies, redisKilled, replays } = slack;
const { fuzz, startFailures } = start;
const started = performance.now();
const fake = await FakeSlack.start();
const attacks: [string, () => Promise<Counts>][] = [
  ['Slack: malformed signed bodies', () => malformedBodies(fake)],
  ['Slack: replayed, skewed and forged requests', () => replays(fake)],
  ['Slack: long url, markup in title and question', () => blockLimits(fake)],
  ['Slack: Redis killed mid-run', () => redisKilled(fake)],
  ['Discord: forged button ids, repeated marks', () => forgedButtons()],
  ['Discord: /corpus without permission, in DMs', () => corpusWithoutPermission()],
  ['Discord: 1,000 /ask at once (3 s window)', () => thousandAsks()],
  ['Corpus: links out, loops, 200 MB, alias bomb, escapes', () => hostileFiles()],
  ['Corpus: 1 MB paragraph added while serving', () => longParagraph()],
  [`Corpus: reload of ${values.articles.toLocaleString('en-US')} articles while serving`, () => largeReload(values.articles)],
  ['Start-up: bad setting, Slack and Discord unreachable', () => startFailures()],
  ['Fuzzed questions', () => fuzz(values.questions)],
];
const rows: Row[] = [];
try {
  for (const [name, run] of attacks) if (name.toLowerCase().includes(values.only.toLowerCase())) rows.push(await attack(name, run));
} finally {
  await fake.close();
}
process.stdout.write(`${formatTable(rows)}\n\nTook ${((performance.now() - started) / 1000).toFixed(0)} s.\n`);
const failed = rows.filter((row) => row.crashes + row.leaks + row.overLimit > 0);
process.exitCode = failed.length > 0 ? 1 : 0;
// Worker threads and keep-alive sockets of the stand-ins may linger: the verdict is in.
setTimeout(() => process.exit(), 1_000).unref();
