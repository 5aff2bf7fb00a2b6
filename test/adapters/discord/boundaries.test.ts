import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith('.ts')).map((e) => join(e.parentPath, e.name));
}

const entryHelpers = ['env.js', 'command-line.js', 'logging.js'].map((name) => join('adapters', name));

function isAllowedImport(file: string, specifier: string): boolean {
  if (!specifier.startsWith('.')) return ['discord.js', 'zod'].includes(specifier) || specifier.startsWith('node:');
  const target = relative('.', resolve(dirname(file), specifier));
  // The entry ShardingManager forks is `npm start` itself, run as one shard.
  if (file === join('adapters', 'discord', 'shard.ts') && target === join('adapters', 'main.js')) return true;
  // Entry files share the helpers beside adapters/main.ts (dotenv, the command line, logging), which are no adapter.
  if (file.endsWith('deploy-commands.ts') && entryHelpers.includes(target)) return true;
  return target === join('src', 'index.js') || target.startsWith(join('adapters', 'discord') + sep);
}

describe('the Discord adapter boundaries', () => {
  it('imports the core only through src/index.ts, no other adapter, and the entry helpers (dotenv) only in the entry file (the shard entry runs npm start)', async () => {
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
});
