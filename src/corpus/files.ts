import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { CorpusError, type CorpusProblem } from '../errors.js';

/** One file of the corpus directory that may be read: its name there, and the path its bytes are read from. */
export type CorpusEntry = { readonly name: string; readonly source: string };

/** The directory's files, and a problem for each symbolic link that is not read. */
export type CorpusListing = { readonly entries: readonly CorpusEntry[]; readonly problems: readonly CorpusProblem[] };

/**
 * The files of `dir`, sorted by name. Regular files are read where they are. A symbolic link is read only
 * when what it finally points to is a regular file inside the corpus directory (as the directory itself
 * resolves); a link out of the directory is refused, and a link to a directory, to nothing, or in a loop is
 * skipped, each with a problem, so that `corpus:check`, reloads and `/corpus status` name it. Directories
 * and other special files are not articles and are left alone. `isIgnored` names (hidden files, editor
 * backups) are never looked at.
 *
 * @throws {CorpusError} when `dir` is missing, not a directory, or unreadable.
 */
export async function listCorpusDir(dir: string, isIgnored: (name: string) => boolean): Promise<CorpusListing> {
  let realDir: string;
  let dirents;
  try {
    if (!(await stat(dir)).isDirectory()) throw new CorpusError([{ file: dir, problem: 'is not a directory' }]);
    realDir = await realpath(dir);
    dirents = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    if (error instanceof CorpusError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const problem = code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? 'unknown error'})`;
    throw new CorpusError([{ file: dir, problem: `corpus directory ${problem}` }], { cause: error });
  }
  const found = await Promise.all(
    dirents.map(async (entry): Promise<CorpusEntry | CorpusProblem | undefined> => {
      if (entry.isFile()) return { name: entry.name, source: path.join(dir, entry.name) };
      return entry.isSymbolicLink() && !isIgnored(entry.name) ? followLink(dir, realDir, entry.name) : undefined;
    }),
  );
  const entries = found.filter((item): item is CorpusEntry => item !== undefined && 'source' in item);
  const problems = found.filter((item): item is CorpusProblem => item !== undefined && 'problem' in item);
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  problems.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { entries, problems };
}

/** Where the link `name` leads, when it may be read; otherwise the problem that says why not. */
async function followLink(dir: string, realDir: string, name: string): Promise<CorpusEntry | CorpusProblem> {
  const file = path.join(dir, name);
  let target: string;
  try {
    target = await realpath(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { file, problem: 'is a symbolic link to something that does not exist: skipped' };
    if (code === 'ELOOP') return { file, problem: 'is a symbolic link that loops back on itself: skipped' };
    return { file, problem: `is a symbolic link that cannot be followed (${code ?? 'unknown error'}): skipped` };
  }
  if (!isInside(realDir, target))
    return { file, problem: 'is a symbolic link to somewhere outside the corpus directory: refused (copy the file in instead)' };
  const stats = await stat(target).catch(() => undefined);
  if (stats?.isDirectory() === true) return { file, problem: 'is a symbolic link to a directory: skipped (only files are articles)' };
  if (stats?.isFile() !== true) return { file, problem: 'is a symbolic link to something that is not a regular file: skipped' };
  return { name, source: target };
}

/** Whether `target` is `dir` or below it (both already resolved). */
function isInside(dir: string, target: string): boolean {
  const relative = path.relative(dir, target);
  return relative !== '' && relative.split(path.sep)[0] !== '..' && !path.isAbsolute(relative);
}

/** Opening never follows a link (one swapped in after the listing is refused) and never waits on a pipe. */
const optionalFlag = (name: 'O_NOFOLLOW' | 'O_NONBLOCK'): number => (constants as Partial<Record<string, number>>)[name] ?? 0; // not on Windows
const openFlags = constants.O_RDONLY | optionalFlag('O_NOFOLLOW') | optionalFlag('O_NONBLOCK');

/**
 * The bytes of `source`, read only when it is a regular file of at most `maxBytes`; else its size, unread.
 *
 * @throws the file system's error when it cannot be opened or read.
 */
export function readLimited(source: string, maxBytes: number): { readonly bytes: Buffer } | { readonly size: number } {
  const fd = openSync(source, openFlags);
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw Object.assign(new Error(`${source} is not a regular file`), { code: 'ENOTREGULAR' });
    if (stats.size > maxBytes) return { size: stats.size };
    const bytes = Buffer.allocUnsafe(stats.size);
    let at = 0;
    while (at < bytes.length) {
      const read = readSync(fd, bytes, at, bytes.length - at, at);
      if (read === 0) break;
      at += read;
    }
    return { bytes: bytes.subarray(0, at) };
  } finally {
    closeSync(fd);
  }
}
