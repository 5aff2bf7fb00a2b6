import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Storybot, type UsageEntry } from '../../../src/index.js';
import { loadSlackConfig } from '../../../adapters/slack/config.js';
import { actionIds } from '../../../adapters/slack/render.js';
import { startSlack } from '../../../adapters/slack/start.js';
import { buttonsOf, mrkdwnObjectsOf, textsOf } from '../../fakes/slack/blocks.js';
import { FakeSlack } from '../../fakes/slack/fake-slack.js';
import { fakeLogger } from '../../fakes/slack/logger.js';
import { buttonClick, dmEvent, mentionEvent, slashCommand } from '../../fakes/slack/payloads.js';

// A temp copy of the fixture corpus (five articles), so that files can be broken and fixed.
let dir: string;
let fake: FakeSlack;
let bot: Storybot;
let slack: { stop(): Promise<void> };
const usage: UsageEntry[] = [];
const { logger, log } = fakeLogger();
const adminChannel = 'C0ADMINS';
const millBridge = '*Old Mill Bridge Reopens After Two-Year Repair* · Valley Gazette';

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'storybot-slack-'));
  await cp('test/fixtures/corpus', dir, { recursive: true });
  fake = await FakeSlack.start();
  bot = await Storybot.load(dir, { usage: { record: (entry) => void usage.push(entry) } });
  const env = {
    SLACK_BOT_TOKEN: 'xoxb-fake',
    SLACK_APP_TOKEN: 'xapp-fake',
    SLACK_API_URL: fake.apiUrl,
    SLACK_ADMIN_USER_IDS: 'U0ADMIN',
    SLACK_ADMIN_CHANNEL_ID: adminChannel,
  };
  slack = await startSlack({ config: loadSlackConfig(env), bot, logger });
});

afterAll(async () => {
  await slack.stop();
  await fake.close();
  await rm(dir, { recursive: true, force: true });
});

const blocksOf = (body: Readonly<Record<string, unknown>>) => body['blocks'] as unknown[];
const citationsIn = (blocks: unknown[]) => textsOf(blocks).filter((text) => / · (¶\d+|article details)$/.test(text));

describe('Slack: asking one article with in:<document-id>', () => {
  it('answers a mention from that article only, records it as slack, and More sources stays in the article', async () => {
    const everywhere = bot.ask('who said it?');
    expect(everywhere.results.map((r) => r.citation.documentId)).toContain('town-bakery'); // unscoped, other articles answer too
    const event = mentionEvent({ text: 'in:mill-bridge who said it?', user: 'U0SCOPE' });
    await fake.deliver('events_api', event);
    const post = await fake.waitForPost((m) => m.threadTs === (event['event'] as { ts: string }).ts, 'the scoped answer');
    expect(citationsIn(post.blocks)).toEqual([`${millBridge} · ¶4`]);
    expect(buttonsOf(post.blocks)[actionIds.moreSources]).toBe('in:mill-bridge who said it?');
    expect(usage).toContainEqual(
      expect.objectContaining({
        kind: 'answered',
        platform: 'slack',
        cited: [4, 2, 3].map((paragraph) => ({ documentId: 'mill-bridge', paragraph })),
      }),
    );
    await fake.deliver(
      'interactive',
      buttonClick({ actionId: actionIds.moreSources, value: 'in:mill-bridge who said it?', responseUrl: fake.responseUrl('scoped-more') }),
    );
    const more = await fake.responses.waitFor((r) => r.id === 'scoped-more', 'the scoped More sources');
    expect(citationsIn(blocksOf(more.body))).toEqual([`${millBridge} · ¶2`, `${millBridge} · ¶3`]);
  });

  it('answers /ask in:<id> privately, citing that article', async () => {
    await fake.deliver(
      'slash_commands',
      slashCommand('/ask', 'in:lighthouse-keeper how many years?', fake.responseUrl('scoped-ask'), 'U0SCOPEASK'),
    );
    const reply = await fake.responses.waitFor((r) => r.id === 'scoped-ask', 'the scoped /ask answer');
    expect(citationsIn(blocksOf(reply.body))).toEqual([
      '<https://example.com/harbor-light|Last Keeper of the Harbor Light Retires> · The Coastal Herald · ¶1',
    ]);
    expect(buttonsOf(blocksOf(reply.body))[actionIds.share]).toBe('in:lighthouse-keeper how many years?');
  });

  it('declines an unknown article id in a DM, listing the ids there are, and records the decline as slack', async () => {
    await fake.deliver('events_api', dmEvent({ text: 'in:no-such-story who said it?', user: 'U0UNKNOWN', channel: 'D0UNKNOWN' }));
    const post = await fake.waitForPost((m) => m.channel === 'D0UNKNOWN', 'the unknown-article decline');
    expect(textsOf(post.blocks)).toEqual([
      'There is no article with that id.\nStart your question with one of these:\n• in:garcia-election\n• in:lighthouse-keeper\n• in:mill-bridge\n• in:pentagon-drones\n• in:town-bakery',
    ]);
    expect(usage).toContainEqual(expect.objectContaining({ kind: 'declined', platform: 'slack', question: 'who said it?' }));
  });
});

