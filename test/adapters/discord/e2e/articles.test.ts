import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Storybot, type UsageEntry } from '../../../../src/index.js';
import { dataOf, startHarness, type Harness } from '../../../fakes/discord/harness.js';
import { askInteraction, autocompleteInteraction, buttonInteraction, fakeIds, messagePayload } from '../../../fakes/discord/payloads.js';

type Embed = { title?: string; description?: string; fields?: { name: string; value: string }[] };
type Row = { components: { label: string; custom_id: string }[] };
type Choice = { name: string; value: string };

// Five articles (test/fixtures/corpus), every question and mark recorded in `entries`.
const entries: UsageEntry[] = [];
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ bot: await Storybot.load('test/fixtures/corpus', { usage: { record: (entry) => void entries.push(entry) } }) });
});
afterAll(async () => {
  await h.stop();
});
afterEach(() => {
  expect(h.discord.rejected).toEqual([]);
});

let nextUser = 400000000000000400n;
/** A fresh member, so the flood limit of one test never touches another. */
const member = () => (nextUser += 1n).toString();

async function ask(question: string, options: Parameters<typeof askInteraction>[1] = {}) {
  const data = dataOf((await h.responses(h.discord.interact(askInteraction(question, { userId: member(), ...options }))))[0]);
  return {
    data,
    embed: (data['embeds'] as Embed[] | undefined)?.[0],
    buttons: ((data['components'] ?? []) as Row[]).flatMap((row) => row.components),
  };
}

/** The message each answer became, so that every click on its buttons comes from the same message, as in Discord. */
const messages = new WeakMap<Record<string, unknown>, ReturnType<typeof messagePayload>>();

async function click(data: Record<string, unknown>, label: string, userId = member()) {
  const button = ((data['components'] ?? []) as Row[]).flatMap((row) => row.components).find((b) => b.label === label);
  if (button === undefined) throw new Error(`no button "${label}"`);
  const message = messages.get(data) ?? messagePayload(data, fakeIds.guildChannel);
  messages.set(data, message);
  const token = h.discord.interact(buttonInteraction(button.custom_id, message, { userId }));
  return dataOf((await h.responses(token))[0]);
}

async function choices(typed: string, options: Parameters<typeof autocompleteInteraction>[1] = {}): Promise<Choice[]> {
  const [first] = await h.responses(h.discord.interact(autocompleteInteraction(typed, options)));
  expect(first).toMatchObject({ kind: 'callback', type: 8 });
  return dataOf(first)['choices'] as Choice[];
}

