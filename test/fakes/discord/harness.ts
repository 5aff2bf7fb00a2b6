import { Storybot, type BotCore } from '../../../src/index.js';
import { loadDiscordConfig, type DiscordConfig } from '../../../adapters/discord/config.js';
import { startDiscord } from '../../../adapters/discord/start.js';
import { FakeDiscord, type FakeDiscordOptions, type Response } from './fake-discord.js';
import { fakeLogger } from './logger.js';
import { waitFor } from './wait.js';

/** The real adapter, logged in to a fresh stand-in, over a real `Storybot`. */
export type Harness = Awaited<ReturnType<typeof startHarness>>;

/**
 * Starts the stand-in (with `discord`'s options) and the Discord adapter against it; `bot` defaults to a
 * `Storybot` over the bundled corpus, and may be any `BotCore` (a fake, say).
 */
export async function startHarness<Bot extends BotCore = Storybot>(
  options: { bot?: Bot; env?: Record<string, string>; discord?: FakeDiscordOptions } = {},
) {
  const discord = await FakeDiscord.start(options.discord);
  const config: DiscordConfig = loadDiscordConfig({
    DISCORD_TOKEN: discord.token,
    DISCORD_APPLICATION_ID: '100000000000000001',
    DISCORD_API_URL: discord.apiUrl,
    ...options.env,
  });
  const bot: Bot | Storybot = options.bot ?? (await Storybot.load('corpus'));
  const logger = fakeLogger();
  // The bot defers by the stand-in's clock: a load test that widens the stand-in's window widens the bot's too.
  const deferAfterMs = (options.discord?.ackWindowMs ?? 3_000) / 2;
  let adapter = await startDiscord({ config, bot, logger, deferAfterMs });
  /** Waits until the interaction has `count` responses (default: the first), and returns them. */
  const responses = (token: string, count = 1) =>
    waitFor(`${count} response(s) to the interaction`, () => {
      const found = discord.responsesTo(token);
      return found.length >= count ? found : undefined;
    });
  /** Stops the adapter and starts a fresh one (a new discord.js client), as a redeploy would. */
  const restart = async () => {
    await adapter.stop();
    adapter = await startDiscord({ config, bot, logger, deferAfterMs });
  };
  const stop = async () => {
    await adapter.stop();
    await discord.close();
  };
  return { discord, config, bot, logger, responses, restart, stop };
}

/** The message data of a response (the callback's data, or the edit's/followup's body). */
export function dataOf(response: Response | undefined): Record<string, unknown> {
  if (response === undefined || response.kind === 'delete') throw new Error(`no message in ${JSON.stringify(response)}`);
  return response.data;
}
