import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { discordEnvSchema } from '../adapters/discord/config.js';
import { slackEnvSchema } from '../adapters/slack/config.js';
import { webEnvSchema } from '../adapters/web/config.js';
import { coreEnvSchema } from '../src/index.js';

/** Every key the configuration schemas read. */
const schemaKeys = () =>
  new Set([
    ...Object.keys(coreEnvSchema.shape),
    ...Object.keys(discordEnvSchema.shape),
    ...Object.keys(slackEnvSchema.in.shape),
    ...Object.keys(webEnvSchema.shape),
  ]);

describe('.env.example', () => {
  it('lists exactly the keys the configuration schemas read, each once', async () => {
    const text = await readFile('.env.example', 'utf8');
    const keys = [...text.matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((match) => match[1]);
    expect(new Set(keys).size).toBe(keys.length);
    expect(new Set(keys)).toEqual(schemaKeys());
  });

  it('explains every key with a comment just above it', async () => {
    const lines = (await readFile('.env.example', 'utf8')).split('\n');
    const undocumented = lines.filter((line, i) => /^[A-Z][A-Z0-9_]*=/.test(line) && !(lines[i - 1] ?? '').startsWith('#'));
    expect(undocumented).toEqual([]);
  });
});
