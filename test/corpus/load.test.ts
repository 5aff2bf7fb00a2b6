import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CorpusError, formatCorpusProblem, loadCorpus, type CorpusProblem } from '../../src/index.js';
import { badFixtureDir, emptyFixtureDir, fixtureDir, recordingLogger, storyDir, tempDirs } from '../support/builders.js';

const temp = tempDirs();
afterAll(temp.cleanup);

/** The CorpusError that loading `dir` throws (the test fails if it loads). */
async function loadError(dir: string): Promise<CorpusError> {
  const error: unknown = await loadCorpus(dir).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CorpusError);
  return error as CorpusError;
}

const filesOf = (problems: readonly CorpusProblem[]) => [...new Set(problems.map((p) => path.basename(p.file)))].sort();

describe('loadCorpus', () => {
  it('loads every article sorted by id when the directory is the fixture corpus', async () => {
    const corpus = await loadCorpus(fixtureDir);
    expect(corpus.dir).toBe(fixtureDir);
    expect(corpus.articles.map((a) => [a.id, a.file, a.paragraphs.length])).toEqual([
      ['garcia-election', 'garcia-election.md', 4],
      ['lighthouse-keeper', 'lighthouse-keeper.md', 5],
      ['mill-bridge', 'mill-bridge.md', 4],
      ['pentagon-drones', 'pentagon-drones.md', 4],
      ['town-bakery', 'town-bakery.txt', 4],
    ]);
  });

  it('joins the lines of a paragraph with a space when a paragraph spans lines', async () => {
    const bridge = (await loadCorpus(fixtureDir)).articles.find((a) => a.id === 'mill-bridge');
    expect(bridge?.paragraphs[2]).toEqual({ number: 3, text: 'About 9,500 vehicles crossed the bridge each day before it closed in 2023.', line: 11 });
  });

  it('skips non-article, hidden and backup files and logs only the non-article ones when they sit in the directory', async () => {
    const logger = recordingLogger();
    const corpus = await loadCorpus(fixtureDir, logger.log);
    expect(corpus.skipped).toEqual(['README.json']);
    expect(corpus.articles.map((a) => a.title)).not.toContain('Hidden draft');
    expect(corpus.articles.map((a) => a.title)).not.toContain('Editor backup');
    expect(logger.entries).toEqual([
      { level: 'info', message: 'skipped 1 non-article files', code: 'corpus.skipped', context: { skipped: ['README.json'] } },
    ]);
  });

  it('gives the same ids when loaded twice', async () => {
    const ids = async () => (await loadCorpus(storyDir)).articles.map((a) => a.id);
    expect(await ids()).toEqual(['us-presses-mexico-on-cartels']);
    expect(await ids()).toEqual(await ids());
  });

  it('names every bad file at once when several files are bad', async () => {
    const error = await loadError(badFixtureDir);
    expect(filesOf(error.problems)).toEqual(['bad-date.md', 'bad-url.md', 'empty.md', 'no-title.md', 'twin.md', 'twin.txt', 'unclosed.md']);
    expect(error.problems.map((p) => p.file)).not.toContain(path.join(badFixtureDir, 'good.md'));
  });

  it('lists each problem as file:line: problem in the message, without a stack trace', async () => {
    const error = await loadError(badFixtureDir);
    expect(error.message).toBe(`The corpus has 7 problems:\n${error.problems.map((p) => `  ${formatCorpusProblem(p)}`).join('\n')}`);
    expect(error.message).toContain(`${path.join(badFixtureDir, 'bad-date.md')}:4: front matter: published: expected a date like 2026-01 or 2026-01-15, got "2026-13-40"`);
    expect(error.message).toContain(`${path.join(badFixtureDir, 'bad-url.md')}:5: front matter: url: expected a web address starting with http:// or https://`);
    expect(error.message).not.toMatch(/\n\s+at /);
  });

  it('names both files when two files have the same id', async () => {
    const error = await loadError(badFixtureDir);
    expect(error.problems.filter((p) => p.problem.includes('same document id'))).toEqual([
      { file: path.join(badFixtureDir, 'twin.md'), problem: 'has the same document id "twin" as twin.txt: rename one of them' },
      { file: path.join(badFixtureDir, 'twin.txt'), problem: 'has the same document id "twin" as twin.md: rename one of them' },
    ]);
  });

  it('says the directory does not exist when it is missing', async () => {
    const error = await loadError('test/fixtures/no-such-corpus');
    expect(error.problems).toEqual([{ file: 'test/fixtures/no-such-corpus', problem: 'corpus directory does not exist' }]);
    expect(error.message).toBe('The corpus has 1 problem:\n  test/fixtures/no-such-corpus: corpus directory does not exist');
  });

  it('says there are no article files when the directory is empty', async () => {
    const dir = await temp.make();
    expect((await loadError(dir)).problems).toEqual([{ file: dir, problem: 'has no article files (.md, .markdown, .txt)' }]);
  });

  it('says there are no article files when the directory holds only other files', async () => {
    expect((await loadError(emptyFixtureDir)).problems).toEqual([{ file: emptyFixtureDir, problem: 'has no article files (.md, .markdown, .txt)' }]);
  });

  it('says the path is not a directory when it names a file', async () => {
    const file = path.join(storyDir, 'us-presses-mexico-on-cartels.md');
    expect((await loadError(file)).problems).toEqual([{ file, problem: 'is not a directory' }]);
  });

  it('names the invalid UTF-8 file alongside the other bad files when one is not UTF-8', async () => {
    const dir = await temp.make();
    await writeFile(path.join(dir, 'latin1.txt'), Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x0a]));
    await writeFile(path.join(dir, 'untitled.md'), '---\nsource: X\n---\n\nText.\n');
    await copyFile(path.join(storyDir, 'us-presses-mexico-on-cartels.md'), path.join(dir, 'story.md'));
    const error = await loadError(dir);
    expect(error.problems).toEqual([
      { file: path.join(dir, 'latin1.txt'), line: 1, problem: 'is not valid UTF-8 text (first bad byte at offset 3); save it as UTF-8' },
      { file: path.join(dir, 'untitled.md'), line: 1, problem: 'front matter: title: is required' },
    ]);
  });

  it('names the front matter line, not a read failure, when a file has an unresolved YAML alias', async () => {
    const dir = await temp.make();
    await writeFile(path.join(dir, 'alias.md'), '---\ntitle: *anchor\n---\n\nText.\n');
    expect((await loadError(dir)).problems).toEqual([
      { file: path.join(dir, 'alias.md'), line: 2, problem: expect.stringMatching(/^front matter: /) },
    ]);
  });

  it('does not read subdirectories as articles when the corpus has one', async () => {
    const dir = await temp.make();
    await mkdir(path.join(dir, 'drafts.md'));
    await writeFile(path.join(dir, 'one.txt'), 'Only paragraph.\n');
    expect((await loadCorpus(dir)).articles.map((a) => a.id)).toEqual(['one']);
  });
});
