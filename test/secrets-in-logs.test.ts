import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { Storybot, type LogContext, type LogLevel } from '../src/index.js';
import { createLogger } from '../adapters/logging.js';
import { loadDiscordConfig } from '../adapters/discord/config.js';
import { startDiscord } from '../adapters/discord/start.js';
import { loadSlackConfig } from '../adapters/slack/config.js';
import { startSlack } from '../adapters/slack/start.js';
import { FakeDiscord } from './fakes/discord/fake-discord.js';
import { dataOf } from './fakes/discord/harness.js';
import { fakeLogger as discordLogger } from './fakes/discord/logger.js';
import { askInteraction, buttonInteraction, fakeIds, messagePayload } from './fakes/discord/payloads.js';
import { fakeBotCore } from './fakes/discord/ports.js';
import { waitFor } from './fakes/discord/wait.js';
import { breakableBot } from './fakes/slack/core.js';
import { FakeSlack } from './fakes/slack/fake-slack.js';
import { fakeLogger as slackLogger } from './fakes/slack/logger.js';
import { dmEvent, mentionEvent, slashCommand } from './fakes/slack/payloads.js';
import { postSigned } from './fakes/slack/signing.js';

// Hardening: tokens and signing secrets never appear in any log line. Every secret here is fake and
// shares one distinctive part, so even a partly redacted secret is caught.
const marker = 'SECRET-7f3a';
const fake = {
  discordToken: `fake.discord.token.${marker}`,
  refusedDiscordToken: `fake.discord.refused.${marker}`,
  botToken: `xoxb-fake-${marker}`,
  refusedBotToken: `xoxb-fake-refused-${marker}`,
  appToken: `xapp-fake-${marker}`,
  signingSecret: `fake-signing-${marker}`,
};
const secrets = [...Object.values(fake), marker];

type Entry = { readonly level: LogLevel; readonly message: string; readonly code: string; readonly context: LogContext };

/** JSON of everything reachable: errors with all own properties (message, stack, cause, data…), iterables expanded. */
function deepJson(value: unknown): string {
  const seen = new WeakSet<object>();
  return JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v === 'bigint') return v.toString();
    if (typeof v !== 'object' || v === null) return v;
    if (seen.has(v)) return '[Circular]';
    seen.add(v);
    if (v instanceof Error)
      return {
        name: v.name,
        ...Object.fromEntries(Object.getOwnPropertyNames(v).map((k) => [k, (v as unknown as Record<string, unknown>)[k]])),
      };
    if (!Array.isArray(v) && Symbol.iterator in v) return [...(v as Iterable<unknown>)];
    return v;
  });
}

/** Each way an entry can be seen: the production JSON and terminal (pino-pretty) lines, a deep JSON, and util.inspect. */
function renderings(entry: Entry): string[] {
  const lines: string[] = [];
  for (const pretty of [false, true])
    createLogger({ level: 'debug', pretty, color: false, destination: { write: (line: string) => lines.push(line) } })(
      entry.level,
      entry.message,
      entry.code,
      entry.context,
    );
  return [...lines, deepJson(entry), inspect(entry, { depth: 12, showHidden: true, breakLength: Infinity })];
}

/** Every (entry, secret) pair where the secret shows in some rendering of the entry; empty means no leak. */
function leaks(entries: readonly Entry[]): string[] {
  return entries.flatMap((entry, i) => {
    const text = renderings(entry).join('\n');
    return secrets.filter((secret) => text.includes(secret)).map((secret) => `#${i} ${entry.code}: ${secret}`);
  });
}

/** A thrown start-up error as the log entry an operator would see (an uncaught error is printed with util.inspect). */
const asEntry = (error: unknown): Entry => ({
  level: 'error',
  message: error instanceof Error ? error.message : String(error),
  code: 'start.failed',
  context: { error },
});

const story = await Storybot.load('corpus');
const question = "Who's Mexico's security chief?";

