import { cp, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Storybot, type UsageEntry } from '../../src/index.js';
import { actionIds, slackLimits } from '../../adapters/slack/render.js';
import { textsOf } from '../../test/fakes/slack/blocks.js';
import type { FakeSlack } from '../../test/fakes/slack/fake-slack.js';
import { signingSecret, startHttpInstance, type HttpInstance } from '../../test/fakes/slack/http-instance.js';
import { buttonClick, dmEvent, mentionEvent, slashCommand } from '../../test/fakes/slack/payloads.js';
import { redisServerPath, startRedisServer } from '../../test/fakes/slack/redis-server.js';
import { postSigned } from '../../test/fakes/slack/signing.js';
import { watchPauses } from '../../test/support/pause-probe.js';
import type { Counts } from './table.js';

/** One Slack instance in HTTP mode over a copy of the story, whose readers' marks are counted. */
export async function slackTarget(fake: FakeSlack, env: Record<string, string> = {}) {
  const dir = await mkdtemp(path.join(tmpdir(), 'chaos-slack-'));
  await cp('corpus', dir, { recursive: true });
  const marks: UsageEntry[] = [];
  const bot = await Storybot.load(dir, { usage: { record: (entry) => (entry.kind === 'feedback' ? marks.push(entry) : undefined) } });
  const slack = await startHttpInstance(fake, bot, env);
  if (process.env['CHAOS_VERBOSE'] !== undefined)
    process.on('exit', () => console.error(slack.log.entries.filter((e) => e.level !== 'debug' && e.level !== 'info')));
  const url = `http://127.0.0.1:${String((await slack.log.waitFor((e) => e.code === 'slack.started', 'the start')).context['port'])}/slack/events`;
  const post = (body: string, type: string, timestamp?: number) =>
    postSigned(url, body, type, signingSecret, timestamp === undefined ? {} : { timestamp });
  return { dir, bot, slack, marks, url, post };
}

/** Whether the instance still answers a fresh DM. */
async function stillAnswers(slack: HttpInstance, user: string): Promise<boolean> {
  return slack.barrier(user).then(
    () => true,
    () => false,
  );
}

const json = 'application/json';
const form = 'application/x-www-form-urlencoded';

/** Signed bodies Bolt would crash on or choke on, prototype keys, 10 MB, and an unsigned ssl_check with a payload. */
export async function malformedBodies(fake: FakeSlack): Promise<Counts> {
  const { slack, post, url } = await slackTarget(fake);
  const bodies: [string, string][] = [
    ['null', json],
    ['[]', json],
    ['"event"', json],
    ['7', json],
    ['{"type":', json],
    ['payload=null', form],
    ['payload=%5B%5D', form],
    ['payload=%7B&payload=%7B%7D', form],
    ['{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}},"type":"event_callback","event":null}', json],
    ['{"type":"event_callback","event":{"type":"app_mention","text":null,"user":null}}', json],
    [JSON.stringify({ type: 'event_callback', padding: 'x'.repeat(10 * 1024 * 1024) }), json],
  ];
  const statuses = [];
  const probe = watchPauses();
  for (const [body, type] of bodies) statuses.push((await post(body, type)).status);
  statuses.push((await fetch(url, { method: 'POST', headers: { 'content-type': form }, body: 'ssl_check=1&payload=null' })).status);
  const polluted = ({} as Record<string, unknown>)['polluted'] !== undefined;
  const alive = await stillAnswers(slack, 'U0CHAOSBODIES');
  const pauses = probe.stop();
  await slack.stop();
  return {
    pauses,
    requests: bodies.length + 1,
    crashes: alive ? 0 : 1,
    leaks: polluted ? 1 : 0,
    overLimit: 0,
    note: `null, arrays, bad JSON, payload=null, __proto__ keys, 10 MB: statuses ${[...new Set(statuses)].join('/')}; still answers`,
  };
}

/** Signed requests replayed, from the future, stale, or signed with the wrong secret. */
export async function replays(fake: FakeSlack): Promise<Counts> {
  const { slack, post, marks, url } = await slackTarget(fake);
  const now = Math.floor(Date.now() / 1000);
  const probe = watchPauses();
  const ask = new URLSearchParams(slashCommand('/ask', 'Who is Mexico’s security chief?', fake.responseUrl('chaos-replay'), 'U0CHAOS1'));
  for (let i = 0; i < 5; i += 1) await post(ask.toString(), form, now);
  const click = buttonClick({
    actionId: actionIds.helpful,
    value: 'us-presses-mexico-on-cartels#23',
    responseUrl: fake.responseUrl('chaos-mark'),
  });
  const mark = new URLSearchParams({ payload: JSON.stringify(click) }).toString();
  await Promise.all(Array.from({ length: 50 }, () => post(mark, form, now)));
  // Skews from the clock at the moment each is sent: one fixed at the start would shrink as the run goes
  // on, and a skew just past Slack's five minutes (+301 s) would be within them a second later.
  const skewed = [600, -600, 310].map((skew, i) => ({
    skew,
    event: mentionEvent({ text: 'Who trained the units?', user: `U0SKEW${i}` }),
  }));
  for (const { skew, event } of skewed) await post(JSON.stringify(event), json, Math.floor(Date.now() / 1000) + skew);
  const forged = Array.from({ length: 20 }, (_, i) => mentionEvent({ text: 'Who trained the units?', user: `U0FORGE${i}` }));
  const forgedHeaders = { 'content-type': json, 'x-slack-signature': `v0=${'0'.repeat(64)}`, 'x-slack-request-timestamp': String(now) };
  for (const event of forged) await fetch(url, { method: 'POST', headers: forgedHeaders, body: JSON.stringify(event) });
  await slack.barrier('U0CHAOSREPLAY');
  const pauses = probe.stop();
  const answers = fake.responses.filter((r) => r.id === 'chaos-replay').length;
  const threads = new Set([...skewed.map((s) => s.event), ...forged].map((e) => (e['event'] as { ts: string }).ts));
  const wrongly = fake.posted().filter((m) => m.threadTs !== undefined && threads.has(m.threadTs)).length;
  await slack.stop();
  return {
    pauses,
    requests: 5 + 50 + skewed.length + forged.length,
    crashes: 0,
    leaks: Math.max(0, answers - 1) + Math.max(0, marks.length - 1) + wrongly,
    overLimit: 0,
    note: `/ask ×5 → ${answers} answer; Helpful ×50 → ${marks.length} mark; ±10 min, stale, forged → ${wrongly} answered`,
  };
}

