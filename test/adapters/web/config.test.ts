import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/index.js';
import { isWebConfigured, loadWebConfig } from '../../../adapters/web/config.js';

describe('loadWebConfig', () => {
  it('has safe defaults: no port (npm run web uses 8080), CORS off, embeds anywhere, no admin page, 30 a minute', () => {
    expect(loadWebConfig({})).toMatchObject({
      WEB_HOST: '0.0.0.0',
      WEB_ALLOWED_ORIGINS: [],
      WEB_EMBED_ORIGINS: '*',
      WEB_RATE_LIMIT: 30,
    });
    const config = loadWebConfig({ WEB_PORT: '', WEB_ADMIN_TOKEN: '', WEB_TRUST_PROXY: '', REDIS_URL: '' });
    expect([config.WEB_PORT, config.WEB_ADMIN_TOKEN, config.WEB_TRUST_PROXY, config.REDIS_URL]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('reads lists of origins and proxies', () => {
    const config = loadWebConfig({
      WEB_PORT: '8080',
      WEB_ALLOWED_ORIGINS: 'https://news.example, http://localhost:3000',
      WEB_EMBED_ORIGINS: 'https://news.example',
      WEB_TRUST_PROXY: '10.0.0.0/8, loopback',
    });
    expect(config).toMatchObject({
      WEB_PORT: 8080,
      WEB_ALLOWED_ORIGINS: ['https://news.example', 'http://localhost:3000'],
      WEB_EMBED_ORIGINS: ['https://news.example'],
      WEB_TRUST_PROXY: ['10.0.0.0/8', 'loopback'],
    });
  });

  it('fails naming every variable at fault, never echoing the admin token', () => {
    const attempt = () =>
      loadWebConfig({
        WEB_PORT: '80000',
        WEB_ALLOWED_ORIGINS: 'news.example',
        WEB_ADMIN_TOKEN: 'short-secret',
        WEB_RATE_LIMIT: '-1',
        WEB_TRUST_PROXY: 'everyone',
        REDIS_URL: 'http://cache',
      });
    expect(attempt).toThrow(ConfigError);
    const message = (() => {
      try {
        attempt();
        return '';
      } catch (error) {
        return (error as Error).message;
      }
    })();
    for (const key of ['WEB_PORT', 'WEB_ALLOWED_ORIGINS', 'WEB_ADMIN_TOKEN', 'WEB_RATE_LIMIT', 'WEB_TRUST_PROXY', 'REDIS_URL']) {
      expect(message).toContain(key);
    }
    expect(message).toContain('WEB_ADMIN_TOKEN: must be at least 16 characters');
    expect(message).not.toContain('short-secret');
  });
});

describe('isWebConfigured', () => {
  it('is true when WEB_PORT is set', () => {
    expect(isWebConfigured({ WEB_PORT: '8080' })).toBe(true);
    expect(isWebConfigured({ WEB_PORT: ' ' })).toBe(false);
    expect(isWebConfigured({})).toBe(false);
  });
});
