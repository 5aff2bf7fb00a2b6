import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/index.js';
import { isSlackConfigured, loadSlackConfig } from '../../../adapters/slack/config.js';

describe('loadSlackConfig', () => {
  it('chooses Socket Mode when there is an app token', () => {
    const config = loadSlackConfig({
      SLACK_BOT_TOKEN: 'xoxb-fake',
      SLACK_APP_TOKEN: 'xapp-fake',
      SLACK_SIGNING_SECRET: 'fake-signing-secret',
    });
    expect(config).toMatchObject({ mode: 'socket', PORT: 3000, SLACK_ADMIN_USER_IDS: [], CORPUS_DIR: 'corpus' });
  });

  it('chooses HTTP mode with a signing secret alone, and reads admins and the port', () => {
    const config = loadSlackConfig({
      SLACK_BOT_TOKEN: 'xoxb-fake',
      SLACK_APP_TOKEN: '',
      SLACK_SIGNING_SECRET: 'fake-signing-secret',
      SLACK_ADMIN_USER_IDS: 'U0ADMIN, W0GRID',
      PORT: '8080',
    });
    expect(config).toMatchObject({ mode: 'http', PORT: 8080, SLACK_ADMIN_USER_IDS: ['U0ADMIN', 'W0GRID'] });
  });

  it('reads an optional admin channel id, blank meaning unset', () => {
    const base = { SLACK_BOT_TOKEN: 'xoxb-fake', SLACK_APP_TOKEN: 'xapp-fake' };
    expect(loadSlackConfig({ ...base, SLACK_ADMIN_CHANNEL_ID: ' C0123ABCD ' }).SLACK_ADMIN_CHANNEL_ID).toBe('C0123ABCD');
    expect(loadSlackConfig({ ...base, SLACK_ADMIN_CHANNEL_ID: '  ' }).SLACK_ADMIN_CHANNEL_ID).toBeUndefined();
    expect(() => loadSlackConfig({ ...base, SLACK_ADMIN_CHANNEL_ID: '#corpus-admins' })).toThrow(
      'SLACK_ADMIN_CHANNEL_ID: must be a Slack channel id like C0123ABCD',
    );
  });

  it('names every variable at fault and never echoes a secret', () => {
    const env = { SLACK_BOT_TOKEN: 'not-a-fake-token-secret', SLACK_API_URL: 'ftp://x', SLACK_ADMIN_USER_IDS: 'bob', PORT: 'eighty' };
    expect(() => loadSlackConfig(env)).toThrow(ConfigError);
    let message = '';
    try {
      loadSlackConfig(env);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message.split('\n')).toEqual([
      'Invalid configuration:',
      '  SLACK_BOT_TOKEN: must start with xoxb-',
      '  SLACK_ADMIN_USER_IDS.0: must list Slack user ids like U012ABCDEF, separated by commas',
      expect.stringMatching(/^ {2}PORT: /),
      '  SLACK_API_URL: must be an http(s) URL',
    ]);
    expect(message).not.toContain('not-a-fake-token-secret');
  });

  it('reads an optional REDIS_URL, blank meaning unset, and never echoes its password', () => {
    const base = { SLACK_BOT_TOKEN: 'xoxb-fake', SLACK_SIGNING_SECRET: 'fake-signing-secret' };
    expect(loadSlackConfig({ ...base, REDIS_URL: 'redis://:fake-pass@10.0.0.5:6379/2' }).REDIS_URL).toBe(
      'redis://:fake-pass@10.0.0.5:6379/2',
    );
    expect(loadSlackConfig({ ...base, REDIS_URL: 'rediss://cache.internal' }).REDIS_URL).toBe('rediss://cache.internal');
    expect(loadSlackConfig({ ...base, REDIS_URL: ' ' }).REDIS_URL).toBeUndefined();
    let message = '';
    try {
      loadSlackConfig({ ...base, REDIS_URL: 'http://user:hunter2-redis@cache:6379' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toBe('Invalid configuration:\n  REDIS_URL: must be a redis:// or rediss:// URL');
  });

  it('asks for an app token or a signing secret when neither is set', () => {
    expect(() => loadSlackConfig({ SLACK_BOT_TOKEN: 'xoxb-fake' })).toThrow(
      'SLACK_APP_TOKEN: set SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP mode)',
    );
  });
});

describe('isSlackConfigured', () => {
  it('needs a bot token and an app token or a signing secret', () => {
    expect(isSlackConfigured({ SLACK_BOT_TOKEN: 'xoxb-fake', SLACK_APP_TOKEN: 'xapp-fake' })).toBe(true);
    expect(isSlackConfigured({ SLACK_BOT_TOKEN: 'xoxb-fake', SLACK_SIGNING_SECRET: 'fake-signing-secret' })).toBe(true);
    expect(isSlackConfigured({ SLACK_BOT_TOKEN: 'xoxb-fake', SLACK_APP_TOKEN: ' ' })).toBe(false);
    expect(isSlackConfigured({ SLACK_APP_TOKEN: 'xapp-fake' })).toBe(false);
    expect(isSlackConfigured({})).toBe(false);
  });
});
