import { copyFile, symlink, truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { badFixtureDir, storyDir, storyId, tempDirs } from '../../support/builders.js';
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

describe('npm run corpus:check, against links and sizes', () => {
  it('names a link out of the corpus and a file over the size limit, and exits 1', async () => {
    const dir = await dirs.make();
    await copyFile(path.join(storyDir, `${storyId}.md`), path.join(dir, `${storyId}.md`));
    await symlink('/etc/passwd', path.join(dir, 'passwd.txt'));
    // Sparse: 200 MB long on disk without writing 200 MB.
    await writeFile(path.join(dir, 'huge.md'), '');
    await truncate(path.join(dir, 'huge.md'), 200 * 1024 * 1024);
    const { code, stdout } = await run('adapters/cli/corpus-check.ts', [dir]);
    expect(code).toBe(1);
    expect(stdout.split('\n').slice(1)).toEqual([
      '2 problems:',
      `  ${dir}/huge.md: is 200 MB; an article file may be at most 4 MB: split it into several files`,
      `  ${dir}/passwd.txt: is a symbolic link to somewhere outside the corpus directory: refused (copy the file in instead)`,
      '',
    ]);
  });
});

describe('npm run corpus:check, against the corpus limit', () => {
  const twoArticles = async () => {
    const dir = await dirs.make();
    // Two articles of about 0.7 MB each: 1.4 MB in all.
    const paragraph = `${'Harbor pilots struck at dawn over pay. '.repeat(40)}\n\n`;
    for (const name of ['a.txt', 'b.txt']) await writeFile(path.join(dir, name), `A harbor story\n\n${paragraph.repeat(450)}`);
    return dir;
  };

  it('reads them all within CORPUS_MAX_MB', async () => {
    const dir = await twoArticles();
    const { code, stdout } = await run('adapters/cli/corpus-check.ts', [dir], { env: { CORPUS_MAX_MB: '2' } });
    expect(stdout.replace(dir, 'corpus')).toMatch(/^corpus: 2 files, 2 valid articles, 902 paragraphs, [\d,]+ words\. No problems\.\n$/);
    expect(code).toBe(0);
  });

  it('leaves out the file past CORPUS_MAX_MB, saying which limit, and exits 1', async () => {
    const dir = await twoArticles();
    const { code, stdout } = await run('adapters/cli/corpus-check.ts', [dir], { env: { CORPUS_MAX_MB: '1' } });
    expect(code).toBe(1);
    expect(stdout).toContain(`${dir}/b.txt: was left out: with it, the article files would come to more than the corpus's limit of 1 MB`);
  });

  it('exits 1 naming the setting when CORPUS_MAX_MB is not a number', async () => {
    const { code, stdout, stderr } = await run('adapters/cli/corpus-check.ts', [storyDir], { env: { CORPUS_MAX_MB: 'lots' } });
    expect({ code, stdout }).toEqual({ code: 1, stdout: '' });
    expect(stderr).toMatch(/^Invalid configuration:\n {2}CORPUS_MAX_MB: /);
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