describe('Slack: readers’ marks', () => {
  it('records Helpful and Not helpful on the cited paragraph and thanks the clicker only', async () => {
    await fake.deliver(
      'interactive',
      buttonClick({ actionId: actionIds.helpful, value: 'mill-bridge#4', responseUrl: fake.responseUrl('mark-1'), user: 'U0MARK' }),
    );
    await fake.deliver(
      'interactive',
      buttonClick({ actionId: actionIds.notHelpful, value: 'town-bakery#2', responseUrl: fake.responseUrl('mark-2'), user: 'U0MARK' }),
    );
    for (const id of ['mark-1', 'mark-2']) {
      const reply = await fake.responses.waitFor((r) => r.id === id, `the thanks for ${id}`);
      expect(reply.body).toMatchObject({ response_type: 'ephemeral', replace_original: false, text: 'Thanks — noted.' });
    }
    const marks = usage.filter((entry) => entry.kind === 'feedback').map(({ platform, helpful, cited }) => ({ platform, helpful, cited }));
    expect(marks).toEqual([
      { platform: 'slack', helpful: true, cited: { documentId: 'mill-bridge', paragraph: 4 } },
      { platform: 'slack', helpful: false, cited: { documentId: 'town-bakery', paragraph: 2 } },
    ]);
  });
});

describe('Slack: the admin channel and /corpus status', () => {
  it('posts a reload’s problems, shows them in /corpus status with since when and the kept file, then posts the recovery', async () => {
    const file = path.join(dir, 'lighthouse-keeper.md');
    const good = await readFile(file, 'utf8');
    expect((await bot.reload()).ok).toBe(true); // an ordinary reload: nothing to tell
    await writeFile(file, good.replace('published: 2026-01-15', 'published: 2026-13-40'));
    const rejected = await bot.reload();
    if (rejected.ok) throw new Error('the broken date was accepted');
    const alert = await fake.waitForPost((m) => m.channel === adminChannel, 'the problems in the admin channel');
    const [problem] = rejected.problems;
    const problemLine = `• ${problem?.file ?? ''}:${problem?.line ?? ''}: ${problem?.problem ?? ''}`;
    expect(problem?.file).toContain('lighthouse-keeper.md');
    expect(alert.text.split('\n').slice(0, 3)).toEqual([
      'Corpus reload found 1 problem:',
      expect.stringContaining(`${problemLine} (since `),
      'Still serving the last good version of: lighthouse-keeper.md.',
    ]);
    expect(alert.params).toMatchObject({ unfurl_links: 'false', unfurl_media: 'false', link_names: 'false' });
    expect(mrkdwnObjectsOf(alert.blocks).every((o) => o.verbatim === true)).toBe(true);

    await fake.deliver('slash_commands', slashCommand('/corpus', 'status', fake.responseUrl('status-1'), 'U0ADMIN'));
    const status = await fake.responses.waitFor((r) => r.id === 'status-1', 'the /corpus status reply');
    const since = bot.status().rejected[0]?.since ?? new Date(0);
    const [text] = textsOf(blocksOf(status.body));
    expect(text).toContain(
      `${problemLine} (since <!date^${Math.floor(since.getTime() / 1000)}^{date_short_pretty} {time}|${since.toISOString().slice(0, 16).replace('T', ' ')} UTC>)`,
    );
    expect(text).toContain('Still serving the last good version of: lighthouse-keeper.md.');
    expect(status.body['response_type']).toBe('ephemeral');

    await writeFile(file, good);
    expect((await bot.reload()).ok).toBe(true);
    const recovered = await fake.waitForPost((m) => m.channel === adminChannel, 'the recovery in the admin channel', 2);
    expect(recovered.text).toBe(
      `Corpus recovered: 5 documents (${bot.status().paragraphs} paragraphs) now served from ${dir}. The last reload's problems are gone.`,
    );
    expect((await bot.reload()).ok).toBe(true);
    expect(fake.posted().filter((m) => m.channel === adminChannel)).toHaveLength(2);
  });

  it('logs a post Slack refuses (the bot not invited) and keeps serving', async () => {
    const file = path.join(dir, 'mill-bridge.md');
    const good = await readFile(file, 'utf8');
    fake.failNext('chat.postMessage', { error: 'not_in_channel' });
    await writeFile(file, '');
    expect((await bot.reload()).ok).toBe(false);
    const failed = await log.waitFor((e) => e.code === 'slack.admin_alert_failed', 'the logged refusal');
    expect(String(failed.context['error'])).toContain('not_in_channel');
    expect(bot.status().keptLastGood).toEqual(['mill-bridge.md']);
    await writeFile(file, good);
    expect((await bot.reload()).ok).toBe(true);
    const recovered = await fake.waitForPost(
      (m) => m.channel === adminChannel && m.text.startsWith('Corpus recovered'),
      'the next recovery',
      2,
    );
    expect(recovered.text).toMatch(/^Corpus recovered: 5 documents/);
  });
});
