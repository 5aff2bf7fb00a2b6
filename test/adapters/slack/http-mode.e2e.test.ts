import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Storybot } from '../../../src/index.js';
import { loadSlackConfig } from '../../../adapters/slack/config.js';
import { actionIds, slackLimits } from '../../../adapters/slack/render.js';
import { startSlack } from '../../../adapters/slack/start.js';
import { buttonsOf, textsOf } from '../../fakes/slack/blocks.js';
import { FakeSlack } from '../../fakes/slack/fake-slack.js';
import { fakeLogger } from '../../fakes/slack/logger.js';
import { buttonClick, dmEvent, mentionEvent, slashCommand } from '../../fakes/slack/payloads.js';
import { postSigned } from '../../fakes/slack/signing.js';

const secret = 'fake-signing-secret';
let fake: FakeSlack;
let slack: { stop(): Promise<void> };
let corpusDir: string;
let eventsUrl: string;
const { logger, log } = fakeLogger();

beforeAll(async () => {
  fake = await FakeSlack.start();
  corpusDir = await mkdtemp(join(tmpdir(), 'storybot-slack-'));
  await cp('test/fixtures/slack/corpus', corpusDir, { recursive: true });
  const env = {
    SLACK_BOT_TOKEN: 'xoxb-fake',
    SLACK_SIGNING_SECRET: secret,
    PORT: '0',
    SLACK_API_URL: fake.apiUrl,
    SLACK_ADMIN_USER_IDS: 'U0ADMIN',
  };
  slack = await startSlack({ config: loadSlackConfig(env), bot: await Storybot.load(corpusDir), logger });
  const started = await log.waitFor((e) => e.code === 'slack.started', 'the start');
  eventsUrl = `http://127.0.0.1:${String(started.context['port'])}/slack/events`;
});

afterAll(async () => {
  await slack.stop();
  await fake.close();
  await rm(corpusDir, { recursive: true, force: true });
});

const sendEvent = (payload: object, options: Parameters<typeof postSigned>[4] = {}) =>
  postSigned(eventsUrl, JSON.stringify(payload), 'application/json', secret, options);
const sendForm = (fields: Record<string, string>) =>
  postSigned(eventsUrl, new URLSearchParams(fields).toString(), 'application/x-www-form-urlencoded', secret);
const tsOf = (payload: Record<string, unknown>) => (payload['event'] as { ts: string }).ts;

async function barrier(user: string): Promise<void> {
  expect((await sendEvent(dmEvent({ text: 'Who is the lighthouse keeper?', user, channel: `D${user}` }))).status).toBe(200);
  await fake.waitForPost((m) => m.channel === `D${user}`, `the barrier answer for ${user}`);
}

