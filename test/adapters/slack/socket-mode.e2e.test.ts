import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Storybot } from '../../../src/index.js';
import { loadSlackConfig } from '../../../adapters/slack/config.js';
import { actionIds } from '../../../adapters/slack/render.js';
import { startSlack } from '../../../adapters/slack/start.js';
import { buttonsOf, mrkdwnObjectsOf, textsOf } from '../../fakes/slack/blocks.js';
import { breakableBot } from '../../fakes/slack/core.js';
import { FakeSlack } from '../../fakes/slack/fake-slack.js';
import { fakeLogger } from '../../fakes/slack/logger.js';
import { buttonClick, dmEvent, mentionEvent, nextTs, slashCommand } from '../../fakes/slack/payloads.js';

let fake: FakeSlack;
let bot: Storybot;
let core: ReturnType<typeof breakableBot>;
let slack: { stop(): Promise<void> };
const { logger, log } = fakeLogger();
const securityChief = "who is Mexico's security chief?";

beforeAll(async () => {
  fake = await FakeSlack.start();
  bot = await Storybot.load('corpus');
  const env = { SLACK_BOT_TOKEN: 'xoxb-fake', SLACK_APP_TOKEN: 'xapp-fake', SLACK_API_URL: fake.apiUrl, LOG_LEVEL: 'debug' };
  core = breakableBot(bot);
  slack = await startSlack({ config: loadSlackConfig(env), bot: core, logger });
});

afterAll(async () => {
  await slack.stop();
  await fake.close();
});

const tsOf = (payload: Record<string, unknown>) => (payload['event'] as { ts: string }).ts;