describe('/ask article: end to end', () => {
  it('autocompletes article titles, ignoring case and accents, with document ids as values', async () => {
    expect(await choices('GARCIA', { focus: 'article', question: 'Who won?' })).toEqual([
      { name: 'García Wins Mayoral Race in San Lucas', value: 'garcia-election' },
    ]);
    expect(await choices('mill-', { focus: 'article' })).toEqual([
      { name: 'Old Mill Bridge Reopens After Two-Year Repair', value: 'mill-bridge' },
    ]);
    expect((await choices('', { focus: 'article' })).map((c) => c.value).sort()).toEqual(
      h.bot
        .articles()
        .map((a) => a.id)
        .sort(),
    );
  });

  it('still autocompletes questions when the question option is focused', async () => {
    const offered = await choices('bridge');
    expect(offered.length).toBeGreaterThan(0);
    for (const choice of offered) expect(choice.value).toBe(choice.name);
    expect(offered.map((c) => c.value)).not.toContain('mill-bridge');
  });

  it('answers from that article only, and More sources keeps to it', async () => {
    const everywhere = await ask('How much did the repair cost?');
    expect(everywhere.buttons.map((b) => b.label)).toContain('More sources');
    const scoped = await ask('How much did the repair cost?', { article: 'mill-bridge' });
    expect(scoped.embed?.description).toMatch(/— \*Old Mill Bridge Reopens After Two\\-Year Repair\* · Valley Gazette · ¶\d+$/);
    if (scoped.buttons.some((b) => b.label === 'More sources')) {
      const more = ((await click(scoped.data, 'More sources'))['embeds'] as Embed[])[0]?.fields ?? [];
      for (const field of more) expect(field.name).toMatch(/^Old Mill Bridge Reopens After Two\\?-Year Repair, ¶\d+$/);
    }
    const keeper = await ask('Who said it?', { article: 'lighthouse-keeper' });
    expect(keeper.embed?.description).toContain('Last Keeper of the Harbor Light Retires');
    const fields = ((await click(keeper.data, 'More sources'))['embeds'] as Embed[])[0]?.fields ?? [];
    expect(fields.length).toBeGreaterThan(0);
    for (const field of fields) expect(field.name).toMatch(/^Last Keeper of the Harbor Light Retires, ¶\d+$/);
  });

  it('declines kindly when the article id is unknown, offering questions about the whole story', async () => {
    const { data } = await ask('How much did the repair cost?', { article: 'no-such-article' });
    expect(data['content']).toMatch(/^There's no article with that id; pick one from the list\./);
    expect(data['embeds']).toEqual([]);
  });
});

describe('Helpful / Not helpful end to end', () => {
  it('records the mark on the cited paragraph and thanks only the clicker', async () => {
    const { data, buttons } = await ask('How many steps did the keeper climb?');
    expect(buttons.map((b) => b.label)).toEqual(expect.arrayContaining(['Helpful', 'Not helpful']));
    expect((data['components'] as Row[]).every((row) => row.components.length <= 5)).toBe(true);
    const before = entries.length;
    const thanks = await click(data, 'Helpful');
    expect(thanks).toMatchObject({ content: 'Thanks — noted.', flags: 64 });
    expect(entries.slice(before)).toEqual([
      {
        kind: 'feedback',
        time: expect.any(String),
        platform: 'discord',
        helpful: true,
        cited: { documentId: 'lighthouse-keeper', paragraph: 1 },
      },
    ]);
  });

  it("counts a member's mark on an answer once however often they click, and keeps working after a restart", async () => {
    const { data } = await ask('How many steps did the keeper climb?');
    const clicker = member();
    const before = entries.length;
    expect((await click(data, 'Not helpful', clicker))['content']).toBe('Thanks — noted.');
    for (let i = 0; i < 6; i += 1)
      expect((await click(data, 'Helpful', clicker))['content']).toBe('You have already marked this answer. Thanks!');
    // More clicks than the flood limit allows questions: marks are not limited.
    expect((await click(data, 'Helpful'))['content']).toBe('Thanks — noted.');
    await h.restart();
    expect((await click(data, 'Helpful'))['content']).toBe('Thanks — noted.');
    const marks = entries.slice(before).map((e) => (e.kind === 'feedback' ? e.helpful : undefined));
    expect(marks).toEqual([false, true, true]);
  });

  it('records nothing for a forged button id naming an article or paragraph the corpus does not have', async () => {
    const { data } = await ask('How many steps did the keeper climb?');
    const before = entries.length;
    for (const customId of ['sb:f+:999999:lighthouse-keeper', 'sb:f-:1:no-such-article', 'sb:f+:0:no-such-article']) {
      const token = h.discord.interact(buttonInteraction(customId, messagePayload(data, fakeIds.guildChannel), { userId: member() }));
      expect(dataOf((await h.responses(token))[0])['content']).toBe(
        'Sorry, I could not note that: the story no longer has that paragraph. Ask again for a fresh answer.',
      );
    }
    expect(entries.slice(before)).toEqual([]);
  });
});

describe('the usage log end to end', () => {
  it('records each question asked in Discord, answered or declined, as platform discord', async () => {
    const before = entries.length;
    await ask('What happened on Sunday?');
    await ask("What's a good recipe for guacamole?");
    expect(entries.slice(before)).toEqual([
      {
        kind: 'answered',
        time: expect.any(String),
        platform: 'discord',
        cited: expect.arrayContaining([{ documentId: 'garcia-election', paragraph: 1 }]),
      },
      { kind: 'declined', time: expect.any(String), platform: 'discord', question: "What's a good recipe for guacamole?" },
    ]);
  });
});