describe('Slack in HTTP mode', () => {
  it('answers a signed mention in its thread', async () => {
    const event = mentionEvent({ text: 'When was the light first lit?', user: 'U0HTTP' });
    expect((await sendEvent(event)).status).toBe(200);
    const post = await fake.waitForPost((m) => m.threadTs === tsOf(event), 'the answer');
    expect(textsOf(post.blocks)[0]).toBe(
      'The *light* at Gull Point was *first lit* in 1871 by the harbor commission, which still owns the tower.',
    );
  });

  it('answers Slack’s url_verification challenge', async () => {
    const response = await sendEvent({ token: 'fake-verification-token', challenge: 'fake-challenge-123', type: 'url_verification' });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('fake-challenge-123');
  });

  it('rejects a request with a bad signature and answers nothing', async () => {
    const event = mentionEvent({ text: 'When was the light first lit?', user: 'U0FORGER' });
    const response = await postSigned(eventsUrl, JSON.stringify(event), 'application/json', 'not-the-secret');
    expect(response.status).toBe(401);
    await barrier('U0AFTERFORGE');
    expect(fake.posted().filter((m) => m.threadTs === tsOf(event))).toHaveLength(0);
  });

  it('rejects a correctly signed request with a stale timestamp', async () => {
    const event = mentionEvent({ text: 'When was the light first lit?', user: 'U0REPLAY' });
    const response = await sendEvent(event, { timestamp: Math.floor(Date.now() / 1000) - 10 * 60 });
    expect(response.status).toBe(401);
    await barrier('U0AFTERREPLAY');
    expect(fake.posted().filter((m) => m.threadTs === tsOf(event))).toHaveLength(0);
  });

  it('acknowledges a retry (X-Slack-Retry-Num) of an event already answered without answering again', async () => {
    const event = mentionEvent({ text: 'When was the light first lit?', user: 'U0RETRYHTTP' });
    expect((await sendEvent(event)).status).toBe(200);
    await fake.waitForPost((m) => m.threadTs === tsOf(event), 'the first answer');
    const retry = await sendEvent(event, { headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } });
    expect(retry.status).toBe(200);
    await barrier('U0AFTERRETRY');
    expect(fake.posted().filter((m) => m.threadTs === tsOf(event))).toHaveLength(1);
  });

  it('answers /ask through the response_url', async () => {
    const response = await sendForm(slashCommand('/ask', 'Who is the lighthouse keeper?', fake.responseUrl('http-ask'), 'U0HTTPASK'));
    expect(response.status).toBe(200);
    const reply = await fake.responses.waitFor((r) => r.id === 'http-ask', 'the /ask answer');
    expect(buttonsOf(reply.body['blocks'] as unknown[])[actionIds.share]).toBe('Who is the lighthouse keeper?');
  });

  it('escapes the story’s own markup and links the title safely', async () => {
    await sendEvent(dmEvent({ text: 'Who is the lighthouse keeper?', user: 'U0MARKUP', channel: 'D0MARKUP' }));
    const post = await fake.waitForPost((m) => m.channel === 'D0MARKUP', 'the answer with markup');
    expect(textsOf(post.blocks).slice(0, 2)).toEqual([
      'The *lighthouse keeper*, Ada Quill, has tended the Gull Point light for thirty years. &lt;!here&gt; &lt;@U0VICTIM&gt; &lt;https://evil.example|free prizes&gt; &amp; more, she joked.',
      '<https://example.com/news/lighthouse?a=1&amp;b=2|Keeper of the &lt;!channel&gt; Light | Harbor &amp; Sea> · The Harbor Gazette · ¶1',
    ]);
  });

  it('cuts a paragraph longer than a section at a sentence boundary', async () => {
    const click = buttonClick({
      actionId: actionIds.fullParagraph,
      value: 'gull-point-lighthouse#2',
      responseUrl: fake.responseUrl('http-para'),
    });
    expect((await sendForm({ payload: JSON.stringify(click) })).status).toBe(200);
    const reply = await fake.responses.waitFor((r) => r.id === 'http-para', 'the long paragraph');
    const [text = ''] = textsOf(reply.body['blocks'] as unknown[]);
    expect(text.length).toBeLessThanOrEqual(slackLimits.sectionText);
    expect(text.length).toBeGreaterThan(2_500);
    expect(text).toMatch(/the state of the great lamp\. …$/);
    expect(String(reply.body['text']).length).toBeLessThanOrEqual(slackLimits.fallbackText);
  });

  it('tells a member who is not an admin that /corpus is for admins', async () => {
    await sendForm(slashCommand('/corpus', 'status', fake.responseUrl('not-admin'), 'U0MEMBER'));
    const reply = await fake.responses.waitFor((r) => r.id === 'not-admin', 'the refusal');
    expect(reply.body['text']).toBe('Sorry, /corpus is for the bot’s admins. You can still ask questions with /ask.');
  });

  it('reports a bad file on /corpus reload, since when, and keeps serving the good ones', async () => {
    await sendForm(slashCommand('/corpus', 'status', fake.responseUrl('status-1'), 'U0ADMIN'));
    const status = await fake.responses.waitFor((r) => r.id === 'status-1', 'the status');
    expect(status.body['text']).toMatch(
      new RegExp(
        `^Serving 1 article \\(3 paragraphs, \\d+ passages\\) from ${corpusDir}, loaded \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC\\.$`,
      ),
    );
    await writeFile(join(corpusDir, 'broken.md'), '---\nsource: Nobody\n---\n\nNo title here.\n');
    await sendForm(slashCommand('/corpus', 'reload', fake.responseUrl('reload-1'), 'U0ADMIN'));
    const reload = await fake.responses.waitFor((r) => r.id === 'reload-1', 'the reload report');
    expect(reload.body['text']).toMatch(
      /^Reloaded, with 1 problem; bad files keep their last good version \(or stay out if they never had one\):\n• .*broken\.md.*title.* \(since \d{4}-\d\d-\d\d \d\d:\d\d UTC\)\nServing 1 article/,
    );
    await barrier('U0AFTERRELOAD');
  });
});

