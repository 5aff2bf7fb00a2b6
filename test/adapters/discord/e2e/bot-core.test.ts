import { describe, expect, it } from 'vitest';
import { dataOf, startHarness } from '../../../fakes/discord/harness.js';
import { askInteraction, fakeIds } from '../../../fakes/discord/payloads.js';
import { fakeBotCore, status } from '../../../fakes/discord/ports.js';
import { waitFor } from '../../../fakes/discord/wait.js';

const problems = [{ file: 'corpus/mexico.md', line: 2, problem: 'front matter: title: is required' }];

describe('startDiscord over any BotCore', () => {
  it('answers from a fake core, asking as platform discord', async () => {
    const bot = fakeBotCore();
    const h = await startHarness({ bot });
    try {
      const [first] = await h.responses(h.discord.interact(askInteraction('Who leads Mexico?', { article: 'mexico' })));
      expect(JSON.stringify(dataOf(first)['embeds'])).toContain('Quote from ¶23.');
      expect(bot.asked).toEqual([{ question: 'Who leads Mexico?', top: 3, article: 'mexico', platform: 'discord' }]);
      expect(bot.listeners.size).toBe(0);
    } finally {
      await h.stop();
    }
  });

  it('listens for reloads only with an admin channel, once per start, and stops listening on stop()', async () => {
    const bot = fakeBotCore();
    const h = await startHarness({ bot, env: { DISCORD_ADMIN_CHANNEL_ID: fakeIds.adminChannel } });
    try {
      expect(bot.listeners.size).toBe(1);
      await h.restart();
      expect(bot.listeners.size).toBe(1);
      bot.announce({ ok: true, swapped: true, status }, false);
      bot.announce({ ok: false, swapped: true, problems, status }, false);
      bot.announce({ ok: true, swapped: true, status }, true);
      const posted = await waitFor('two messages', () => (h.discord.channelMessages.length >= 2 ? h.discord.channelMessages : undefined));
      expect(posted.map((m) => [m.channelId, m.body['content']])).toEqual([
        [
          fakeIds.adminChannel,
          '**Corpus reload found 1 problem.** The good files are served.\n- corpus/mexico.md:2: front matter: title: is required',
        ],
        [fakeIds.adminChannel, '**Corpus recovered:** 1 document, 27 paragraphs, no problems left.'],
      ]);
    } finally {
      await h.stop();
    }
    expect(bot.listeners.size).toBe(0);
  });
});
