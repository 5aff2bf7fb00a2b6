import { copyFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CorpusError, loadCorpus, Storybot } from '../src/index.js';
import { fixtureDir, makeArticle, recordingLogger, storyDir, storyId, tempDirs } from './support/builders.js';

const temp = tempDirs();
afterAll(temp.cleanup);

/** A temp copy of the bundled story that a test may break. */
async function storyCopy(): Promise<string> {
  const dir = await temp.make();
  await copyFile(path.join(storyDir, `${storyId}.md`), path.join(dir, `${storyId}.md`));
  return dir;
}

const clock = (...times: string[]) => {
  const dates = times.map((t) => new Date(t));
  return () => dates.shift() ?? new Date('2030-01-01T00:00:00Z');
};

describe('Storybot', () => {
  it('reports what it serves when loaded', async () => {
    const bot = await Storybot.load(storyDir, { now: clock('2026-01-20T10:00:00Z') });
    expect(bot.status()).toMatchObject({
      dir: storyDir,
      documents: 1,
      paragraphs: 36,
      passages: 36,
      loadedAt: new Date('2026-01-20T10:00:00Z'),
      rejected: [],
      rejectedAt: undefined,
    });
    expect(bot.articles().map((a) => a.id)).toEqual([storyId]);
  });

  it('throws a CorpusError naming the directory when it is missing', async () => {
    await expect(Storybot.load('test/fixtures/missing')).rejects.toThrow(CorpusError);
    await expect(Storybot.load('test/fixtures/missing')).rejects.toThrow('test/fixtures/missing: corpus directory does not exist');
  });

  it('starts with every good file when one is bad, and reports the bad one as a reload would', async () => {
    const dir = await storyCopy();
    await writeFile(path.join(dir, 'draft.md'), '---\nsource: Nobody\n---\n\nNo title here.\n');
    const logger = recordingLogger();
    const bot = await Storybot.load(dir, { logger: logger.log, now: clock('2026-01-20T10:00:00Z', '2026-01-20T10:00:00Z') });
    expect(bot.articles().map((a) => a.id)).toEqual([storyId]);
    const problem = { file: path.join(dir, 'draft.md'), line: 1, problem: 'front matter: title: is required' };
    expect(bot.status()).toMatchObject({
      documents: 1,
      rejected: [{ ...problem, since: new Date('2026-01-20T10:00:00Z') }],
      rejectedAt: new Date('2026-01-20T10:00:00Z'),
      keptLastGood: [],
    });
    expect(logger.entries).toContainEqual(expect.objectContaining({ level: 'warn', code: 'corpus.rejected' }));
    await expect(Storybot.load(dir, { strict: true })).rejects.toThrow(CorpusError);
  });

  it('refuses to start when no good article is left, naming every bad file', async () => {
    const dir = await temp.make();
    await writeFile(path.join(dir, 'a.md'), '');
    await writeFile(path.join(dir, 'b.md'), 'no front matter\n');
    const loading = Storybot.load(dir);
    await expect(loading).rejects.toThrow(CorpusError);
    await expect(loading).rejects.toMatchObject({ problems: [{ file: path.join(dir, 'a.md') }, { file: path.join(dir, 'b.md') }] });
  });

  it('returns the whole paragraph with its citation when asked for one', async () => {
    const bot = await Storybot.load(storyDir);
    const paragraph = bot.paragraph(storyId, 23);
    expect(paragraph?.text).toMatch(
      /^“We have highly trained army units and special forces,” Mexico’s security chief, Omar García Harfuch, said/,
    );
    expect(paragraph?.text).toBe(bot.articles()[0]?.paragraphs[22]?.text);
    expect(paragraph?.citation).toEqual({
      documentId: storyId,
      title: 'The U.S. Is Pressing Mexico to Allow U.S. Forces to Fight Cartels',
      paragraph: 23,
      source: 'The New York Times',
    });
    expect(bot.paragraph(storyId, 36)?.text).toBe(
      'Maria Abi-Habib is an investigative correspondent reporting on Latin America and is based in Mexico City.',
    );
  });

  it.each([
    [storyId, 0],
    [storyId, 37],
    ['no-such-article', 1],
  ])('returns undefined when the paragraph %s ¶%i does not exist', async (documentId, number) => {
    const bot = await Storybot.load(storyDir);
    expect(bot.paragraph(documentId, number)).toBeUndefined();
  });

  it('answers from articles in memory when built from a corpus', () => {
    const bot = Storybot.fromCorpus({
      dir: 'memory',
      skipped: [],
      articles: [makeArticle({ id: 'ships', title: 'Ships', paragraphs: ['The ferry leaves at dawn.', 'Gulls follow the ferry.'] })],
    });
    expect(bot.ask('When does the ferry leave?').results[0]).toMatchObject({
      text: 'The ferry leaves at dawn.',
      citation: { documentId: 'ships', title: 'Ships', paragraph: 1 },
    });
  });

  it('uses the answer options it was built with when a question gives none', async () => {
    const bot = Storybot.fromCorpus(await loadCorpus(storyDir), { answer: { top: 1 } });
    expect(bot.ask('fentanyl labs').results).toHaveLength(1);
    expect(bot.ask('fentanyl labs', { top: 3 }).results.length).toBeGreaterThan(1);
  });
});

