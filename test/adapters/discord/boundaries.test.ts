import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { discordEnvSchema } from '../../../adapters/discord/config.js';
import { coreEnvSchema } from '../../../src/index.js';

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith('.ts')).map((e) => join(e.parentPath, e.name));
}

function isAllowedImport(file: string, specifier: string): boolean {
  if (!specifier.startsWith('.')) return ['discord.js', 'zod'].includes(specifier) || specifier.startsWith('node:') || (specifier === 'dotenv/config' && file.endsWith('deploy-commands.ts'));
  const target = relative('.', resolve(dirname(file), specifier));
  return target === join('src', 'index.js') || target.startsWith(join('adapters', 'discord') + sep);
}

describe('the Discord adapter boundaries', () => {
  it('imports the core only through src/index.ts, no other adapter, and dotenv only in the entry file', async () => {
    const offending: string[] = [];
    for (const file of await sourceFiles('adapters/discord')) {
      const text = await readFile(file, 'utf8');
      for (const [, from, bare] of text.matchAll(/from '([^']+)'|import '([^']+)'/g)) {
        const specifier = from ?? bare ?? '';
        if (!isAllowedImport(file, specifier)) offending.push(`${file}: ${specifier}`);
      }
    }
    expect(offending).toEqual([]);
  });

  it('documents exactly the Discord environment keys in the .env.example block of docs/discord.md', async () => {
    const docs = await readFile('docs/discord.md', 'utf8');
    const block = /```dotenv\n([\s\S]*?)```/.exec(docs)?.[1] ?? '';
    const documented = [...block.matchAll(/^([A-Z_]+)=/gm)].map((m) => m[1]);
    const discordKeys = Object.keys(discordEnvSchema.shape).filter((key) => !(key in coreEnvSchema.shape));
    expect(documented.sort()).toEqual(discordKeys.sort());
  });
});