describe('Slack in HTTP mode, against forged and replayed requests', () => {
  const post = (body: string, contentType: string, options: Parameters<typeof postSigned>[4] = {}) =>
    postSigned(eventsUrl, body, contentType, secret, options);

  it.each([
    ['a JSON body of null', 'null', 'application/json'],
    ['a JSON array', '[1,2]', 'application/json'],
    ['a JSON string', '"event"', 'application/json'],
    ['a body that is not JSON', '{"type":', 'application/json'],
    ['a form whose payload is null', 'payload=null', 'application/x-www-form-urlencoded'],
    ['a form whose payload is a number', 'payload=7', 'application/x-www-form-urlencoded'],
    ['a form with two payloads', 'payload=%7B%7D&payload=%7B%7D', 'application/x-www-form-urlencoded'],
  ])('refuses a signed request with %s (400) and keeps serving', async (_what, body, contentType) => {
    expect((await post(body, contentType)).status).toBe(400);
    await barrier(`U0SHAPE${body.length}`);
  });

  it('refuses a correctly signed request whose timestamp is ten minutes in the future', async () => {
    const event = mentionEvent({ text: 'When was the light first lit?', user: 'U0FUTURE' });
    const response = await sendEvent(event, { timestamp: Math.floor(Date.now() / 1000) + 10 * 60 });
    expect(response.status).toBe(401);
    await barrier('U0AFTERFUTURE');
    expect(fake.posted().filter((m) => m.threadTs === tsOf(event))).toHaveLength(0);
  });

  it('answers a signed /ask once when it is replayed five times', async () => {
    const body = new URLSearchParams(slashCommand('/ask', 'Who is the lighthouse keeper?', fake.responseUrl('replayed-ask'), 'U0REPLAYER'));
    const timestamp = Math.floor(Date.now() / 1000);
    const statuses = [];
    for (let i = 0; i < 5; i += 1) statuses.push((await post(body.toString(), 'application/x-www-form-urlencoded', { timestamp })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    await barrier('U0AFTERREPLAYASK');
    expect(fake.responses.filter((r) => r.id === 'replayed-ask')).toHaveLength(1);
  });

  it('counts a Helpful click once when it is replayed fifty times', async () => {
    const click = buttonClick({
      actionId: actionIds.helpful,
      value: 'gull-point-lighthouse#1',
      responseUrl: fake.responseUrl('replayed-mark'),
    });
    const body = new URLSearchParams({ payload: JSON.stringify(click) }).toString();
    const timestamp = Math.floor(Date.now() / 1000);
    await Promise.all(Array.from({ length: 50 }, () => post(body, 'application/x-www-form-urlencoded', { timestamp })));
    await barrier('U0AFTERREPLAYMARK');
    expect(log.filter((e) => e.code === 'slack.feedback')).toHaveLength(1);
    expect(fake.responses.filter((r) => r.id === 'replayed-mark')).toHaveLength(1);
  });

  it('refuses a body over 1 MB with 413 and keeps serving', async () => {
    const response = await post(JSON.stringify({ type: 'event_callback', padding: 'x'.repeat(2 * 1024 * 1024) }), 'application/json');
    expect(response.status).toBe(413);
    await barrier('U0AFTERHUGE');
  });
});