describe('Storybot.reload', () => {
  it('swaps in the directory as it now is and reports the new status when every file is good', async () => {
    const dir = await storyCopy();
    const logger = recordingLogger();
    const bot = await Storybot.load(dir, { logger: logger.log, now: clock('2026-01-20T10:00:00Z', '2026-01-20T11:00:00Z') });
    await copyFile(path.join(fixtureDir, 'garcia-election.md'), path.join(dir, 'garcia-election.md'));
    const outcome = await bot.reload();
    expect(outcome).toMatchObject({ ok: true, status: { dir, documents: 2, paragraphs: 40, rejected: [] } });
    expect(bot.status().loadedAt).toEqual(new Date('2026-01-20T11:00:00Z'));
    expect(bot.articles().map((a) => a.id)).toEqual(['garcia-election', storyId]);
    expect(bot.ask('Who won the mayoral election in San Lucas?').results[0]?.citation.documentId).toBe('garcia-election');
    expect(logger.entries).toContainEqual(expect.objectContaining({ level: 'info', code: 'corpus.reloaded' }));
  });

  it('returns ok false with the problems, keeps answering, and lists the problems in status when a file breaks', async () => {
    const dir = await storyCopy();
    const logger = recordingLogger();
    const bot = await Storybot.load(dir, { logger: logger.log });
    await writeFile(path.join(dir, `${storyId}.md`), '---\ntitle: Broken\npublished: yesterday\n---\n\nText.\n');
    await writeFile(path.join(dir, 'notes.md'), 'no front matter here\n');
    const problems = [
      {
        file: path.join(dir, 'notes.md'),
        line: 1,
        problem: "has no front matter: start the file with a '---' line, then `title: ...`, then another '---' line",
      },
      {
        file: path.join(dir, `${storyId}.md`),
        line: 3,
        problem: 'front matter: published: expected a date like 2026-01 or 2026-01-15, got "yesterday"',
      },
    ];
    const outcome = await bot.reload();
    expect(outcome).toMatchObject({ ok: false, problems });
    expect(bot.status()).toMatchObject({ dir, documents: 1, paragraphs: 36, rejected: problems.map((p) => expect.objectContaining(p)) });
    expect(bot.status().rejectedAt).toBeInstanceOf(Date);
    expect(bot.ask("Who's Mexico's security chief?").results[0]?.citation).toMatchObject({ documentId: storyId, paragraph: 23 });
    expect(bot.paragraph(storyId, 23)?.text).toContain('Omar García Harfuch');
    expect(logger.entries).toContainEqual(expect.objectContaining({ level: 'warn', code: 'corpus.rejected' }));
  });

  it('clears the rejected problems when a later reload finds the files fixed', async () => {
    const dir = await storyCopy();
    const bot = await Storybot.load(dir);
    await writeFile(path.join(dir, 'draft.md'), '');
    expect(await bot.reload()).toMatchObject({ ok: false, problems: [{ file: path.join(dir, 'draft.md'), problem: 'is empty' }] });
    expect(bot.status().rejected).toHaveLength(1);
    await rm(path.join(dir, 'draft.md'));
    expect(await bot.reload()).toMatchObject({ ok: true, status: { rejected: [], rejectedAt: undefined } });
  });

  it('keeps serving without throwing when the directory disappears', async () => {
    const dir = await storyCopy();
    const bot = await Storybot.load(dir);
    await rm(dir, { recursive: true });
    expect(await bot.reload()).toMatchObject({
      ok: false,
      swapped: false,
      problems: [{ file: dir, problem: 'corpus directory does not exist' }],
    });
    expect(bot.status()).toMatchObject({ dir, documents: 1, paragraphs: 36 });
    expect(bot.ask("Who's Mexico's security chief?").answered).toBe(true);
  });
});

