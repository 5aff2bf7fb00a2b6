import { createClient } from '@redis/client';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, Storybot } from '../../../src/index.js';
import { loadSlackConfig } from '../../../adapters/slack/config.js';
import { startSlack } from '../../../adapters/slack/start.js';
import { FakeSlack } from '../../fakes/slack/fake-slack.js';
import { signingSecret, startHttpInstance, type HttpInstance } from '../../fakes/slack/http-instance.js';
import { fakeLogger } from '../../fakes/slack/logger.js';
import { dmEvent, mentionEvent } from '../../fakes/slack/payloads.js';
import { redisSkipReason, startRedisServer, type RedisServer } from '../../fakes/slack/redis-server.js';

const question = 'When was the light first lit?';
const password = 'fake-redis-password-4f9c';
/** Slack retries a delivery that got no 2xx with these headers; `http_error` says the first one did reach some instance. */
const retry = { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_error' };
const bot = await Storybot.load('test/fixtures/slack/corpus');
const skipped = redisSkipReason === undefined ? '' : ` (skipped: ${redisSkipReason})`;
let fake: FakeSlack;

beforeAll(async () => {
  fake = await FakeSlack.start();
});

afterAll(async () => {
  await fake.close();
});

const tsOf = (payload: Record<string, unknown>) => (payload['event'] as { ts: string }).ts;
const answersIn = (thread: string) => fake.posted().filter((m) => m.threadTs === thread);

describe.skipIf(redisSkipReason !== undefined)(`two Slack instances in HTTP mode sharing one Redis${skipped}`, () => {
  let redis: RedisServer;
  let a: HttpInstance;
  let b: HttpInstance;

  beforeAll(async () => {
    redis = await startRedisServer({ password });
    [a, b] = await Promise.all([
      startHttpInstance(fake, bot, { REDIS_URL: redis.url, LOG_LEVEL: 'debug' }),
      startHttpInstance(fake, bot, { REDIS_URL: redis.url, LOG_LEVEL: 'debug' }),
    ]);
  });

  afterAll(async () => {
    /* eslint-disable @typescript-eslint/no-unnecessary-condition -- unset when beforeAll failed */
    await Promise.all([a?.stop(), b?.stop()]);
    await redis?.stop();
    /* eslint-enable @typescript-eslint/no-unnecessary-condition */
  });

  it('answers an event once when Slack retries it on the other instance', async () => {
    const event = mentionEvent({ text: question, user: 'U0RETRYAB' });
    expect((await a.send(event)).status).toBe(200);
    await fake.waitForPost((m) => m.threadTs === tsOf(event), 'the answer from A');
    // Slack signs each retry when it sends it, a moment later than the first delivery.
    expect((await b.send(event, retry, Math.floor(Date.now() / 1000) + 1)).status).toBe(200);
    await b.barrier('U0AFTERAB');
    expect(answersIn(tsOf(event))).toHaveLength(1);
    expect(b.log.entries).toContainEqual(
      expect.objectContaining({
        code: 'slack.duplicate_event',
        context: expect.objectContaining({ eventId: event.event_id, retryNum: 1 }),
      }),
    );
  });

  it('answers a signed request once when it is replayed on the other instance', async () => {
    const event = mentionEvent({ text: question, user: 'U0REPLAYAB' });
    const timestamp = Math.floor(Date.now() / 1000);
    expect((await a.send(event, {}, timestamp)).status).toBe(200);
    await fake.waitForPost((m) => m.threadTs === tsOf(event), 'the answer from A');
    expect((await b.send(event, {}, timestamp)).status).toBe(200);
    await b.barrier('U0AFTERREPLAYAB');
    expect(answersIn(tsOf(event))).toHaveLength(1);
    expect(b.log.entries).toContainEqual(expect.objectContaining({ code: 'slack.replayed_request' }));
  });

  it('answers each event once when both instances get it at the same moment', async () => {
    const events = Array.from({ length: 20 }, (_, i) => mentionEvent({ text: question, user: `U0RACE${i}` }));
    await Promise.all(events.flatMap((event) => [a.send(event), b.send(event, retry)]));
    await Promise.all(events.map((event) => fake.waitForPost((m) => m.threadTs === tsOf(event), `the answer to ${event.event_id}`)));
    await Promise.all([a.barrier('U0AFTERRACEA'), b.barrier('U0AFTERRACEB')]);
    expect(events.map((event) => answersIn(tsOf(event)).length)).toEqual(events.map(() => 1));
  });

  it('counts a member’s questions on both instances against one flood limit', async () => {
    for (let i = 1; i <= 6; i += 1) {
      await (i % 2 === 1 ? a : b).send(dmEvent({ text: `${question} (${i})`, user: 'U0FLOODAB', channel: 'D0FLOODAB' }));
      await fake.waitForPost((m) => m.channel === 'D0FLOODAB', `reply ${i}`, i);
    }
    const replies = fake.posted().filter((m) => m.channel === 'D0FLOODAB');
    expect(replies.filter((m) => m.text.includes('1871'))).toHaveLength(5);
    expect(replies.at(-1)?.text).toMatch(/^You're asking faster than I can keep up\. Please try again in (2[0-9]|30) seconds\.$/);
  });

  it('never writes the Redis password (or the URL holding it) to a log line', () => {
    const logged = JSON.stringify([...a.log.entries, ...b.log.entries]);
    expect(logged).toContain('slack.started');
    expect(logged).not.toContain(password);
  });

  it('refuses to start with a wrong Redis password, naming REDIS_URL but not the password', async () => {
    const env = {
      SLACK_BOT_TOKEN: 'xoxb-fake',
      SLACK_SIGNING_SECRET: signingSecret,
      PORT: '0',
      SLACK_API_URL: fake.apiUrl,
      REDIS_URL: redis.url.replace(password, 'fake-wrong-password'),
    };
    const started = startSlack({ config: loadSlackConfig(env), bot, logger: fakeLogger().logger });
    await expect(started).rejects.toThrow(ConfigError);
    await expect(started).rejects.toThrow(/^REDIS_URL: could not connect to Redis \(WRONGPASS/);
    await expect(started).rejects.not.toThrow(/fake-wrong-password/);
  });

  it('closes its Redis connection on stop', async () => {
    const admin = createClient({ url: redis.url });
    await admin.connect();
    const connected = async () => (await admin.clientList()).filter((client) => client.name === 'storybot-slack').length;
    const extra = await startHttpInstance(fake, bot, { REDIS_URL: redis.url });
    const before = await connected();
    await extra.stop();
    expect(await connected()).toBe(before - 1);
    await admin.close();
  });
});

describe('two Slack instances in HTTP mode without REDIS_URL (why the shared store exists)', () => {
  it('answer a retry that lands on the other instance a second time', async () => {
    const [a, b] = await Promise.all([startHttpInstance(fake, bot), startHttpInstance(fake, bot)]);
    try {
      const event = mentionEvent({ text: question, user: 'U0NOREDIS' });
      await a.send(event);
      await fake.waitForPost((m) => m.threadTs === tsOf(event), 'the answer from A');
      await b.send(event, retry);
      await fake.waitForPost((m) => m.threadTs === tsOf(event), 'the second answer, from B', 2);
      expect(answersIn(tsOf(event))).toHaveLength(2);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  });
});

describe.skipIf(redisSkipReason !== undefined)(`a Slack instance whose Redis goes away${skipped}`, () => {
  let redis: RedisServer;
  let c: HttpInstance;
  const ask = async (user: string) => {
    await c.send(dmEvent({ text: question, user, channel: `D${user}` }));
    return fake.waitForPost((m) => m.channel === `D${user}`, `the answer to ${user}`);
  };

  beforeEach(async () => {
    redis = await startRedisServer();
    c = await startHttpInstance(fake, bot, { REDIS_URL: redis.url });
  });

  afterEach(async () => {
    await redis.kill();
    await c.stop();
  });

  it('keeps answering from its own memory, warns once, and uses Redis again once it is back', async () => {
    {
      expect((await ask('U0BEFORE')).text).toContain('1871');
      await redis.kill();
      expect((await ask('U0DURING1')).text).toContain('1871');
      expect((await ask('U0DURING2')).text).toContain('1871');
      expect(c.log.filter((e) => e.code === 'slack.state_degraded').map((e) => e.level)).toEqual(['warn']);
      await redis.restart();
      await c.log.waitFor((e) => e.code === 'slack.redis_reconnected', 'the reconnection to Redis', { timeoutMs: 15_000 });
      expect((await ask('U0AFTER')).text).toContain('1871');
      expect(c.log.filter((e) => e.code === 'slack.state_restored')).toHaveLength(1);
      expect(c.log.filter((e) => e.level === 'error')).toEqual([]);
    }
  });

  it('answers without waiting on a Redis that stops answering (the command times out)', async () => {
    // Every client's commands wait for 30 seconds, ours included; the bot gives up on them after one.
    await redis.pause(30_000);
    expect((await ask('U0PAUSED1')).text).toContain('1871');
    // The next ones do not wait: the store knows Redis still owes it a reply.
    expect((await ask('U0PAUSED2')).text).toContain('1871');
    const degraded = c.log.filter((e) => e.code === 'slack.state_degraded');
    expect(degraded).toHaveLength(1);
    expect(String(degraded[0]?.context['error'])).toContain('Redis did not answer within 1000 ms');
  });
});
