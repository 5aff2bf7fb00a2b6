import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll } from 'vitest';
import { Storybot } from '../../../src/index.js';
import { loadSlackConfig } from '../../../adapters/slack/config.js';
import { startSlack } from '../../../adapters/slack/start.js';
import { FakeSlack, type ApiCall } from './fake-slack.js';
import { fakeLogger, withoutBoltDebug } from './logger.js';
import { dmEvent, mentionEvent, slashCommand } from './payloads.js';

/** The Slack stand-in and the real bot (Bolt in Socket Mode, over the bundled story), for a load test. */
export type LoadRig = { readonly fake: FakeSlack; readonly log: ReturnType<typeof fakeLogger>['log']; stop(): Promise<void> };

/** Starts a rig before the file's tests and stops it after them; call the result inside a test. */
export function useLoadRig(): () => LoadRig {
  let rig: LoadRig | undefined;
  beforeAll(async () => {
    rig = await startLoadRig();
  });
  afterAll(async () => {
    await rig?.stop();
  });
  return () => {
    if (rig === undefined) throw new Error('the load rig has not started');
    return rig;
  };
}

/** Starts the stand-in and the bot against it; the log keeps everything but Bolt's debug lines. */
export async function startLoadRig(): Promise<LoadRig> {
  const fake = await FakeSlack.start();
  const { logger, log } = fakeLogger(withoutBoltDebug);
  const env = { SLACK_BOT_TOKEN: 'xoxb-fake', SLACK_APP_TOKEN: 'xapp-fake', SLACK_API_URL: fake.apiUrl };
  const slack = await startSlack({ config: loadSlackConfig(env), bot: await Storybot.load('corpus'), logger });
  return {
    fake,
    log,
    async stop() {
      await slack.stop();
      await fake.close();
    },
  };
}

/** One question of a load, and how to find its answer among what the stand-in recorded. */
export type LoadQuestion =
  | { readonly via: 'mention' | 'dm'; readonly user: string; readonly payload: object; readonly channel: string }
  | { readonly via: 'command'; readonly user: string; readonly payload: Record<string, string>; readonly responseId: string };

/** Questions the story answers, asked in turn. */
const texts = [
  "who is Mexico's security chief?",
  'How long is the border with Mexico?',
  'Who trained the Mexican units?',
  'What does Sheinbaum say about U.S. troops?',
];

/**
 * `count` questions from `count` different members (so the flood limit lets each through), each in its
 * own channel or DM, cycling through mentions, DMs and `/ask` as `kinds` says. `tag` keeps users,
 * channels and response_urls apart between loads.
 */
export function makeLoad(
  fake: FakeSlack,
  tag: string,
  count: number,
  kinds: readonly LoadQuestion['via'][] = ['mention', 'dm', 'command'],
): LoadQuestion[] {
  return Array.from({ length: count }, (_, i) => {
    const user = `U0${tag}${i}`.toUpperCase();
    const text = texts[i % texts.length] ?? '';
    const via = kinds[i % kinds.length] ?? 'mention';
    if (via === 'command')
      return { via, user, responseId: `${tag}-${i}`, payload: slashCommand('/ask', text, fake.responseUrl(`${tag}-${i}`), user) };
    const channel = via === 'dm' ? `D${user}` : `C${user}`;
    return { via, user, channel, payload: via === 'dm' ? dmEvent({ text, user, channel }) : mentionEvent({ text, user, channel }) };
  });
}

/** Sends every question of a load at once, without waiting for any ack. */
export function sendLoad(fake: FakeSlack, load: readonly LoadQuestion[]): void {
  for (const question of load) fake.send(question.via === 'command' ? 'slash_commands' : 'events_api', question.payload);
}

/** How many answers each question of a load got so far: chat.postMessage calls that went through, or response_url posts. */
export function answersPerQuestion(fake: FakeSlack, load: readonly LoadQuestion[]): number[] {
  const counts = new Map<string, number>();
  const count = (key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);
  for (const call of fake.calls.entries) if (isPosted(call)) count(`post:${call.params['channel'] ?? ''}`);
  for (const response of fake.responses.entries) count(`response:${response.id}`);
  return load.map((q) => counts.get(q.via === 'command' ? `response:${q.responseId}` : `post:${q.channel}`) ?? 0);
}

/** Waits until every question of a load has at least one answer. */
export async function untilAnswered(fake: FakeSlack, load: readonly LoadQuestion[], timeoutMs = 60_000): Promise<void> {
  const channels = new Set(load.flatMap((q) => (q.via === 'command' ? [] : [q.channel])));
  const ids = new Set(load.flatMap((q) => (q.via === 'command' ? [q.responseId] : [])));
  const isAnswer = (call: ApiCall) => isPosted(call) && channels.has(call.params['channel'] ?? '');
  await Promise.all([
    channels.size === 0 ? undefined : fake.calls.waitFor(isAnswer, `${channels.size} answers posted`, { count: channels.size, timeoutMs }),
    ids.size === 0
      ? undefined
      : fake.responses.waitFor((r) => ids.has(r.id), `${ids.size} answers through response_urls`, { count: ids.size, timeoutMs }),
  ]);
}

const isPosted = (call: ApiCall) => call.method === 'chat.postMessage' && call.status === 200;

setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

/** The heap in use after two full garbage collections, in bytes. */
export function heapAfterGc(): number {
  collect();
  collect();
  return process.memoryUsage().heapUsed;
}
