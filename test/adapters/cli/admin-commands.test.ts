import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { badFixtureDir, storyDir, tempDirs } from '../../support/builders.js';
import { runScript as run } from '../../support/run-script.js';

const dirs = tempDirs();
afterAll(() => dirs.cleanup());

describe('npm run corpus:check', () => {
  it('prints a summary and exits 0 when the corpus is clean', async () => {
    const { code, stdout } = await run('adapters/cli/corpus-check.ts', [storyDir]);
    expect(stdout).toBe('corpus: 1 file, 1 valid article, 36 paragraphs, 1,360 words. No problems.\n');
    expect(code).toBe(0);
  });

  it('names every bad file with its line and exits 1', async () => {
    const { code, stdout } = await run('adapters/cli/corpus-check.ts', [badFixtureDir]);
    expect(code).toBe(1);
    expect(stdout).toContain(`${path.join(badFixtureDir, 'no-title.md')}:`);
    expect(stdout).toContain(`${path.join(badFixtureDir, 'bad-date.md')}:`);
    expect(stdout).toContain(`${path.join(badFixtureDir, 'twin.md')}: has the same document id "twin" as twin.txt`);
    expect(stdout).not.toMatch(/\bat .*\.ts:\d+/);
  });
});

describe('npm run report', () => {
  it('prints the most frequent declined questions and the most cited paragraphs from a known log', async () => {
    const logs = await dirs.make();
    const time = '2026-01-20T10:00:00.000Z';
    const story = 'us-presses-mexico-on-cartels';
    const lines = [
      { kind: 'declined', time, platform: 'discord', question: 'Who won the world cup?' },
      { kind: 'declined', time, platform: 'slack', question: 'who won the world cup' },
      { kind: 'declined', time, platform: 'terminal', question: 'Guacamole recipe' },
      {
        kind: 'answered',
        time,
        platform: 'discord',
        cited: [
          { documentId: story, paragraph: 23 },
          { documentId: story, paragraph: 25 },
        ],
      },
      { kind: 'answered', time, platform: 'slack', cited: [{ documentId: story, paragraph: 23 }] },
      { kind: 'feedback', time, platform: 'slack', helpful: true, cited: { documentId: story, paragraph: 23 } },
    ];
    await writeFile(path.join(logs, 'usage-2026-01.jsonl'), `${lines.map((line) => JSON.stringify(line)).join('\n')}\nnot json\n`);
    const { code, stdout } = await run('adapters/cli/report.ts', ['--dir', logs, '--corpus', storyDir]);
    expect(code).toBe(0);
    const title = 'The U.S. Is Pressing Mexico to Allow U.S. Forces to Fight Cartels';
    expect(stdout).toBe(
      [
        '2 answered, 0 closest passages only, 3 declined; readers marked 1 helpful, 0 not helpful.',
        '',
        'Most frequent declined questions (what to add to the corpus):',
        '      2  Who won the world cup?',
        '      1  Guacamole recipe',
        '',
        'Most frequent questions answered only with the closest passages (the corpus may lack these too):',
        '  none',
        '',
        'Most cited paragraphs:',
        `      2  ${title} ¶23  (+1 / -0)`,
        `      1  ${title} ¶25`,
        '',
      ].join('\n'),
    );
  });

  it('says there is no log yet when the directory is empty', async () => {
    const { code, stdout } = await run('adapters/cli/report.ts', ['--dir', await dirs.make()]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^No usage log in .* yet/);
  });
});
