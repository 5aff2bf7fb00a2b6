import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Storybot } from '../../../../src/index.js';
import { dataOf, startHarness, type Harness } from '../../../fakes/discord/harness.js';
import { corpusInteraction, fakeIds } from '../../../fakes/discord/payloads.js';
import { waitFor } from '../../../fakes/discord/wait.js';

// A temporary copy of the one-article fixture, so the test can break and mend it.
let h: Harness;
let dir: string;
let good: string;
const file = () => join(dir, 'pelicans-return.md');
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'storybot-discord-admin-'));
  await cp('test/fixtures/discord/corpus', dir, { recursive: true });
  good = await readFile(file(), 'utf8');
  h = await startHarness({ bot: await Storybot.load(dir), env: { DISCORD_ADMIN_CHANNEL_ID: fakeIds.adminChannel } });
});
afterAll(async () => {
  await h.stop();
  await rm(dir, { recursive: true, force: true });
});
afterEach(() => {
  expect(h.discord.rejected).toEqual([]);
});

const posted = () => h.discord.channelMessages.filter((m) => m.channelId === fakeIds.adminChannel).map((m) => m.body);
const waitForPosts = (count: number) =>
  waitFor(`${count} admin channel message(s)`, () => (posted().length >= count ? posted() : undefined));
const breakFile = () => writeFile(file(), good.replace('published: 2026-02-03', 'published: someday'));
/** Settles outstanding posts: a reload the adapter must stay quiet about is followed by one it must not. */
const quietThenTell = async (count: number) => {
  await breakFile();
  await h.bot.reload();
  return waitForPosts(count);
};

describe('the admin channel end to end', () => {
  it('says nothing after an ordinary reload', async () => {
    expect((await h.bot.reload()).ok).toBe(true);
    await breakFile();
    await h.bot.reload();
    const [first] = await waitForPosts(1);
    expect(posted()).toHaveLength(1);
    expect(first?.['allowed_mentions']).toEqual({ parse: [] });
  });

  it('lists the problems and the files kept at their last good version after a reload that finds problems', () => {
    const content = String(posted()[0]?.['content']);
    expect(content).toMatch(
      /^\*\*Corpus reload found 1 problem\.\*\* The good files are served\.\nStill serving the last good version of: `pelicans-return\.md`\.\n- .*pelicans\\-return\.md:\d+: front matter: published: expected a date/,
    );
    expect(content).toContain('someday');
  });

  it('shows an admin each problem with since when, and the files kept, in /corpus status', async () => {
    const [status] = await h.responses(h.discord.interact(corpusInteraction('status')));
    const content = String(dataOf(status)['content']);
    expect(content).toMatch(
      /\nThe last reload <t:\d+:R> found 1 problem:\nStill serving the last good version of: `pelicans-return\.md`\.\n- .*pelicans\\-return\.md:\d+: front matter: published: .* \(since <t:\d+:R>\)$/,
    );
  });

  it('stays quiet when a reload finds only the problems already reported, and says when the corpus recovered', async () => {
    await h.bot.reload();
    await writeFile(file(), good);
    expect((await h.bot.reload()).ok).toBe(true);
    const messages = await waitForPosts(2);
    expect(messages).toHaveLength(2);
    expect(messages[1]?.['content']).toBe('**Corpus recovered:** 1 document, 4 paragraphs, no problems left.');
  });

  it('posts once per reload after a restart (the old client no longer listens)', async () => {
    await h.restart();
    expect(await quietThenTell(3)).toHaveLength(3);
    await writeFile(file(), good);
    await h.bot.reload();
    const messages = await waitForPosts(4);
    expect(messages.map((m) => String(m['content']).split('**')[1])).toEqual([
      'Corpus reload found 1 problem.',
      'Corpus recovered:',
      'Corpus reload found 1 problem.',
      'Corpus recovered:',
    ]);
  });

  it('logs, and never throws, when it cannot post', async () => {
    h.discord.channels.delete(fakeIds.adminChannel);
    try {
      await breakFile();
      await expect(h.bot.reload()).resolves.toMatchObject({ ok: false });
      await waitFor('the failure in the log', () => h.logger.entries.find((e) => e.code === 'discord.admin-channel.failed'));
      expect(posted()).toHaveLength(4);
    } finally {
      h.discord.channels.add(fakeIds.adminChannel);
      await writeFile(file(), good);
      await h.bot.reload();
    }
  });
});
