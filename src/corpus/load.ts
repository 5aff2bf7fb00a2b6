import { readFileSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { CorpusError, type CorpusProblem } from '../errors.js';
import { silentLogger, type Logger } from '../logger.js';
import { articleExtensions, parseArticleFile, type ParseResult } from './parse.js';
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

/** What reading a corpus directory found: the good articles, and every problem of the bad files. */
export type CorpusReading = {
  readonly corpus: Corpus;
  readonly problems: readonly CorpusProblem[];
  /** The article files found, good and bad, relative to the directory. */
  readonly files: readonly string[];
};

/** Progress of a read, reported every `progressEvery` files and at the end. */
export type LoadProgress = { readonly filesRead: number; readonly files: number };

export type ReadCorpusOptions = {
  readonly logger?: Logger;
  readonly onProgress?: (progress: LoadProgress) => void;
};

const progressEvery = 100;
/**
 * Files read between two turns of the event loop. Article files are small and local: read synchronously
 * a batch at a time, 10,000 take about 0.15 s, against 0.5 s to 1.8 s through the thread pool, and the
 * event loop (a bot answering during a reload) waits a millisecond or two at a time.
 */
const filesPerTurn = 64;
/**
 * Reads and validates every article file in `dir`, keeping the good articles and collecting every
 * problem of every bad file (a missing or empty directory, a file with no title, a file that is not
 * UTF-8 text, two files with one id). Never throws for a bad file.
 */
export async function readCorpus(dir: string, options: ReadCorpusOptions = {}): Promise<CorpusReading> {
  const logger = options.logger ?? silentLogger;
  let names: string[];
  try {
    names = await listArticleFiles(dir);
  } catch (error) {
    if (!(error instanceof CorpusError)) throw error;
    return { corpus: { dir, articles: [], skipped: [] }, problems: error.problems, files: [] };
  }
  const problems: CorpusProblem[] = [];
  const articles: Article[] = [];
  const articleNames = names.filter(isArticleFile);
  for (const [index, name] of articleNames.entries()) {
    if (index > 0 && index % filesPerTurn === 0) await new Promise((resolve) => setImmediate(resolve));
    const result = readArticle(dir, name);
    if ('problems' in result) problems.push(...result.problems);
    else articles.push({ ...result.article, file: name });
    if ((index + 1) % progressEvery === 0 || index + 1 === articleNames.length) {
      options.onProgress?.({ filesRead: index + 1, files: articleNames.length });
    }
  }
  const duplicates = duplicateIdProblems(dir, articles);
  problems.push(...duplicates);
  if (articleNames.length === 0) {
    problems.push({ file: dir, problem: `has no article files (${articleExtensions.join(', ')})` });
  }
  const skipped = names.filter((name) => !isArticleFile(name) && !isIgnored(name));
  if (skipped.length > 0) logger('info', `skipped ${skipped.length} non-article files`, 'corpus.skipped', { skipped });
  const duplicated = new Set(duplicates.map((problem) => problem.file));
  const good = articles.filter((article) => !duplicated.has(path.join(dir, article.file)));
  good.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { corpus: { dir, articles: good, skipped }, problems, files: articleNames };
}

/**
 * Reads and validates every article file in `dir`, strictly: any problem fails the whole load.
 *
 * @throws {CorpusError} listing every problem of every bad file, so an admin can fix them all in one go.
 */
export async function loadCorpus(dir: string, logger: Logger = silentLogger): Promise<Corpus> {
  const { corpus, problems } = await readCorpus(dir, { logger });
  if (problems.length > 0) throw new CorpusError(problems);
  return corpus;
}

function readArticle(dir: string, name: string): ParseResult {
  const file = path.join(dir, name);
  try {
    return parseArticleFile(file, readFileSync(file));
  } catch (error) {
    return { problems: [{ file, problem: `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})` }] };
  }
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
