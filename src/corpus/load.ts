import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { CorpusError, type CorpusProblem } from '../errors.js';
import { silentLogger, type Logger } from '../logger.js';
import { articleExtensions, parseArticleFile } from './parse.js';
import type { Article } from './schema.js';

/** A validated corpus: every article file of one directory. */
export type Corpus = {
  /** The directory the corpus was read from, as given. */
  readonly dir: string;
  /** Articles sorted by id, so results and ids are stable across machines. */
  readonly articles: readonly Article[];
  /** Files in the directory that are not articles (other extensions), left alone. */
  readonly skipped: readonly string[];
};

/**
 * Reads and validates every article file in `dir`.
 *
 * @throws {CorpusError} listing every problem of every bad file (a missing or empty directory, a file with no
 * title, a file that is not UTF-8 text, two files with one id), so an admin can fix them all in one go.
 */
export async function loadCorpus(dir: string, logger: Logger = silentLogger): Promise<Corpus> {
  const names = await listArticleFiles(dir);
  const problems: CorpusProblem[] = [];
  const articles: Article[] = [];
  const articleNames = names.filter(isArticleFile);
  for (const name of articleNames) {
    const file = path.join(dir, name);
    const bytes = await readFile(file).catch((error: unknown) => {
      problems.push({ file, problem: `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})` });
      return undefined;
    });
    if (bytes === undefined) continue;
    const result = parseArticleFile(file, bytes);
    if ('problems' in result) problems.push(...result.problems);
    else articles.push({ ...result.article, file: name });
  }
  problems.push(...duplicateIdProblems(dir, articles));
  if (articleNames.length === 0) {
    problems.push({ file: dir, problem: `has no article files (${articleExtensions.join(', ')})` });
  }
  if (problems.length > 0) throw new CorpusError(problems);
  const skipped = names.filter((name) => !isArticleFile(name) && !isIgnored(name));
  if (skipped.length > 0) logger('info', `skipped ${skipped.length} non-article files`, 'corpus.skipped', { skipped });
  articles.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { dir, articles, skipped };
}

async function listArticleFiles(dir: string): Promise<string[]> {
  try {
    if (!(await stat(dir)).isDirectory()) throw new CorpusError([{ file: dir, problem: 'is not a directory' }]);
    const entries = await readdir(dir, { withFileTypes: true });
    // Symbolic links count when they lead to a file; directories are never articles.
    const isFile = async (name: string) => (await stat(path.join(dir, name)).catch(() => undefined))?.isFile() === true;
    const names = await Promise.all(
      entries.map(async (entry) => (entry.isFile() || (entry.isSymbolicLink() && (await isFile(entry.name))) ? entry.name : undefined)),
    );
    return names.filter((name): name is string => name !== undefined).sort();
  } catch (error) {
    if (error instanceof CorpusError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const problem = code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? 'unknown error'})`;
    throw new CorpusError([{ file: dir, problem: `corpus directory ${problem}` }], { cause: error });
  }
}

function duplicateIdProblems(dir: string, articles: readonly Article[]): CorpusProblem[] {
  const byId = new Map<string, Article[]>();
  for (const article of articles) byId.set(article.id, [...(byId.get(article.id) ?? []), article]);
  return [...byId].flatMap(([id, group]) =>
    group.length < 2
      ? []
      : group.map((article) => ({
          file: path.join(dir, article.file),
          problem: `has the same document id "${id}" as ${group
            .filter((other) => other !== article)
            .map((other) => other.file)
            .join(', ')}: rename one of them`,
        })),
  );
}

/** Editors' swap and backup files, and hidden files, are never articles. */
const isIgnored = (name: string) => name.startsWith('.') || name.endsWith('~') || name.startsWith('#');

const isArticleFile = (name: string) =>
  !isIgnored(name) && articleExtensions.some((extension) => name.toLowerCase().endsWith(extension));
