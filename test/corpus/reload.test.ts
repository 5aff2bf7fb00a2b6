import { copyFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Storybot, type ReloadOutcome } from '../../src/index.js';
import { fixtureDir, tempDirs } from '../support/builders.js';

const temp = tempDirs();
afterAll(temp.cleanup);

/** A temp corpus holding copies of some fixture articles, and a bot serving it with a clock that ticks an hour a call. */
async function servedCopy(...files: string[]) {
  const dir = await temp.make();
  for (const file of files) await copyFile(path.join(fixtureDir, file), path.join(dir, file));
  let hour = 0;
  const now = () => new Date(Date.UTC(2026, 0, 20, hour++));
  return { dir, bot: await Storybot.load(dir, { now }) };
}

const ids = (bot: Storybot) => bot.articles().map((a) => a.id);

describe('Storybot.reload with files that change', () => {
  it('keeps serving the last good version of a file that breaks, and says so in status', async () => {
    const { dir, bot } = await servedCopy('mill-bridge.md', 'town-bakery.txt');
    await writeFile(path.join(dir, 'mill-bridge.md'), '---\ntitle: Half-saved\n');
    const outcome = await bot.reload();
    expect(outcome.ok).toBe(false);
    expect(ids(bot)).toEqual(['mill-bridge', 'town-bakery']);
    expect(bot.status().keptLastGood).toEqual(['mill-bridge.md']);
    expect(bot.ask('How many vehicles crossed the bridge each day?').results[0]?.citation).toMatchObject({ documentId: 'mill-bridge', paragraph: 3 });
  });

  it('leaves a new bad file out and serves the new good ones', async () => {
    const { dir, bot } = await servedCopy('mill-bridge.md');
    await copyFile(path.join(fixtureDir, 'town-bakery.txt'), path.join(dir, 'town-bakery.txt'));
    await writeFile(path.join(dir, 'draft.md'), '');
    expect(await bot.reload()).toMatchObject({ ok: false, problems: [{ file: path.join(dir, 'draft.md'), problem: 'is empty' }] });
    expect(ids(bot)).toEqual(['mill-bridge', 'town-bakery']);
    expect(bot.status().keptLastGood).toEqual([]);
  });

  it('drops a removed file when the rest are good', async () => {
    const { dir, bot } = await servedCopy('mill-bridge.md', 'town-bakery.txt');
    await rm(path.join(dir, 'town-bakery.txt'));
    expect(await bot.reload()).toMatchObject({ ok: true, status: { documents: 1 } });
    expect(ids(bot)).toEqual(['mill-bridge']);
  });

  it('changes nothing when every article file is removed', async () => {
    const { dir, bot } = await servedCopy('mill-bridge.md');
    await rm(path.join(dir, 'mill-bridge.md'));
    expect(await bot.reload()).toMatchObject({ ok: false, problems: [{ file: dir, problem: 'has no article files (.md, .markdown, .txt)' }] });
    expect(ids(bot)).toEqual(['mill-bridge']);
  });

  it('remembers since when a problem has stood across reloads', async () => {
    const { dir, bot } = await servedCopy('mill-bridge.md');
    await writeFile(path.join(dir, 'draft.md'), '');
    await bot.reload();
    const since = bot.status().rejected[0]?.since;
    await bot.reload();
    expect(since).toBeInstanceOf(Date);
    expect(bot.status().rejected[0]?.since).toEqual(since);
    expect(bot.status().rejectedAt?.getTime()).toBeGreaterThan(since?.getTime() ?? Infinity);
  });

  it('tells listeners each outcome and whether the reload before had problems', async () => {
    const { dir, bot } = await servedCopy('mill-bridge.md');
    const heard: [boolean, boolean][] = [];
    const stop = bot.onReload((outcome: ReloadOutcome, hadProblems: boolean) => heard.push([outcome.ok, hadProblems]));
    await writeFile(path.join(dir, 'draft.md'), '');
    await bot.reload();
    await rm(path.join(dir, 'draft.md'));
    await bot.reload();
    stop();
    await bot.reload();
    expect(heard).toEqual([
      [false, false],
      [true, true],
    ]);
  });

  it('serves the latest files when reloads are asked for at once', async () => {
    const { dir, bot } = await servedCopy('mill-bridge.md');
    const first = bot.reload();
    await copyFile(path.join(fixtureDir, 'town-bakery.txt'), path.join(dir, 'town-bakery.txt'));
    const outcomes = await Promise.all([first, bot.reload(), bot.reload()]);
    expect(outcomes.every((o) => o.ok)).toBe(true);
    expect(ids(bot)).toEqual(['mill-bridge', 'town-bakery']);
  });
});
