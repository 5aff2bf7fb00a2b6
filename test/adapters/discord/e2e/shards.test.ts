import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDiscordConfig } from '../../../../adapters/discord/config.js';
import { startDiscord } from '../../../../adapters/discord/start.js';
import { Storybot, type ReloadOutcome } from '../../../../src/index.js';
import { FakeDiscord } from '../../../fakes/discord/fake-discord.js';
import { shardOfGuild } from '../../../fakes/discord/gateway.js';
import { fakeLogger } from '../../../fakes/discord/logger.js';
import { askInteraction, fakeIds } from '../../../fakes/discord/payloads.js';
import { fakeBotCore } from '../../../fakes/discord/ports.js';
import { waitFor } from '../../../fakes/discord/wait.js';

// Two servers, one on each of two shards: (guild_id >> 22) % 2 is 0 for the first and 1 for the second.
const guilds = ['200000000000000002', '200000000004194306'] as const;
const problems: ReloadOutcome = {
  ok: false,
  swapped: true,
  problems: [{ file: 'corpus/a.md', line: 1, problem: 'title: is required' }],
  status: fakeBotCore().status(),
};

let discord: FakeDiscord;
beforeAll(async () => {
  discord = await FakeDiscord.start({ shards: 2, guilds: [...guilds] });
});
afterAll(async () => {
  await discord.close();
});

/** Shard `id` of 2, as a ShardingManager child runs it: its own client and its own bot. */
async function startShard<Bot extends Parameters<typeof startDiscord>[0]['bot']>(id: number, bot: Bot, env: Record<string, string> = {}) {
  const config = loadDiscordConfig({
    DISCORD_TOKEN: discord.token,
    DISCORD_APPLICATION_ID: fakeIds.application,
    DISCORD_API_URL: discord.apiUrl,
    ...env,
  });
  const logger = fakeLogger();
  return { bot, logger, ...(await startDiscord({ config, bot, logger, shard: { id, count: 2 } })) };
}

const answeredUsers = (logger: ReturnType<typeof fakeLogger>) =>
  logger.entries.filter((e) => e.code === 'discord.answered').map((e) => e.context['userId']);

describe('two shards against the stand-in', () => {
  it('each connects as its shard, hears only its own servers, and answers from its own index', async () => {
    expect(guilds.map((guild) => shardOfGuild(guild, 2))).toEqual([0, 1]);
    const shards = [await startShard(0, await Storybot.load('corpus')), await startShard(1, await Storybot.load('corpus'))];
    try {
      expect(discord.gateway.shards).toEqual([
        [0, 2],
        [1, 2],
      ]);
      const asked = guilds.map((guildId, g) => [0, 1, 2].map((n) => ({ guildId, userId: `40000000000000${g}${n}00` })));
      const dm = { place: 'dm' as const, userId: '400000000000000900' };
      const tokens = [
        ...asked.flat().map((who) => discord.interact(askInteraction("Who's Mexico's security chief?", who))),
        discord.interact(askInteraction('Who is Sheinbaum?', dm)),
      ];
      await waitFor('every answer', () => tokens.every((token) => discord.responsesTo(token).length === 1));
      // Each handler logs once its reply is accepted, just after the stand-in records it.
      await waitFor('every answer logged', () => shards.flatMap((shard) => answeredUsers(shard.logger)).length === tokens.length);
      // Guild events go to the shard of their server; DMs to shard 0.
      expect(answeredUsers(shards[0]!.logger).sort()).toEqual([...asked[0]!.map((who) => who.userId), dm.userId].sort());
      expect(answeredUsers(shards[1]!.logger).sort()).toEqual(asked[1]!.map((who) => who.userId).sort());
      expect(JSON.stringify(discord.responsesTo(tokens[3]!))).toContain('Omar García Harfuch');
      expect(shards[0]!.bot).not.toBe(shards[1]!.bot);
    } finally {
      await Promise.all(shards.map((shard) => shard.stop()));
    }
    expect(discord.rejected).toEqual([]);
  });

  it('posts reload news to the admin channel from shard 0 only, so admins hear it once', async () => {
    const env = { DISCORD_ADMIN_CHANNEL_ID: fakeIds.adminChannel };
    const shards = [await startShard(0, fakeBotCore(), env), await startShard(1, fakeBotCore(), env)];
    try {
      // Every shard's watcher sees the same change and reloads its own index.
      for (const shard of shards) shard.bot.announce(problems, false);
      await waitFor('the admin channel post', () => discord.channelMessages.length > 0);
      expect(shards.map((shard) => shard.bot.listeners.size)).toEqual([1, 0]);
      expect(discord.channelMessages).toHaveLength(1);
      expect(String(discord.channelMessages[0]?.body['content'])).toContain('corpus/a.md:1: title: is required');
    } finally {
      await Promise.all(shards.map((shard) => shard.stop()));
    }
  });
});
