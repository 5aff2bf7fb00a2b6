import { beforeAll, describe, expect, it } from 'vitest';
import { runScript, type Run } from '../support/run-script.js';

/** Every command a person runs, as `npm run` names it, with its entry file and a bad value for one of its options. */
const commands = [
  ['start', 'adapters/main.ts', undefined],
  ['ask', 'adapters/cli/main.ts', ['--top', 'many', 'q']],
  ['corpus:check', 'adapters/cli/corpus-check.ts', undefined],
  ['report', 'adapters/cli/report.ts', ['--top', '0']],
  ['discord:register', 'adapters/discord/deploy-commands.ts', undefined],
  ['eval', 'scripts/eval.ts', undefined],
  ['bench', 'scripts/bench.ts', ['--sizes', '1000,lots']],
  ['bench:e2e', 'scripts/bench-e2e.ts', ['--questions', 'few']],
  ['fuzz', 'scripts/fuzz.ts', ['--runs', 'x']],
  ['chaos', 'scripts/chaos.ts', ['--articles', 'many']],
] as const;

const runs = new Map<string, Run>();
beforeAll(async () => {
  // About half a second each, so all at once.
  const plans = commands.flatMap(([name, file, bad]) => [
    [`${name} --help`, file, ['--help']],
    [`${name} --bogus`, file, ['--bogus']],
    ...(bad === undefined ? [] : [[`${name} ${bad.join(' ')}`, file, bad]]),
  ]) as [string, string, string[]][];
  for (const [key, run] of await Promise.all(plans.map(async ([key, file, args]) => [key, await runScript(file, args)] as const)))
    runs.set(key, run);
}, 60_000);

describe.each(commands)('npm run %s', (name) => {
  it('prints its usage and exits 0 when given --help', () => {
    const run = runs.get(`${name} --help`);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run?.stdout).toMatch(/^Usage:\s/);
  });

  it('names an unknown option in one line and exits 2, with no stack trace', () => {
    expect(runs.get(`${name} --bogus`)).toMatchObject({
      code: 2,
      stdout: '',
      stderr: expect.stringMatching(/^unknown option --bogus \(npm (run )?\S+ -- --help for usage\)\n$/),
    });
  });
});

describe.each(commands.flatMap(([name, , bad]) => (bad === undefined ? [] : [[name, bad] as const])))('npm run %s', (name, bad) => {
  it(`names a bad value of ${bad[0]} in one line and exits 2`, () => {
    const run = runs.get(`${name} ${bad.join(' ')}`);
    expect(run).toMatchObject({ code: 2, stdout: '' });
    expect(run?.stderr).toMatch(new RegExp(`^${bad[0]} must be [^\\n]*"[^"\\n]*"\\. \\(npm run ${name} -- --help for usage\\)\\n$`));
  });
});

// The measuring scripts run from dist/ with the test helpers they share: each runs end to end, briefly.
describe('npm run chaos and npm run bench, in brief', () => {
  it('chaos replays an attack and prints its row with nothing crashed, leaked or over a limit', async () => {
    const { code, stdout } = await runScript('scripts/chaos.ts', ['--only', 'reload', '--articles', '20']);
    expect(stdout).toMatch(/^\| Corpus: reload of 20 articles while serving \| [\d,]+ \| 0 \| 0 \| 0 \|/m);
    expect(code).toBe(0);
  }, 60_000);

  it('bench measures the story against the floor and prints its tables, budgets and one JSON line', async () => {
    const { code, stdout } = await runScript('scripts/bench.ts', ['--sizes', '0', '--rounds', '1']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Answers \(ms; ratio = Storybot \/ floor/m);
    expect(stdout).toMatch(/^ {2}(met {4}|NOT MET) {2}p99 ≤ 1 ms at the story: /m);
    const figures = JSON.parse(stdout.trimEnd().split('\n').at(-1) ?? '') as { results: { corpus: string; floor: { latency: object } }[] };
    expect(figures.results.map((r) => r.corpus)).toEqual(['story']);
    expect(figures.results[0]?.floor.latency).toHaveProperty('p99');
  }, 60_000);
});
