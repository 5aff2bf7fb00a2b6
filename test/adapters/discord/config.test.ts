import { describe, expect, it } from 'vitest';
import { isDiscordConfigured, loadDiscordConfig, restOptionsFor } from '../../../adapters/discord/config.js';
import { ConfigError } from '../../../src/index.js';

const valid = { DISCORD_TOKEN: 'fake-token-abc', DISCORD_APPLICATION_ID: '100000000000000001' };

describe('loadDiscordConfig', () => {
  it('reads the Discord keys with the core defaults', () => {
    expect(loadDiscordConfig(valid)).toMatchObject({ ...valid, CORPUS_DIR: 'corpus', MAX_EXCERPTS: 3 });
  });

  it('names every variable at fault and never prints a value', () => {
    const env = { DISCORD_TOKEN: ' ', DISCORD_APPLICATION_ID: 'fake-secret-app', DISCORD_GUILD_ID: 'fake-secret-guild', DISCORD_API_URL: 'fake-secret-url', DISCORD_ADMIN_CHANNEL_ID: 'fake-secret-channel' };
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
    expect(loadDiscordConfig({ ...valid, DISCORD_ADMIN_CHANNEL_ID: '300000000000000005' }).DISCORD_ADMIN_CHANNEL_ID).toBe('300000000000000005');
    expect(restOptionsFor(config)).toEqual({});
    expect(restOptionsFor(loadDiscordConfig({ ...valid, DISCORD_API_URL: 'http://127.0.0.1:9/api' }))).toEqual({ rest: { api: 'http://127.0.0.1:9/api' } });
  });
});

describe('isDiscordConfigured', () => {
  it('is true only when a token is set', () => {
    expect(isDiscordConfigured(valid)).toBe(true);
    expect(isDiscordConfigured({ DISCORD_TOKEN: '  ' })).toBe(false);
    expect(isDiscordConfigured({})).toBe(false);
  });
});
