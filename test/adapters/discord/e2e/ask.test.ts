import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { decodeCustomId } from '../../../../adapters/discord/custom-ids.js';
import { dataOf, startHarness, type Harness } from '../../../fakes/discord/harness.js';
import { askInteraction, autocompleteInteraction, buttonInteraction, fakeIds, messagePayload } from '../../../fakes/discord/payloads.js';
import { pingPattern } from '../markdown.js';

type Embed = { title?: string; description?: string; fields?: { name: string; value: string }[] };
type Row = { components: { label: string; custom_id: string }[] };

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.stop();
});
afterEach(() => {
  expect(h.discord.rejected).toEqual([]);
});

/** Sends `/ask`, waits for the reply, and returns what the member sees. */
async function ask(question: string, options: Parameters<typeof askInteraction>[1] = {}) {
  const token = h.discord.interact(askInteraction(question, options));
  const [first] = await h.responses(token);
  return {
    first,
    data: dataOf(first),
    embed: (dataOf(first)['embeds'] as Embed[] | undefined)?.[0],
    rows: (dataOf(first)['components'] ?? []) as Row[],
  };
}

/** Clicks the button labelled `label` on the message `data` and returns the first response. */
async function click(data: Record<string, unknown>, label: string, place: 'guild' | 'dm' = 'guild') {
  const button = ((data['components'] ?? []) as Row[]).flatMap((row) => row.components).find((b) => b.label === label);
  if (button === undefined) throw new Error(`no button "${label}"`);
  const channel = place === 'guild' ? fakeIds.guildChannel : fakeIds.dmChannel;
  const token = h.discord.interact(buttonInteraction(button.custom_id, messagePayload(data, channel), { place }));
  const [first] = await h.responses(token);
  return first;
}

describe('/ask end to end', () => {
  it('answers in a server with the excerpt, the matched words in bold and the cited paragraph', async () => {
    const { first, embed, data } = await ask("Who's Mexico's security chief?");
    expect(first).toMatchObject({ kind: 'callback', type: 4 });
    expect(data['flags']).toBeUndefined();
    expect(data['allowed_mentions']).toEqual({ parse: [] });
    expect(embed?.title).toBe("Who's Mexico's security chief?");
    expect(embed?.description).toContain('**Mexico’s security chief**, Omar García Harfuch');
    expect(embed?.description).toMatch(
      /\n\n— \*The U\.S\. Is Pressing Mexico to Allow U\.S\. Forces to Fight Cartels\* · The New York Times · ¶23$/,
    );
  });

  it('answers in a DM with the bot', async () => {
    const { embed, data } = await ask("Who's Mexico's security chief?", { place: 'dm', userId: '400000000000000101' });
    expect(data['flags']).toBeUndefined();
    expect(embed?.description).toContain('Omar García Harfuch');
    expect(embed?.description).toContain('· ¶23');
  });

  it('answers only the asker when private is true', async () => {
    const { data, embed } = await ask("Who's Mexico's security chief?", { isPrivate: true, userId: '400000000000000102' });
    expect(data['flags']).toBe(64);
    expect(embed?.description).toContain('Omar García Harfuch');
  });

  it('declines a question the story does not answer, with suggestions that ask when clicked', async () => {
    const { data } = await ask("What's a good recipe for guacamole?", { userId: '400000000000000103' });
    expect(data['content']).toBe("I couldn't find that in the story. It does answer these:");
    const labels = (data['components'] as Row[]).flatMap((row) => row.components.map((b) => b.label));
    expect(labels.length).toBeGreaterThan(0);
    const answer = dataOf(await click(data, labels[0] ?? ''));
    expect((answer['embeds'] as Embed[])[0]?.title).toBe(labels[0]);
  });

  it('shows the next results to the clicker only under More sources', async () => {
    const { data } = await ask('What do American officials want U.S. forces to do in Mexico?', { userId: '400000000000000104' });
    const more = dataOf(await click(data, 'More sources'));
    expect(more['flags']).toBe(64);
    const fields = (more['embeds'] as Embed[])[0]?.fields ?? [];
    expect(fields.length).toBeGreaterThan(0);
    for (const field of fields) expect(field.value).toMatch(/· ¶\d+$/);
  });

  it('shows the whole cited paragraph to the clicker only under Full paragraph', async () => {
    const { data } = await ask("Who's Mexico's security chief?", { place: 'dm', userId: '400000000000000105' });
    const full = dataOf(await click(data, 'Full paragraph', 'dm'));
    expect(full['flags']).toBe(64);
    const paragraph = h.bot.paragraph('us-presses-mexico-on-cartels', 23)?.text ?? 'missing';
    expect((full['embeds'] as Embed[])[0]?.description).toContain(paragraph.slice(0, 60));
  });

  it('keeps buttons working after the bot restarts', async () => {
    const { data } = await ask("Who's Mexico's security chief?", { userId: '400000000000000106' });
    await h.restart();
    const full = dataOf(await click(data, 'Full paragraph'));
    expect((full['embeds'] as Embed[])[0]?.description).toContain('Omar García Harfuch');
  });

  it('autocompletes questions the story answers, well within 3 seconds', async () => {
    const token = h.discord.interact(autocompleteInteraction('mex'));
    const [first] = await h.responses(token);
    expect(first).toMatchObject({ kind: 'callback', type: 8 });
    const choices = (dataOf(first)['choices'] ?? []) as { name: string; value: string }[];
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.length).toBeLessThanOrEqual(25);
    for (const choice of choices) expect(choice.name).toMatch(/mexic/i);
    expect(first?.kind === 'callback' && first.atMs).toBeLessThan(1000);
    const all = await h.responses(h.discord.interact(autocompleteInteraction('')));
    expect((dataOf(all[0])['choices'] as unknown[]).length).toBe(25);
  });

  it('keeps mentions typed into a question inert', async () => {
    const { data, embed } = await ask("@everyone @here <@400000000000000005> <@&700000000000000007> who is Mexico's security chief?", {
      userId: '400000000000000107',
    });
    expect(data['allowed_mentions']).toEqual({ parse: [] });
    expect(embed?.title).not.toMatch(pingPattern);
    expect(embed?.title).toContain('@\u200beveryone');
  });

  it('tells a member who floods when to try again, and keeps answering others', async () => {
    const flooder = '400000000000000108';
    for (let i = 0; i < 5; i += 1) expect((await ask('Who is Sheinbaum?', { userId: flooder })).embed).toBeDefined();
    const refused = await ask('Who is Sheinbaum?', { userId: flooder });
    expect(refused.data['flags']).toBe(64);
    expect(refused.data['content']).toMatch(/^You're asking faster than I can keep up\. Please try again in \d+ s \(<t:\d+:R>\)\.$/);
    expect((await ask('Who is Sheinbaum?', { userId: '400000000000000109' })).embed).toBeDefined();
  });
});

describe('a suggestion button', () => {
  it('encodes the question it asks', async () => {
    const { data } = await ask('guacamole?', { isPrivate: true, userId: '400000000000000110' });
    const ids = (data['components'] as Row[]).flatMap((row) => row.components.map((b) => decodeCustomId(b.custom_id)));
    expect(ids.every((id) => id?.kind === 'suggestion' && id.isPrivate)).toBe(true);
  });
});
