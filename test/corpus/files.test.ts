import { mkdir, symlink, truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readCorpus, Storybot } from '../../src/index.js';
import { corpusLimits } from '../../src/corpus/limits.js';
import { tempDirs } from '../support/builders.js';

const temp = tempDirs();
afterAll(temp.cleanup);

/** A corpus directory holding one good article, `good.txt`, inside a parent that also holds `secret.txt`. */
async function corpusBesideASecret(): Promise<{ dir: string; parent: string }> {
  const parent = await temp.make();
  const dir = path.join(parent, 'corpus');
  await mkdir(dir);
  await writeFile(path.join(dir, 'good.txt'), 'The harbor reopened on Monday.\n');
  await writeFile(path.join(parent, 'secret.txt'), 'root:x:0:0:root:/root:/bin/bash\n');
  return { dir, parent };
}

describe('readCorpus and symbolic links', () => {
  it('refuses a link out of the corpus directory and names it', async () => {
    const { dir, parent } = await corpusBesideASecret();
    await symlink('/etc/passwd', path.join(dir, 'passwd.txt'));
    await symlink(path.join(parent, 'secret.txt'), path.join(dir, 'secret.txt'));
    await symlink('../secret.txt', path.join(dir, 'relative.txt'));
    const { corpus, problems } = await readCorpus(dir);
    expect(corpus.articles.map((a) => a.id)).toEqual(['good']);
    const refused = 'is a symbolic link to somewhere outside the corpus directory: refused (copy the file in instead)';
    expect(problems).toEqual([
      { file: path.join(dir, 'passwd.txt'), problem: refused },
      { file: path.join(dir, 'relative.txt'), problem: refused },
      { file: path.join(dir, 'secret.txt'), problem: refused },
    ]);
  });

  it('reads a link whose target is a file inside the corpus directory, under the link’s name', async () => {
    const { dir } = await corpusBesideASecret();
    await mkdir(path.join(dir, 'archive'));
    await writeFile(path.join(dir, 'archive', 'old.txt'), 'The mill closed in 1990.\n');
    await symlink('archive/old.txt', path.join(dir, 'mill.txt'));
    const { corpus, problems } = await readCorpus(dir);
    expect(problems).toEqual([]);
    expect(corpus.articles.map((a) => [a.id, a.file, a.paragraphs[0]?.text])).toEqual([
      ['good', 'good.txt', 'The harbor reopened on Monday.'],
      ['mill', 'mill.txt', 'The mill closed in 1990.'],
    ]);
  });

  it('skips a link to a directory, a dangling link and a loop, naming each', async () => {
    const { dir } = await corpusBesideASecret();
    await mkdir(path.join(dir, 'drafts'));
    await symlink('drafts', path.join(dir, 'drafts.md'));
    await symlink('gone.txt', path.join(dir, 'dangling.txt'));
    await symlink('loop-b.md', path.join(dir, 'loop-a.md'));
    await symlink('loop-a.md', path.join(dir, 'loop-b.md'));
    const { corpus, problems } = await readCorpus(dir);
    expect(corpus.articles.map((a) => a.id)).toEqual(['good']);
    expect(problems).toEqual([
      { file: path.join(dir, 'dangling.txt'), problem: 'is a symbolic link to something that does not exist: skipped' },
      { file: path.join(dir, 'drafts.md'), problem: 'is a symbolic link to a directory: skipped (only files are articles)' },
      { file: path.join(dir, 'loop-a.md'), problem: 'is a symbolic link that loops back on itself: skipped' },
      { file: path.join(dir, 'loop-b.md'), problem: 'is a symbolic link that loops back on itself: skipped' },
    ]);
  });

  it('reads through a corpus directory that is itself a link', async () => {
    const { dir, parent } = await corpusBesideASecret();
    await symlink('good.txt', path.join(dir, 'alias.txt'));
    const linked = path.join(parent, 'current');
    await symlink(dir, linked);
    expect((await readCorpus(linked)).corpus.articles.map((a) => a.id)).toEqual(['alias', 'good']);
  });

  it('reports a refused link in a reload and in the status, and keeps serving the good files', async () => {
    const { dir } = await corpusBesideASecret();
    const bot = await Storybot.load(dir);
    await symlink('/etc/passwd', path.join(dir, 'passwd.txt'));
    const outcome = await bot.reload();
    expect(outcome).toMatchObject({ ok: false, swapped: true, problems: [{ file: path.join(dir, 'passwd.txt') }] });
    expect(bot.status().rejected.map((p) => p.file)).toEqual([path.join(dir, 'passwd.txt')]);
    expect(bot.articles().map((a) => a.id)).toEqual(['good']);
    expect(bot.ask('what is the root shell?').results.map((r) => r.text).join(' ')).not.toContain('/bin/bash');
  });
});

describe('readCorpus and its limits', () => {
  it('refuses a file larger than 4 MB without reading it', async () => {
    const dir = await temp.make();
    await writeFile(path.join(dir, 'good.txt'), 'A paragraph.\n');
    await writeFile(path.join(dir, 'huge.txt'), Buffer.alloc(corpusLimits.fileBytes + 1, 'a'));
    const { corpus, problems } = await readCorpus(dir);
    expect(corpus.articles.map((a) => a.id)).toEqual(['good']);
    expect(problems).toEqual([
      { file: path.join(dir, 'huge.txt'), problem: 'is 4.0 MB; an article file may be at most 4 MB: split it into several files' },
    ]);
  });

  it('reads none of a 200 MB file: memory stays where it was', async () => {
    const dir = await temp.make();
    await writeFile(path.join(dir, 'huge.md'), '');
    await truncate(path.join(dir, 'huge.md'), 200 * 1024 * 1024);
    const before = process.memoryUsage().rss;
    const { problems } = await readCorpus(dir);
    expect(process.memoryUsage().rss - before).toBeLessThan(32 * 1024 * 1024);
    expect(problems[0]?.problem).toBe('is 200 MB; an article file may be at most 4 MB: split it into several files');
  });

  it('refuses an article with more paragraphs than the limit, naming the line of the first one over it', async () => {
    const dir = await temp.make();
    await writeFile(path.join(dir, 'long.txt'), 'One.\nTwo.\nThree.\nFour.\n');
    const { problems } = await readCorpus(dir, { limits: { ...corpusLimits, paragraphs: 3 } });
    expect(problems).toEqual([
      { file: path.join(dir, 'long.txt'), line: 4, problem: 'has 4 paragraphs; an article may have at most 3: split it into several files' },
    ]);
  });

  it('leaves out the files that would take the corpus past its limit, in name order, and names each', async () => {
    const dir = await temp.make();
    for (const name of ['a.txt', 'b.txt', 'c.txt']) await writeFile(path.join(dir, name), `${'x'.repeat(1000)}\n`);
    const { corpus, problems } = await readCorpus(dir, { limits: { ...corpusLimits, corpusBytes: 2500 } });
    expect(corpus.articles.map((a) => a.id)).toEqual(['a', 'b']);
    expect(problems).toEqual([
      {
        file: path.join(dir, 'c.txt'),
        problem: "was left out: with it, the article files would come to more than the corpus's limit of 2.4 KB (files are read in name order)",
      },
    ]);
  });
});
