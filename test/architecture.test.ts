import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/** Every .ts file under `dir`, relative to the repository root. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/** The module specifiers a file imports or re-exports, statically or dynamically. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [
    ...text.matchAll(/\b(?:import|export)\s[^'"]*?\bfrom\s*['"]([^'"]+)['"]/g),
    ...text.matchAll(/\bimport\s*['"]([^'"]+)['"]/g),
    ...text.matchAll(/\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g),
    ...text.matchAll(/\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g),
  ];
  return specifiers.map((match) => match[1] ?? '');
}

const srcFiles = sourceFiles('src');
const adaptersDir = path.resolve('adapters');

describe('architecture', () => {
  it('finds the core source files', () => {
    expect(srcFiles).toContain(path.join('src', 'bot.ts'));
    expect(srcFiles.length).toBeGreaterThan(15);
    expect(importsOf(path.join('src', 'search', 'passage-index.ts'))).toContain('minisearch/SearchableMap');
  });

  it('keeps chat platforms, dotenv and adapters out of src/', () => {
    const offending = srcFiles.flatMap((file) =>
      importsOf(file)
        .filter(
          (spec) =>
            /^(?:discord\.js|@slack\/|dotenv)/.test(spec) ||
            (spec.startsWith('.') && path.resolve(path.dirname(file), spec).startsWith(adaptersDir + path.sep)),
        )
        .map((spec) => `${file} imports ${spec}`),
    );
    expect(offending).toEqual([]);
  });

  it('imports minisearch only under src/search/', () => {
    const users = [...srcFiles, ...sourceFiles('adapters')].filter((file) =>
      importsOf(file).some((spec) => spec === 'minisearch' || spec.startsWith('minisearch/')),
    );
    expect(users.length).toBeGreaterThan(0);
    for (const file of users) expect(file.startsWith(path.join('src', 'search') + path.sep)).toBe(true);
  });

  it('never writes to the console from src/', () => {
    const offending = srcFiles.filter((file) => /\bconsole\s*\./.test(readFileSync(file, 'utf8')));
    expect(offending).toEqual([]);
  });
});