/** Front matter with a 5,000-character url and markup in the title, and an asker's formatting, shared in channel. */
export async function blockLimits(fake: FakeSlack): Promise<Counts> {
  const { dir, bot, slack, post } = await slackTarget(fake);
  const longUrl = `https://example.com/${'a&b'.repeat(1673)}`;
  await writeFile(
    path.join(dir, 'long-url.md'),
    `---\ntitle: "*Harbor* <!channel> & ~more~"\nurl: ${longUrl}\n---\n\nThe harbor pilots counted 412 ships in March.\n`,
  );
  await bot.reload();
  const question = '*bold* ~strike~ `code` _it_ how many ships did the harbor pilots count?';
  await post(new URLSearchParams(slashCommand('/ask', question, fake.responseUrl('chaos-limit'), 'U0CHAOSLIM')).toString(), form);
  const answer = await fake.responses.waitFor((r) => r.id === 'chaos-limit', 'the answer');
  const share = (answer.body['blocks'] as { elements?: { action_id?: string; value?: string }[] }[])
    .flatMap((b) => b.elements ?? [])
    .find((e) => e.action_id === actionIds.share);
  const click = buttonClick({
    actionId: actionIds.share,
    value: share?.value ?? '',
    responseUrl: fake.responseUrl('chaos-share'),
    user: 'U0CHAOSLIM',
  });
  await post(new URLSearchParams({ payload: JSON.stringify(click) }).toString(), form);
  const shared = await fake.responses.waitFor((r) => r.id === 'chaos-share' && r.body['response_type'] === 'in_channel', 'the share');
  const texts = [answer, shared].flatMap((r) => textsOf(r.body['blocks'] as unknown[]));
  const over = texts.filter((t) => t.length > slackLimits.sectionText).length;
  const formatted = JSON.stringify(shared.body['blocks']).includes('"type":"mrkdwn","text":"<@U0CHAOSLIM> asked: *bold*') ? 1 : 0;
  await slack.stop();
  return {
    requests: 2,
    crashes: 0,
    leaks: formatted,
    overLimit: over,
    note: `5,039-character url, markup in title and question: longest text ${Math.max(...texts.map((t) => t.length))} chars`,
  };
}

/** Questions in flight while the shared Redis is killed, then started again. */
export async function redisKilled(fake: FakeSlack): Promise<Counts> {
  if (redisServerPath === undefined)
    return { requests: 0, crashes: 0, leaks: 0, overLimit: 0, note: 'skipped: redis-server is not installed' };
  const redis = await startRedisServer();
  const { slack, post } = await slackTarget(fake, { REDIS_URL: redis.url });
  const events = Array.from({ length: 200 }, (_, i) =>
    dmEvent({ text: 'Who trained the Mexican units?', user: `U0REDIS${i}`, channel: `D0REDIS${i}` }),
  );
  const probe = watchPauses();
  const sent = events.map(async (event, i) => {
    if (i === 100) await redis.kill();
    await post(JSON.stringify(event), json);
  });
  await Promise.all(sent);
  const channels = new Set(events.map((_, i) => `D0REDIS${i}`));
  const isAnswer = (call: { method: string; params: Readonly<Record<string, string>> }) =>
    call.method === 'chat.postMessage' && channels.has(call.params['channel'] ?? '');
  await fake.calls.waitFor(isAnswer, 'every DM answered', { count: events.length, timeoutMs: 30_000 }).catch(() => undefined);
  // Starting redis-server again forks this process: that pause is the harness's, not the bot's.
  const pauses = probe.stop();
  await redis.restart();
  const answers = fake.calls.filter(isAnswer);
  const answered = new Set(answers.map((call) => call.params['channel'])).size;
  const twice = answers.length - answered;
  await slack.stop();
  await redis.stop();
  const missing = events.length - answered;
  return {
    pauses,
    requests: events.length,
    crashes: missing,
    leaks: twice,
    overLimit: 0,
    note: `Redis killed after 100 of 200 DMs: ${missing} unanswered, ${twice} answered twice`,
  };
}