describe('Storybot.suggest', () => {
  it('offers only questions the named article answers when asked for one article', async () => {
    const bot = await Storybot.load(fixtureDir);
    const all = bot.suggest('', 25);
    const scoped = bot.suggest('', 25, { article: 'mill-bridge' });
    expect(scoped.length).toBeGreaterThan(0);
    expect(scoped.length).toBeLessThan(all.length);
    for (const question of scoped) expect(bot.ask(question, { article: 'mill-bridge' }).answered).toBe(true);
    expect(bot.suggest('', 25, { article: 'no-such-article' })).toEqual([]);
  });
});

describe('Storybot.onReload', () => {
  it('tells every listener, logs a listener that throws, and still completes the reload', async () => {
    const dir = await storyCopy();
    const { log, entries } = recordingLogger();
    const bot = await Storybot.load(dir, { logger: log });
    const heard: boolean[] = [];
    bot.onReload(() => {
      throw new Error('admin channel refused the post');
    });
    const stop = bot.onReload((outcome) => heard.push(outcome.ok));
    expect((await bot.reload()).ok).toBe(true);
    expect(heard).toEqual([true]);
    expect(entries.map((e) => e.code)).toContain('corpus.listener_failed');
    stop();
    await bot.reload();
    expect(heard).toEqual([true]);
  });
});

describe('Storybot answer cache', () => {
  const questions = ["Who is Mexico's security chief?", 'How long is the border?', 'guacamole recipe', 'hi', 'who wrote this article?'];

  it('answers a repeated question with the answer it kept, recording every asking in the usage log', async () => {
    const recorded: string[] = [];
    const usage = { record: (entry: { kind: string }) => void recorded.push(entry.kind) };
    const bot = await Storybot.load(storyDir, { answerCacheSize: 10, usage });
    const first = bot.ask(questions[0] ?? '', { platform: 'web' });
    expect(bot.ask(questions[0] ?? '', { platform: 'web' })).toBe(first);
    expect(bot.ask(questions[0] ?? '', { platform: 'web', top: 1 })).not.toBe(first);
    expect(recorded).toEqual(['answered', 'answered', 'answered']);
  });

  it('gives exactly the answers of a bot without it, whatever the options, asked twice', async () => {
    const [cached, plain] = await Promise.all([Storybot.load(storyDir, { answerCacheSize: 3 }), Storybot.load(storyDir)]);
    for (const options of [{}, { top: 1 }, { article: storyId }, { article: 'nope' }, { excerptChars: 120 }]) {
      for (const question of [...questions, ...questions]) expect(cached.ask(question, options)).toEqual(plain.ask(question, options));
    }
  });

  it('answers from the new corpus after a reload, not from what it kept', async () => {
    const dir = await storyCopy();
    const bot = await Storybot.load(dir, { answerCacheSize: 10 });
    const question = 'Who won the mayoral election in San Lucas?';
    expect(bot.ask(question).results.every((result) => result.citation.documentId === storyId)).toBe(true);
    await copyFile(path.join(fixtureDir, 'garcia-election.md'), path.join(dir, 'garcia-election.md'));
    await bot.reload();
    expect(bot.ask(question).results[0]?.citation.documentId).toBe('garcia-election');
  });
});
