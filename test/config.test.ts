import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { ConfigError, coreEnvSchema, loadCoreConfig, parseEnv } from '../src/index.js';

/** The ConfigError that `run` throws (the test fails if it does not). */
function configError(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('loadCoreConfig', () => {
  it('uses the defaults when the environment is empty', () => {
    expect(loadCoreConfig({})).toEqual({
      CORPUS_DIR: 'corpus',
      MAX_EXCERPTS: 3,
      LOG_LEVEL: 'info',
      USAGE_LOG_DIR: 'logs',
      INDEX_CACHE_DIR: '.cache/index',
      ANSWER_CACHE_SIZE: 1000,
      CORPUS_MAX_MB: 128,
    });
  });

  it('reads the values when they are set, and ignores other variables', () => {
    const config = loadCoreConfig({ CORPUS_DIR: 'stories', MAX_EXCERPTS: '5', LOG_LEVEL: 'debug', DISCORD_TOKEN: 'secret' });
    expect(config).toMatchObject({ CORPUS_DIR: 'stories', MAX_EXCERPTS: 5, LOG_LEVEL: 'debug' });
    expect(config).not.toHaveProperty('DISCORD_TOKEN');
  });

  it('names every bad variable at once when several are bad', () => {
    const error = configError(() => loadCoreConfig({ CORPUS_DIR: '  ', MAX_EXCERPTS: '99', LOG_LEVEL: 'loud' }));
    expect(error.message).toMatch(/^Invalid configuration:\n/);
    for (const key of ['CORPUS_DIR', 'MAX_EXCERPTS', 'LOG_LEVEL']) expect(error.message).toMatch(new RegExp(`^  ${key}: `, 'm'));
    expect(error.message.split('\n')).toHaveLength(4);
  });

  it.each(['0', '11', '2.5', 'three'])('rejects MAX_EXCERPTS=%s', (value) => {
    expect(configError(() => loadCoreConfig({ MAX_EXCERPTS: value })).message).toMatch(/^ {2}MAX_EXCERPTS: /m);
  });

  it.each(['-1', '100001', '2.5', 'many'])('rejects ANSWER_CACHE_SIZE=%s', (value) => {
    expect(configError(() => loadCoreConfig({ ANSWER_CACHE_SIZE: value })).message).toMatch(/^ {2}ANSWER_CACHE_SIZE: /m);
  });

  it('never echoes a value when a variable is bad', () => {
    const error = configError(() => loadCoreConfig({ LOG_LEVEL: 'hunter2-secret' }));
    expect(error.message).not.toContain('hunter2-secret');
    expect(error.userMessage).toBe('The bot is misconfigured; an admin has been told.');
  });
});

describe('parseEnv', () => {
  it('parses an extended schema when an adapter adds its own keys', () => {
    const schema = coreEnvSchema.extend({ DISCORD_TOKEN: z.string().min(1) });
    expect(parseEnv(schema, { DISCORD_TOKEN: 'abc' })).toMatchObject({ DISCORD_TOKEN: 'abc', CORPUS_DIR: 'corpus' });
    expect(configError(() => parseEnv(schema, {})).message).toMatch(/^ {2}DISCORD_TOKEN: /m);
  });
});