describe('the leak check itself', () => {
  it('reports a secret wherever it hides in an entry', () => {
    const withCause = new Error('login failed', { cause: new Error(`401 for ${fake.discordToken}`) });
    const withData = Object.assign(new Error('an API error'), { data: { headers: { authorization: `Bearer ${fake.botToken}` } } });
    const planted: Entry[] = [
      { level: 'info', message: `token ${fake.appToken}`, code: 'plant.message', context: {} },
      { level: 'warn', message: 'quiet', code: `plant.${marker}`, context: {} },
      { level: 'debug', message: 'quiet', code: 'plant.nested', context: { request: { options: [{ secret: fake.signingSecret }] } } },
      { level: 'error', message: 'quiet', code: 'plant.cause', context: { error: withCause } },
      { level: 'error', message: 'quiet', code: 'plant.data', context: { error: withData } },
      { level: 'error', message: 'quiet', code: 'plant.map', context: { headers: new Map([['authorization', fake.refusedBotToken]]) } },
    ];
    for (const entry of planted) expect(leaks([entry]), entry.code).toContainEqual(expect.stringContaining(marker));
    expect(leaks([{ level: 'info', message: 'clean', code: 'clean', context: { token: '[redacted]' } }])).toEqual([]);
  });
});

describe('Discord logs', () => {
  it('never hold the token through answering, a click, a core failure, a gateway drop and stop', async () => {
    const discord = await FakeDiscord.start({ token: fake.discordToken, heartbeatIntervalMs: 200 });
    const logger = discordLogger();
    const core = breakableBot(story);
    const config = loadDiscordConfig({
      DISCORD_TOKEN: fake.discordToken,
      DISCORD_APPLICATION_ID: fakeIds.application,
      DISCORD_API_URL: discord.apiUrl,
      LOG_LEVEL: 'debug',
    });
    const adapter = await startDiscord({ config, bot: core, logger });
    const firstResponse = (token: string) => waitFor('a response to the interaction', () => discord.responsesTo(token)[0]);
    const ask = async (userId: string) => dataOf(await firstResponse(discord.interact(askInteraction(question, { userId }))));
    try {
      const answer = await ask('400000000000000901');
      const button = (answer['components'] as { components: { label: string; custom_id: string }[] }[])
        .flatMap((row) => row.components)
        .find((b) => b.label === 'Full paragraph');
      const clicked = await firstResponse(
        discord.interact(buttonInteraction(button?.custom_id ?? 'missing', messagePayload(answer, fakeIds.guildChannel))),
      );
      expect(JSON.stringify(dataOf(clicked))).toContain('Omar García Harfuch');
      core.failNextAsk(new Error('index missing at /srv/storybot/index'));
      expect(await ask('400000000000000902')).toMatchObject({ content: 'Sorry, something went wrong. Please try again later.' });
      const connections = discord.gateway.connections;
      discord.gateway.drop(4000);
      await waitFor('the client to reconnect', () => discord.gateway.connections > connections && discord.gateway.isReady);
      expect(JSON.stringify(await ask('400000000000000903'))).toContain('Omar García Harfuch');
    } finally {
      await adapter.stop();
      await discord.close();
    }
    expect(discord.rejected).toEqual([]);
    const codes = logger.entries.map((e) => e.code);
    for (const code of [
      'discord.ready',
      'discord.interaction.failed',
      'discord.gateway.reconnecting',
      'discord.gateway.resumed',
      'discord.stopped',
    ])
      expect(codes).toContain(code);
    expect(leaks(logger.entries)).toEqual([]);
  });

  it('never hold a token the stand-in refuses, nor does the thrown error', async () => {
    const discord = await FakeDiscord.start({ token: fake.discordToken });
    const logger = discordLogger();
    try {
      const config = loadDiscordConfig({
        DISCORD_TOKEN: fake.refusedDiscordToken,
        DISCORD_APPLICATION_ID: fakeIds.application,
        DISCORD_API_URL: discord.apiUrl,
      });
      const error: unknown = await startDiscord({ config, bot: fakeBotCore(), logger }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(String(error)).toContain('An invalid token was provided.');
      expect(leaks([...logger.entries, asEntry(error)])).toEqual([]);
    } finally {
      await discord.close();
    }
  });
});

describe('Slack logs in Socket Mode', () => {
  it('never hold the bot or app token through a mention, /ask, a failing API call and stop', async () => {
    const slack = await FakeSlack.start();
    const { logger, log } = slackLogger();
    const env = { SLACK_BOT_TOKEN: fake.botToken, SLACK_APP_TOKEN: fake.appToken, SLACK_API_URL: slack.apiUrl, LOG_LEVEL: 'debug' };
    const adapter = await startSlack({ config: loadSlackConfig(env), bot: breakableBot(story), logger });
    try {
      expect(slack.calls.filter((c) => c.method === 'auth.test')[0]?.token).toBe(fake.botToken);
      expect(slack.calls.filter((c) => c.method === 'apps.connections.open')[0]?.token).toBe(fake.appToken);
      const mention = mentionEvent({ text: question, user: 'U0LEAKMENTION' });
      await slack.deliver('events_api', mention);
      await slack.waitForPost((m) => m.threadTs === (mention['event'] as { ts: string }).ts, 'the threaded answer');
      await slack.deliver('slash_commands', slashCommand('/ask', question, slack.responseUrl('leak-ask'), 'U0LEAKASK'));
      await slack.responses.waitFor((r) => r.id === 'leak-ask', 'the /ask answer');
      slack.failNext('chat.postMessage', { error: 'channel_not_found' });
      slack.failNext('chat.postMessage', { error: 'channel_not_found' });
      await slack.deliver('events_api', dmEvent({ text: question, user: 'U0LEAKGONE', channel: 'D0LEAKGONE' }));
      await log.waitFor((e) => e.code === 'slack.reply_failed', 'the logged API failure');
    } finally {
      await adapter.stop();
      await slack.close();
    }
    const codes = log.entries.map((e) => e.code);
    for (const code of ['slack.bolt', 'slack.started', 'slack.reply_failed', 'slack.stopped']) expect(codes).toContain(code);
    expect(leaks(log.entries)).toEqual([]);
  });

  it('never hold a bot token Slack refuses at start, nor does the thrown error', async () => {
    const slack = await FakeSlack.start();
    const { logger, log } = slackLogger();
    try {
      slack.failNext('auth.test', { error: 'invalid_auth' });
      const env = {
        SLACK_BOT_TOKEN: fake.refusedBotToken,
        SLACK_APP_TOKEN: fake.appToken,
        SLACK_API_URL: slack.apiUrl,
        LOG_LEVEL: 'debug',
      };
      const error: unknown = await startSlack({ config: loadSlackConfig(env), bot: story, logger }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(String(error)).toContain('SLACK_BOT_TOKEN: Slack rejected the bot token (auth.test: invalid_auth)');
      expect(slack.calls.filter((c) => c.method === 'auth.test')[0]?.token).toBe(fake.refusedBotToken);
      expect(leaks([...log.entries, asEntry(error)])).toEqual([]);
    } finally {
      await slack.close();
    }
  });
});

describe('Slack logs in HTTP mode', () => {
  it('never hold the signing secret or bot token, for a signed request or a forged one', async () => {
    const slack = await FakeSlack.start();
    const { logger, log } = slackLogger();
    const env = {
      SLACK_BOT_TOKEN: fake.botToken,
      SLACK_SIGNING_SECRET: fake.signingSecret,
      PORT: '0',
      SLACK_API_URL: slack.apiUrl,
      LOG_LEVEL: 'debug',
    };
    const adapter = await startSlack({ config: loadSlackConfig(env), bot: story, logger });
    try {
      const started = await log.waitFor((e) => e.code === 'slack.started', 'the start');
      const url = `http://127.0.0.1:${String(started.context['port'])}/slack/events`;
      const signed = mentionEvent({ text: question, user: 'U0LEAKSIGNED' });
      expect((await postSigned(url, JSON.stringify(signed), 'application/json', fake.signingSecret)).status).toBe(200);
      await slack.waitForPost((m) => m.threadTs === (signed['event'] as { ts: string }).ts, 'the answer to the signed request');
      const forged = mentionEvent({ text: question, user: 'U0LEAKFORGED' });
      expect((await postSigned(url, JSON.stringify(forged), 'application/json', 'fake-not-the-secret')).status).toBe(401);
      const stale = Math.floor(Date.now() / 1000) - 10 * 60;
      expect((await postSigned(url, JSON.stringify(forged), 'application/json', fake.signingSecret, { timestamp: stale })).status).toBe(
        401,
      );
      expect(slack.posted().filter((m) => m.threadTs === (forged['event'] as { ts: string }).ts)).toHaveLength(0);
    } finally {
      await adapter.stop();
      await slack.close();
    }
    expect(log.entries.map((e) => e.code)).toContain('slack.stopped');
    expect(leaks(log.entries)).toEqual([]);
  });
});
