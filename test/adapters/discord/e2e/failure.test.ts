import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Storybot } from '../../../../src/index.js';
import { dataOf, startHarness, type Harness } from '../../../fakes/discord/harness.js';
import { askInteraction, corpusInteraction } from '../../../fakes/discord/payloads.js';

let h: Harness;
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'storybot-discord-'));
  await cp('test/fixtures/discord/corpus', dir, { recursive: true });
  h = await startHarness({ bot: await Storybot.load(dir) });
});
afterAll(async () => {
  await h.stop();
  await rm(dir, { recursive: true, force: true });
});
afterEach(() => {
  expect(h.discord.rejected).toEqual([]);
});

describe('failures and admin commands end to end', () => {
  it('says sorry ephemerally, without detail, and logs the error when the core fails', async () => {
    const original = h.bot.ask.bind(h.bot);
    // The core is sound, so the test breaks it at the seam the adapter calls.
    h.bot.ask = () => {
      throw new Error('index missing at /srv/storybot/index');
    };
    try {
      const [first] = await h.responses(h.discord.interact(askInteraction('Who is the ferry operator?', { userId: '400000000000000201' })));
      expect(dataOf(first)).toMatchObject({ content: 'Sorry, something went wrong. Please try again later.', flags: 64 });
      expect(JSON.stringify(first)).not.toContain('/srv/storybot');
      expect(h.logger.entries).toContainEqual(expect.objectContaining({ level: 'error', code: 'discord.interaction.failed' }));
    } finally {
      h.bot.ask = original;
    }
  });

  it('shows an admin the corpus status, ephemerally', async () => {
    const [first] = await h.responses(h.discord.interact(corpusInteraction('status')));
    expect(dataOf(first)['flags']).toBe(64);
    expect(dataOf(first)['content']).toMatch(
      /^\*\*1\*\* documents, \*\*4\*\* paragraphs, \*\*\d+\*\* passages from `.+`, loaded <t:\d+:R>\.$/,
    );
  });

  it('reports a reload that found a problem, keeps serving the good files, and lists it in the status', async () => {
    await writeFile(join(dir, 'broken.md'), '---\nsource: Nobody\n---\n\nNo title here.\n');
    const responses = await h.responses(h.discord.interact(corpusInteraction('reload')), 2);
    expect(responses[0]).toMatchObject({ kind: 'callback', type: 5, data: { flags: 64 } });
    expect(dataOf(responses[1])['content']).toMatch(/^The reload found 1 problem; the good files are served\.\n- .*broken\.md.*title/);
    const [answer] = await h.responses(h.discord.interact(askInteraction('Who is the ferry operator?', { userId: '400000000000000202' })));
    expect(JSON.stringify(dataOf(answer)['embeds'])).toContain('Dana Whitlock');
    const [status] = await h.responses(h.discord.interact(corpusInteraction('status')));
    expect(dataOf(status)['content']).toMatch(
      /\nThe last reload <t:\d+:R> found 1 problem:\n- .*broken\.md(?::\d+)?: .*title.* \(since <t:\d+:R>\)$/,
    );
  });

  it('reloads a good corpus', async () => {
    await rm(join(dir, 'broken.md'));
    const responses = await h.responses(h.discord.interact(corpusInteraction('reload')), 2);
    expect(dataOf(responses[1])['content']).toMatch(/^Reloaded\. \*\*1\*\* documents/);
  });
});

describe('/corpus from members who may not run it', () => {
  it('refuses a member without Manage Server, and a DM, and reloads nothing', async () => {
    const loadedAt = h.bot.status().loadedAt;
    const refusals = [
      corpusInteraction('reload', { permissions: '1024', userId: '400000000000000777' }),
      corpusInteraction('status', { permissions: '0' }),
      corpusInteraction('reload', { place: 'dm' }),
    ].map((interaction) => h.discord.interact(interaction));
    const contents = await Promise.all(refusals.map(async (token) => dataOf((await h.responses(token))[0])['content']));
    expect(contents).toEqual([
      'Sorry, /corpus is for members with the Manage Server permission.',
      'Sorry, /corpus is for members with the Manage Server permission.',
      '/corpus works in a server only, not in direct messages.',
    ]);
    expect(refusals.map((token) => h.discord.responsesTo(token).map((r) => (r.kind === 'callback' ? r.data['flags'] : r.kind)))).toEqual([
      [64],
      [64],
      [64],
    ]);
    expect(h.bot.status().loadedAt).toBe(loadedAt);
    expect(h.logger.entries.filter((e) => e.code === 'discord.corpus.refused')).toHaveLength(3);
  });
});
