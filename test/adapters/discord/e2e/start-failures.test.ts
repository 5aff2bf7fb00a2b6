import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, Storybot, UnreachableError } from '../../../../src/index.js';
import { loadDiscordConfig } from '../../../../adapters/discord/config.js';
import { startDiscord } from '../../../../adapters/discord/start.js';
import { FakeDiscord } from '../../../fakes/discord/fake-discord.js';
import { fakeLogger } from '../../../fakes/discord/logger.js';
import { closedPort } from '../../../support/builders.js';

const bot = await Storybot.load('corpus');
const configFor = (api: string, token = 'fake-discord-token') =>
  loadDiscordConfig({ DISCORD_TOKEN: token, DISCORD_APPLICATION_ID: '100000000000000001', DISCORD_API_URL: api });

/** A REST API that works, pointing at a gateway that refuses every connection. */
let api: Server;
beforeAll(async () => {
  const gateway = `ws://127.0.0.1:${await closedPort()}`;
  const limit = { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 };
  api = createServer((_request, response) =>
    response
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ url: gateway, shards: 1, session_start_limit: limit })),
  );
  await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
});
afterAll(() => new Promise<void>((resolve) => api.close(() => resolve())));

describe('startDiscord when it cannot start', () => {
  it('names DISCORD_TOKEN when Discord refuses the token', async () => {
    const discord = await FakeDiscord.start();
    try {
      const started = startDiscord({ config: configFor(discord.apiUrl, 'not-the-token'), bot, logger: fakeLogger() });
      await expect(started).rejects.toThrow(ConfigError);
      await expect(started).rejects.toThrow(
        /^DISCORD_TOKEN: Discord rejected the bot token \(An invalid token was provided\.\): reset it on the Bot page/,
      );
    } finally {
      await discord.close();
    }
  });

  it('says Discord could not be reached, not that the token is bad, when the REST API refuses connections', async () => {
    const started = startDiscord({ config: configFor(`http://127.0.0.1:${await closedPort()}/api`), bot, logger: fakeLogger() });
    await expect(started).rejects.toThrow(UnreachableError);
    await expect(started).rejects.toThrow(
      /^Could not reach Discord \(connect ECONNREFUSED 127\.0\.0\.1:\d+\): .*DISCORD_TOKEN was not checked\.$/,
    );
  });

  it('gives up with an UnreachableError when the gateway never says READY, instead of retrying for ever', async () => {
    const port = (api.address() as { port: number }).port;
    const started = Date.now();
    const starting = startDiscord({ config: configFor(`http://127.0.0.1:${port}/api`), bot, logger: fakeLogger(), readyTimeoutMs: 1_500 });
    await expect(starting).rejects.toThrow("Discord's gateway did not say READY within 1.5 s: check that this host may open WebSockets");
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
