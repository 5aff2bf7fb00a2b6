import { readdir } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { badFixtureDir, tempDirs } from '../../support/builders.js';
import { runScript, type Run } from '../../support/run-script.js';

const dirs = tempDirs();
afterAll(() => dirs.cleanup());

/** Runs the real CLI as `npm run ask` does (with no index cache, unless `env` gives one). */
const runCli = (args: string[], stdin = '', env: Record<string, string> = { INDEX_CACHE_DIR: 'off' }): Promise<Run> =>
  runScript('adapters/cli/main.ts', args, { stdin, env });

/** The public JSON contract: exactly these keys, nothing else. */
const citation = z.strictObject({
  documentId: z.string(),
  title: z.string(),
  paragraph: z.number().int().min(0),
  source: z.string().optional(),
  url: z.string().optional(),
});
const result = z.strictObject({
  text: z.string().min(1),
  highlights: z.array(z.tuple([z.number().int(), z.number().int()])),
  score: z.number(),
  citation,
});
const answerJson = z
  .strictObject({
    question: z.string(),
    outcome: z.enum(['answered', 'closest', 'declined']),
    answered: z.boolean(),
    confidence: z.number().min(0).max(1),
    results: z.array(result),
    suggestions: z.array(z.string()).optional(),
    reason: z.enum(['no-match', 'empty', 'help', 'unknown-article']).optional(),
  })
  .refine((answer) => answer.answered === (answer.outcome === 'answered'), 'answered is true for the confident tier only')
  .refine((answer) => (answer.outcome === 'declined') === (answer.suggestions !== undefined), 'suggestions only when declined')
  .refine((answer) => (answer.outcome === 'declined') === (answer.reason !== undefined), 'a reason only when declined')
  .refine((answer) => (answer.outcome === 'declined') === (answer.results.length === 0), 'results unless declined');

const parseLines = (stdout: string) =>
  stdout
    .trimEnd()
    .split('\n')
    .map((line) => answerJson.parse(JSON.parse(line)));

const runs: Record<string, Run> = {};

beforeAll(async () => {
  // Each run costs about a second: start them all at once.
  const plan: Record<string, [string[], string?]> = {
    answered: [['--json', "Who's Mexico's security chief?"]],
    declined: [['--json', 'who won the 2022 world cup']],
    noQuestion: [[]],
    topZero: [['--top', '0', 'fentanyl']],
    missing: [['--corpus', 'test/fixtures/no-such-dir', 'fentanyl']],
    bad: [['--corpus', badFixtureDir, 'fentanyl']],
    jsonl: [['--jsonl', '--top', '1'], "Who's Mexico's security chief?\nwho won the 2022 world cup\nfentanyl labs\n"],
  };
  const done = await Promise.all(Object.entries(plan).map(async ([name, [args, stdin]]) => [name, await runCli(args, stdin)] as const));
  for (const [name, run] of done) runs[name] = run;
}, 60_000);

const ran = (name: string): Run => runs[name] ?? { code: -1, stdout: '', stderr: `no run ${name}` };

describe('npm run ask', () => {
  it('prints exactly one JSON object in the contract and exits 0 when asked with --json', () => {
    const { code, stdout, stderr } = ran('answered');
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const [answer, ...rest] = parseLines(stdout);
    expect(rest).toEqual([]);
    expect(answer).toMatchObject({ question: "Who's Mexico's security chief?", answered: true });
    expect(answer?.results[0]?.citation).toMatchObject({
      documentId: 'us-presses-mexico-on-cartels',
      paragraph: 23,
      source: 'The New York Times',
    });
    expect(answer?.results[0]?.text).toContain('Omar García Harfuch');
    expect(answer?.suggestions).toBeUndefined();
  });

  it('exits 0 with answered false and suggestions when the story does not answer', () => {
    const { code, stdout } = ran('declined');
    expect(code).toBe(0);
    const [answer] = parseLines(stdout);
    expect(answer).toMatchObject({ answered: false, results: [] });
    expect(answer?.suggestions?.length).toBeGreaterThan(0);
  });

  it('exits 2 with one line on stderr saying what to give when no question is given', () => {
    const { code, stdout, stderr } = ran('noQuestion');
    expect({ code, stdout }).toEqual({ code: 2, stdout: '' });
    expect(stderr).toBe('give a question, e.g. npm run ask -- "your question about the story" (npm run ask -- --help for usage)\n');
  });

  it('exits 2 naming the option when --top is 0', () => {
    const { code, stderr } = ran('topZero');
    expect(code).toBe(2);
    expect(stderr).toMatch(/^--top must be a whole number from 1 to 10, not "0"\./);
  });

  it('exits 1 naming the directory when the corpus is missing', () => {
    const { code, stdout, stderr } = ran('missing');
    expect({ code, stdout }).toEqual({ code: 1, stdout: '' });
    expect(stderr).toBe('The corpus could not be loaded:\n  test/fixtures/no-such-dir: corpus directory does not exist\n');
  });

  it('exits 1 naming every bad file and no stack trace when the corpus is bad', () => {
    const { code, stderr } = ran('bad');
    expect(code).toBe(1);
    for (const file of ['bad-date.md:4', 'bad-url.md:5', 'empty.md', 'no-title.md:1', 'twin.md', 'twin.txt', 'unclosed.md:1']) {
      expect(stderr).toContain(`${badFixtureDir}/${file}`);
    }
    expect(stderr).not.toContain('good.md');
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('answers each stdin line with one JSON line, in order, at most --top results each, when given --jsonl', () => {
    const { code, stdout } = ran('jsonl');
    expect(code).toBe(0);
    const answers = parseLines(stdout);
    expect(answers.map((a) => [a.question, a.answered])).toEqual([
      ["Who's Mexico's security chief?", true],
      ['who won the 2022 world cup', false],
      ['fentanyl labs', true],
    ]);
    for (const answer of answers) expect(answer.results.length).toBeLessThanOrEqual(1);
    expect(answers[0]?.results[0]?.citation.paragraph).toBe(23);
  });

  it('answers from the index cache in INDEX_CACHE_DIR, saved by the first run and read by the next', async () => {
    const cacheDir = await dirs.make();
    const ask = () => runCli(['--json', "Who's Mexico's security chief?"], '', { INDEX_CACHE_DIR: cacheDir });
    const first = await ask();
    const files = (await readdir(cacheDir)).filter((name) => name.endsWith('.bin'));
    expect(files).toHaveLength(1);
    const second = await ask();
    expect(second).toEqual(first);
    expect(second.code).toBe(0);
    expect((await readdir(cacheDir)).filter((name) => name.endsWith('.bin'))).toEqual(files);
    expect(parseLines(second.stdout)[0]?.results[0]?.citation.paragraph).toBe(23);
  });

  it('exits 1 naming the setting when INDEX_CACHE_DIR is blank', async () => {
    const { code, stdout, stderr } = await runCli(['fentanyl'], '', { INDEX_CACHE_DIR: '  ' });
    expect({ code, stdout }).toEqual({ code: 1, stdout: '' });
    expect(stderr).toMatch(/^Invalid configuration:\n {2}INDEX_CACHE_DIR: /);
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});
