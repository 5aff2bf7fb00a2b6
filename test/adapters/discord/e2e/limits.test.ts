import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Storybot } from '../../../../src/index.js';
import { dataOf, startHarness, type Harness } from '../../../fakes/discord/harness.js';
import { askInteraction, buttonInteraction, fakeIds, messagePayload } from '../../../fakes/discord/payloads.js';
import { pingPattern, plainText } from '../markdown.js';

type Embed = { title?: string; description?: string };

// A story whose title, source and text carry markdown and mentions, with one 10,750-character paragraph.
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ bot: await Storybot.load('test/fixtures/discord/corpus') });
});
afterAll(async () => {
  await h.stop();
});
afterEach(() => {
  expect(h.discord.rejected).toEqual([]);
});

async function ask(question: string) {
  return dataOf((await h.responses(h.discord.interact(askInteraction(question))))[0]);
}

describe('long and hostile material end to end', () => {
  it('cuts an over-long paragraph at a sentence with an ellipsis, within the embed limits', async () => {
    const answer = await ask('What did survey team 12 report?');
    const button = (answer['components'] as { components: { label: string; custom_id: string }[] }[])[0]?.components.find(
      (b) => b.label === 'Full paragraph',
    );
    const token = h.discord.interact(buttonInteraction(button?.custom_id ?? 'missing', messagePayload(answer, fakeIds.guildChannel)));
    const full = dataOf((await h.responses(token))[0]);
    const description = (full['embeds'] as Embed[])[0]?.description ?? '';
    expect(description.length).toBeLessThanOrEqual(4096);
    expect(description.length).toBeGreaterThan(3000);
    const shown = description.slice(0, description.lastIndexOf('\n\n— '));
    expect(shown).toMatch(/before dusk\. …$/);
    expect(h.bot.paragraph('pelicans-return', 2)?.text.startsWith(plainText(shown).replace(/ …$/, ''))).toBe(true);
  });

  it('cuts a 500-character question to the 256-character title', async () => {
    const question = 'What did volunteers write on the sign at the pier about the dogs? '.repeat(7).slice(0, 500);
    const embed = ((await ask(question))['embeds'] as Embed[])[0];
    expect(embed?.title?.length).toBeLessThanOrEqual(256);
    expect(embed?.title?.endsWith('…')).toBe(true);
  });

  it('keeps mentions and markdown from the story inert and shown as written', async () => {
    const answer = await ask('What did volunteers write on the sign?');
    const description = (answer['embeds'] as Embed[])[0]?.description ?? '';
    expect(answer['allowed_mentions']).toEqual({ parse: [] });
    expect(description).not.toMatch(pingPattern);
    expect(plainText(description)).toContain('wrote **@everyone** and <@400000000000000005> on the sign');
    expect(plainText(description)).toContain('Pelicans *return* to [Gull] Island_ @everyone <@400000000000000005>');
    expect(description).toContain(
      '](https://example.com/news/pelicans-%28return%29?a=1&b=2) · The Harbor \\`Gazette\\` \\<@\u200b&700000000000000007\\> · ¶3',
    );
  });
});
