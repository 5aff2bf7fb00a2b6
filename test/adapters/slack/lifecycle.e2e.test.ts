import { createServer } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { ConfigError, Storybot, UnreachableError } from '../../../src/index.js';
import { loadSlackConfig } from '../../../adapters/slack/config.js';
import { startSlack } from '../../../adapters/slack/start.js';
import { FakeSlack } from '../../fakes/slack/fake-slack.js';
import { breakableBot } from '../../fakes/slack/core.js';
import { fakeLogger } from '../../fakes/slack/logger.js';
import { closedPort } from '../../support/builders.js';

let fake: FakeSlack;
const bot = await Storybot.load('corpus');

beforeEach(async () => {
  fake = await FakeSlack.start();
});

afterEach(async () => {
  await fake.close();
});

const socketEnv = () => ({ SLACK_BOT_TOKEN: 'xoxb-fake', SLACK_APP_TOKEN: 'xapp-fake', SLACK_API_URL: fake.apiUrl });
const socketConfig = () => loadSlackConfig(socketEnv());

describe('startSlack and stop', () => {
  it('closes the Socket Mode connection normally on stop and does not reconnect', async () => {
    const { logger, log } = fakeLogger();
    const slack = await startSlack({ config: socketConfig(), bot, logger });
    expect(fake.sockets.entries).toHaveLength(1);
    await slack.stop();
    // stop() waits for the close handshake, so Slack's side has already seen the close frame.
    expect(fake.sockets.entries[0]?.readyState).not.toBe(WebSocket.OPEN);
    expect(await fake.closes.waitFor(() => true, 'the socket closed')).toBe(1000);
    expect(log.entries).toContainEqual(expect.objectContaining({ code: 'slack.stopped' }));
    expect(fake.calls.filter((c) => c.method === 'apps.connections.open')).toHaveLength(1);
  });

  it('listens to reloads only with an admin channel, and stops listening on stop', async () => {
    const { logger } = fakeLogger();
    const core = breakableBot(bot);
    const withChannel = await startSlack({
      config: loadSlackConfig({ ...socketEnv(), SLACK_ADMIN_CHANNEL_ID: 'C0ADMINS' }),
      bot: core,
      logger,
    });
    expect(core.reloadListeners()).toBe(1);
    await withChannel.stop();
    expect(core.reloadListeners()).toBe(0);
    const without = await startSlack({ config: socketConfig(), bot: core, logger });
    expect(core.reloadListeners()).toBe(0);
    await without.stop();
  });

  it('frees the HTTP port on stop', async () => {
    const { logger, log } = fakeLogger();
    const config = loadSlackConfig({
      SLACK_BOT_TOKEN: 'xoxb-fake',
      SLACK_SIGNING_SECRET: 'fake-signing-secret',
      PORT: '0',
      SLACK_API_URL: fake.apiUrl,
    });
    const slack = await startSlack({ config, bot, logger });
    const port = Number((await log.waitFor((e) => e.code === 'slack.started', 'the start')).context['port']);
    expect(port).toBeGreaterThan(0);
    await slack.stop();
    await expect(fetch(`http://127.0.0.1:${port}/slack/events`, { method: 'POST', body: '{}' })).rejects.toThrow();
  });

  it('fails with a ConfigError naming SLACK_BOT_TOKEN when Slack rejects the token', async () => {
    fake.failNext('auth.test', { error: 'invalid_auth' });
    const { logger } = fakeLogger();
    const started = startSlack({ config: socketConfig(), bot, logger });
    await expect(started).rejects.toThrow(ConfigError);
    await expect(started).rejects.toThrow('SLACK_BOT_TOKEN: Slack rejected the bot token (auth.test: invalid_auth)');
    expect(fake.sockets.entries).toHaveLength(0);
    expect(fake.calls.filter((c) => c.method === 'auth.test')).toHaveLength(1);
  });

  it('fails with a ConfigError naming REDIS_URL when Redis cannot be reached, before connecting to Slack', async () => {
    const { logger } = fakeLogger();
    // Nothing listens on port 1 of the loopback interface.
    const started = startSlack({ config: loadSlackConfig({ ...socketEnv(), REDIS_URL: 'redis://127.0.0.1:1' }), bot, logger });
    await expect(started).rejects.toThrow(ConfigError);
    await expect(started).rejects.toThrow(/^REDIS_URL: could not connect to Redis \(connect ECONNREFUSED 127\.0\.0\.1:1\)$/);
    expect(fake.sockets.entries).toHaveLength(0);
  });

  it('fails with an UnreachableError, not a rejected token, when the Web API cannot be reached', async () => {
    const { logger } = fakeLogger();
    const api = `http://127.0.0.1:${await closedPort()}/api/`;
    const started = startSlack({ config: loadSlackConfig({ ...socketEnv(), SLACK_API_URL: api }), bot, logger });
    await expect(started).rejects.toThrow(UnreachableError);
    await expect(started).rejects.toThrow(
      `Could not reach Slack at ${api} (connect ECONNREFUSED 127.0.0.1:${new URL(api).port}): check this host's network connection, DNS and proxy settings, and SLACK_API_URL; SLACK_BOT_TOKEN was not checked.`,
    );
  });

  it('gives up with an UnreachableError when the Socket Mode connection never opens', async () => {
    const { logger } = fakeLogger();
    const socketUrl = `ws://127.0.0.1:${await closedPort()}/socket`;
    const api = createServer((request, response) => {
      const body = request.url?.includes('auth.test') ? { ok: true, user_id: 'U0BOT', bot_id: 'B0BOT' } : { ok: true, url: socketUrl };
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
    await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
    try {
      const apiUrl = `http://127.0.0.1:${(api.address() as { port: number }).port}/api/`;
      const config = loadSlackConfig({ ...socketEnv(), SLACK_API_URL: apiUrl });
      await expect(startSlack({ config, bot, logger, startTimeoutMs: 1_500 })).rejects.toThrow(
        "Slack's Socket Mode connection did not open within 1.5 s: check that this host may open WebSockets to Slack (firewall, proxy).",
      );
    } finally {
      await new Promise<void>((resolve) => api.close(() => resolve()));
    }
  });

  it('fails with a ConfigError naming SLACK_APP_TOKEN when Slack refuses the app-level token', async () => {
    fake.failNext('apps.connections.open', { error: 'invalid_auth' });
    const { logger } = fakeLogger();
    await expect(startSlack({ config: socketConfig(), bot, logger })).rejects.toThrow(
      'SLACK_APP_TOKEN: Socket Mode could not connect (invalid_auth)',
    );
  });
});