describe('Slack in Socket Mode', () => {
  it('connects with the app token and verifies the bot token at start', () => {
    expect(fake.calls.filter((c) => c.method === 'apps.connections.open')[0]?.token).toBe('xapp-fake');
    expect(fake.calls.filter((c) => c.method === 'auth.test')[0]?.token).toBe('xoxb-fake');
    expect(log.entries).toContainEqual(expect.objectContaining({ code: 'slack.started', context: { mode: 'socket', state: 'memory' } }));
  });

  it('answers a mention in a thread under the question, quoting and citing the story', async () => {
    const event = mentionEvent({ text: securityChief, user: 'U0MENTION' });
    const ack = await fake.deliver('events_api', event);
    expect(ack.envelope_id).toBeTruthy();
    const post = await fake.waitForPost((m) => m.threadTs === tsOf(event), 'the threaded answer');
    expect(post.channel).toBe('C0NEWS');
    expect(textsOf(post.blocks)).toContain(
      '“We have highly trained army units and special forces,” *Mexico’s security chief*, Omar García Harfuch, said in an interview last month. “What would they be needed for?” he added, referring to U.S. forces. “What we need is information.”',
    );
    expect(textsOf(post.blocks)).toContain(
      '*The U.S. Is Pressing Mexico to Allow U.S. Forces to Fight Cartels* · The New York Times · ¶23',
    );
    const cited = 'us-presses-mexico-on-cartels#23';
    expect(buttonsOf(post.blocks)).toEqual({
      [actionIds.moreSources]: securityChief,
      [actionIds.fullParagraph]: cited,
      [actionIds.helpful]: cited,
      [actionIds.notHelpful]: cited,
    });
    expect(post.text).toContain('Omar García Harfuch');
    expect(post.params).toMatchObject({ unfurl_links: 'false', unfurl_media: 'false' });
  });

  it('answers a mention made inside a thread in that thread', async () => {
    const threadTs = nextTs();
    const event = mentionEvent({ text: securityChief, user: 'U0THREAD', threadTs });
    await fake.deliver('events_api', event);
    const post = await fake.waitForPost((m) => m.threadTs === threadTs, 'the answer in the existing thread');
    expect(post.text).toContain('Harfuch');
  });

  it('answers a direct message in the DM, not in a thread', async () => {
    await fake.deliver('events_api', dmEvent({ text: securityChief, user: 'U0DM', channel: 'D0DM' }));
    const post = await fake.waitForPost((m) => m.channel === 'D0DM', 'the DM answer');
    expect(post.threadTs).toBeUndefined();
    expect(post.text).toContain('Harfuch');
  });

  it('declines kindly with the core’s suggestions when the story does not say', async () => {
    await fake.deliver('events_api', dmEvent({ text: "what's a good guacamole recipe?", user: 'U0DECLINE', channel: 'D0DECLINE' }));
    const post = await fake.waitForPost((m) => m.channel === 'D0DECLINE', 'the decline');
    const [suggestion] = bot.ask('guacamole recipe').answered
      ? []
      : (bot.ask('guacamole recipe') as { suggestions: readonly string[] }).suggestions;
    expect(textsOf(post.blocks)[0]).toMatch(
      /^Sorry, the story doesn't say\. I only answer with the story's own words\.\nYou could ask:\n• /,
    );
    expect(textsOf(post.blocks)[0]).toContain(`• ${suggestion ?? ''}`);
  });

  it('answers /ask privately with a Share button, and sharing posts it for everyone', async () => {
    const ack = await fake.deliver('slash_commands', slashCommand('/ask', securityChief, fake.responseUrl('ask-1'), 'U0SLASH'));
    expect(ack.payload ?? {}).toEqual({});
    const reply = await fake.responses.waitFor((r) => r.id === 'ask-1', 'the ephemeral /ask answer');
    expect(reply.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    const share = buttonsOf(reply.body['blocks'] as unknown[])[actionIds.share];
    expect(share).toBe(securityChief);
    await fake.deliver(
      'interactive',
      buttonClick({
        actionId: actionIds.share,
        value: share ?? '',
        responseUrl: fake.responseUrl('share-1'),
        user: 'U0SLASH',
        isEphemeral: true,
      }),
    );
    const shared = await fake.responses.waitFor((r) => r.id === 'share-1' && r.body['response_type'] === 'in_channel', 'the shared answer');
    expect(textsOf(shared.body['blocks'] as unknown[]).slice(0, 2)).toEqual(['<@U0SLASH> asked:', securityChief]);
    expect(buttonsOf(shared.body['blocks'] as unknown[])[actionIds.share]).toBeUndefined();
    await fake.responses.waitFor((r) => r.id === 'share-1' && r.body['delete_original'] === true, 'the ephemeral copy deleted');
  });

  it('shows the other sources and the full paragraph to the clicker only, in the thread', async () => {
    const threadTs = nextTs();
    await fake.deliver(
      'interactive',
      buttonClick({ actionId: actionIds.moreSources, value: securityChief, responseUrl: fake.responseUrl('more-1'), threadTs }),
    );
    const more = await fake.responses.waitFor((r) => r.id === 'more-1', 'More sources');
    expect(more.body).toMatchObject({ response_type: 'ephemeral', replace_original: false, thread_ts: threadTs });
    expect(textsOf(more.body['blocks'] as unknown[])[0]).toMatch(/^\*More from the story\* \(\d\)$/);
    await fake.deliver(
      'interactive',
      buttonClick({ actionId: actionIds.fullParagraph, value: 'us-presses-mexico-on-cartels#23', responseUrl: fake.responseUrl('para-1') }),
    );
    const paragraph = await fake.responses.waitFor((r) => r.id === 'para-1', 'Full paragraph');
    expect(textsOf(paragraph.body['blocks'] as unknown[])).toEqual([
      escape(bot.paragraph('us-presses-mexico-on-cartels', 23)?.text ?? 'missing'),
      '*The U.S. Is Pressing Mexico to Allow U.S. Forces to Fight Cartels* · The New York Times · ¶23',
    ]);
  });

  it('cannot be made to mention or link anything through the question', async () => {
    const attack =
      'who is the security chief <!channel> <!here|here> <@U0VICTIM> <#C0SECRET|secret> <https://evil.example|prize> &lt;!everyone&gt;';
    await fake.deliver('slash_commands', slashCommand('/ask', attack, fake.responseUrl('attack-1'), 'U0ATTACK'));
    const reply = await fake.responses.waitFor((r) => r.id === 'attack-1', 'the answer to the attack');
    const share = buttonsOf(reply.body['blocks'] as unknown[])[actionIds.share] ?? '';
    await fake.deliver(
      'interactive',
      buttonClick({ actionId: actionIds.share, value: share, responseUrl: fake.responseUrl('attack-2'), user: 'U0ATTACK' }),
    );
    const shared = await fake.responses.waitFor(
      (r) => r.id === 'attack-2' && r.body['response_type'] === 'in_channel',
      'the shared attack',
    );
    const objects = mrkdwnObjectsOf(shared.body['blocks'] as unknown[]);
    expect(objects.every((o) => o.verbatim === true)).toBe(true);
    // The question itself is a plain_text element since it is the member's own text: every text counts.
    const visible = textsOf(shared.body['blocks'] as unknown[])
      .join('\n')
      .replace('<@U0ATTACK>', '');
    expect(visible).not.toMatch(/[<>]/);
    expect(visible).toContain('&lt;!everyone&gt;');
  });

  it('tells a member who floods the bot when to try again', async () => {
    for (let i = 1; i <= 6; i += 1)
      await fake.deliver('events_api', dmEvent({ text: `${securityChief} (${i})`, user: 'U0FLOOD', channel: 'D0FLOOD' }));
    const note = await fake.waitForPost((m) => m.channel === 'D0FLOOD' && m.text.includes('try again in'), 'the flood note');
    expect(note.text).toMatch(/^You're asking faster than I can keep up\. Please try again in (2[0-9]|30) seconds\.$/);
    await fake.waitForPost((m) => m.channel === 'D0FLOOD', 'all six replies', 6);
    expect(fake.posted().filter((m) => m.channel === 'D0FLOOD' && m.text.includes('Harfuch'))).toHaveLength(5);
  });

  it('apologises and logs the detail when the core fails', async () => {
    core.failNextAsk(new Error('index missing at /srv/storybot/index'));
    await fake.deliver('events_api', dmEvent({ text: securityChief, user: 'U0FAIL', channel: 'D0FAIL' }));
    const post = await fake.waitForPost((m) => m.channel === 'D0FAIL', 'the apology');
    expect(post.text).toBe('Sorry, something went wrong. Please try again later.');
    const entry = await log.waitFor((e) => e.code === 'slack.handler_failed' && e.context['userId'] === 'U0FAIL', 'the logged failure');
    expect(String(entry.context['error'])).toContain('/srv/storybot/index');
  });

  it('answers an event once when Slack delivers it again', async () => {
    const event = mentionEvent({ text: securityChief, user: 'U0RETRY' });
    await fake.deliver('events_api', event);
    await fake.waitForPost((m) => m.threadTs === tsOf(event), 'the first answer');
    await fake.deliver('events_api', event, { attempt: 1, reason: 'timeout' });
    await fake.deliver('events_api', { ...event, event_id: 'Ev0OTHERID' }, { attempt: 2, reason: 'connection_failed' });
    await barrier('U0AFTERRETRY');
    expect(fake.posted().filter((m) => m.threadTs === tsOf(event))).toHaveLength(1);
  });

  it('answers a message once when it arrives both as a mention and as a DM', async () => {
    const ts = nextTs();
    await fake.deliver('events_api', mentionEvent({ text: securityChief, user: 'U0TWICE', channel: 'D0TWICE', ts }));
    await fake.deliver('events_api', dmEvent({ text: securityChief, user: 'U0TWICE', channel: 'D0TWICE', ts }));
    await fake.waitForPost((m) => m.channel === 'D0TWICE', 'the answer');
    await barrier('U0AFTERTWICE');
    expect(fake.posted().filter((m) => m.channel === 'D0TWICE')).toHaveLength(1);
  });

  it('ignores messages from bots (its own answers included) and edits in DMs', async () => {
    const fromBot = dmEvent({ text: securityChief, user: 'U0OTHERBOT', channel: 'D0BOTS' });
    (fromBot['event'] as Record<string, unknown>)['bot_id'] = 'B0OTHER';
    const edit = dmEvent({ text: securityChief, user: 'U0EDITOR', channel: 'D0BOTS' });
    (edit['event'] as Record<string, unknown>)['subtype'] = 'message_changed';
    await fake.deliver('events_api', fromBot);
    await fake.deliver('events_api', edit);
    await barrier('U0AFTERBOTS');
    expect(fake.posted().filter((m) => m.channel === 'D0BOTS')).toHaveLength(0);
  });

  it('retries a rate-limited Slack call and still answers', async () => {
    fake.failNext('chat.postMessage', { status: 429, retryAfter: 0 });
    await fake.deliver('events_api', dmEvent({ text: securityChief, user: 'U0LIMITED', channel: 'D0LIMITED' }));
    const retried = await fake.waitForPost((m) => m.channel === 'D0LIMITED', 'the answer retried after the 429', 2);
    expect(retried.text).toContain('Harfuch');
    await log.waitFor((e) => e.code === 'slack.bolt' && e.message.includes('rate limiting'), 'the logged rate limit');
  });

  it('logs a Slack API error it cannot get past', async () => {
    fake.failNext('chat.postMessage', { error: 'channel_not_found' });
    fake.failNext('chat.postMessage', { error: 'channel_not_found' });
    await fake.deliver('events_api', dmEvent({ text: securityChief, user: 'U0GONE', channel: 'D0GONE' }));
    const failed = await log.waitFor((e) => e.code === 'slack.reply_failed' && e.context['userId'] === 'U0GONE', 'the logged API failure');
    expect(String(failed.context['error'])).toContain('channel_not_found');
    expect(JSON.stringify(log.entries)).not.toContain('xoxb-fake');
    expect(JSON.stringify(log.entries)).not.toContain('xapp-fake');
  });

  it('reconnects after the socket drops and answers again', async () => {
    const before = fake.sockets.entries.length;
    fake.dropConnection();
    await fake.sockets.waitFor(() => true, 'a new Socket Mode connection', { count: before + 1, timeoutMs: 15_000 });
    await fake.deliver('events_api', dmEvent({ text: securityChief, user: 'U0AGAIN', channel: 'D0AGAIN' }));
    const post = await fake.waitForPost((m) => m.channel === 'D0AGAIN', 'the answer after reconnecting');
    expect(post.text).toContain('Harfuch');
  });
});

/** Asks in a fresh DM and waits for its answer: anything delivered before it has been handled by then. */
async function barrier(user: string): Promise<void> {
  await fake.deliver('events_api', dmEvent({ text: securityChief, user, channel: `D${user}` }));
  await fake.waitForPost((m) => m.channel === `D${user}`, `the barrier answer for ${user}`);
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
