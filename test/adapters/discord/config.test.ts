import { describe, expect, it } from 'vitest';
import { isDiscordConfigured, loadDiscordConfig, restOptionsFor, shardFromEnv } from '../../../adapters/discord/config.js';
import { ConfigError } from '../../../src/index.js';

const valid = { DISCORD_TOKEN: 'fake-token-abc', DISCORD_APPLICATION_ID: '100000000000000001' };

describe('loadDiscordConfig', () => {
  it('reads the Discord keys with the core defaults', () => {
    expect(loadDiscordConfig(valid)).toMatchObject({ ...valid, CORPUS_DIR: 'corpus', MAX_EXCERPTS: 3 });
  });

  it('names every variable at fault and never prints a value', () => {
    const env = {
      DISCORD_TOKEN: ' ',
      DISCORD_APPLICATION_ID: 'fake-secret-app',
      DISCORD_GUILD_ID: 'fake-secret-guild',
      DISCORD_API_URL: 'fake-secret-url',
      DISCORD_ADMIN_CHANNEL_ID: 'fake-secret-channel',
    };
    const error = (() => {
      try {
        loadDiscordConfig(env);
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    for (const key of Object.keys(env)) expect(message).toContain(`${key}:`);
    expect(message).not.toMatch(/fake-secret/);
  });

  it('treats blank optional keys as unset and leaves the REST option out', () => {
    const config = loadDiscordConfig({ ...valid, DISCORD_GUILD_ID: '', DISCORD_API_URL: '', DISCORD_ADMIN_CHANNEL_ID: ' ' });
    expect(config.DISCORD_GUILD_ID).toBeUndefined();
    expect(config.DISCORD_ADMIN_CHANNEL_ID).toBeUndefined();
    expect(loadDiscordConfig({ ...valid, DISCORD_ADMIN_CHANNEL_ID: '300000000000000005' }).DISCORD_ADMIN_CHANNEL_ID).toBe(
      '300000000000000005',
    );
    expect(restOptionsFor(config)).toEqual({});
    expect(restOptionsFor(loadDiscordConfig({ ...valid, DISCORD_API_URL: 'http://127.0.0.1:9/api' }))).toEqual({
      rest: { api: 'http://127.0.0.1:9/api' },
    });
  });
});

describe('DISCORD_SHARDS', () => {
  it('is unset by default, a whole number of shards, or auto', () => {
    expect(loadDiscordConfig(valid).DISCORD_SHARDS).toBeUndefined();
    expect(loadDiscordConfig({ ...valid, DISCORD_SHARDS: ' ' }).DISCORD_SHARDS).toBeUndefined();
    expect(loadDiscordConfig({ ...valid, DISCORD_SHARDS: '2' }).DISCORD_SHARDS).toBe(2);
    expect(loadDiscordConfig({ ...valid, DISCORD_SHARDS: ' 16 ' }).DISCORD_SHARDS).toBe(16);
    expect(loadDiscordConfig({ ...valid, DISCORD_SHARDS: 'auto' }).DISCORD_SHARDS).toBe('auto');
    expect(loadDiscordConfig({ ...valid, DISCORD_SHARDS: 'AUTO' }).DISCORD_SHARDS).toBe('auto');
  });

  it.each(['0', '-1', '1.5', '2 shards', 'automatic', '02'])('stops with a message naming the variable for %j', (value) => {
    expect(() => loadDiscordConfig({ ...valid, DISCORD_SHARDS: value })).toThrow(
      new ConfigError('Invalid configuration:\n  DISCORD_SHARDS: expected auto or a whole number of shards, 1 or more'),
    );
  });
});

describe('shardFromEnv', () => {
  it('reads the shard discord.js gives a ShardingManager child', () => {
    expect(shardFromEnv({ SHARDING_MANAGER: 'true', SHARDS: '1', SHARD_COUNT: '2' })).toEqual({ id: 1, count: 2 });
  });

  it('is undefined outside a ShardingManager child', () => {
    expect(shardFromEnv({})).toBeUndefined();
    expect(shardFromEnv({ SHARDS: '1', SHARD_COUNT: '2' })).toBeUndefined();
    expect(shardFromEnv({ SHARDING_MANAGER: 'true' })).toBeUndefined();
  });

  it('refuses a shard outside the count', () => {
    expect(() => shardFromEnv({ SHARDING_MANAGER: 'true', SHARDS: '2', SHARD_COUNT: '2' })).toThrow(ConfigError);
    expect(() => shardFromEnv({ SHARDING_MANAGER: 'true', SHARDS: 'x', SHARD_COUNT: '2' })).toThrow(/SHARDS:/);
  });
});

describe('isDiscordConfigured', () => {
  it('is true only when a token is set', () => {
    expect(isDiscordConfigured(valid)).toBe(true);
    expect(isDiscordConfigured({ DISCORD_TOKEN: '  ' })).toBe(false);
    expect(isDiscordConfigured({})).toBe(false);
  });
});
