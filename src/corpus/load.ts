import path from 'node:path';
import { CorpusError, type CorpusProblem } from '../errors.js';
import { silentLogger, type Logger } from '../logger.js';
import { listCorpusDir, readLimited, type CorpusEntry, type CorpusListing } from './files.js';
import { corpusLimits, formatBytes, type CorpusLimits } from './limits.js';
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
  /** The limits files are held to. @default corpusLimits */
  readonly limits?: CorpusLimits;
};

const progressEvery = 100;
/**
 * Files read between two turns of the event loop. Article files are small and local: read synchronously
 * a batch at a time, 10,000 take about 0.15 s, against 0.5 s to 1.8 s through the thread pool, and the
 * event loop (a bot answering during a reload) waits a millisecond or two at a time.
 */
const filesPerTurn = 64;
/** Bytes read between two turns at most, so that a few large files do not hold the event loop either. */
const bytesPerTurn = 2 * 1024 * 1024;
/**
 * Reads and validates every article file in `dir`, keeping the good articles and collecting every
 * problem of every bad file (a missing or empty directory, a file with no title, a file that is not
 * UTF-8 text, two files with one id, a file over a limit, a symbolic link that leads out of the directory
 * or nowhere). Never throws for a bad file.
 */
export async function readCorpus(dir: string, options: ReadCorpusOptions = {}): Promise<CorpusReading> {
  const logger = options.logger ?? silentLogger;
  let listing: CorpusListing;
  try {
    listing = await listCorpusDir(dir, isIgnored);
  } catch (error) {
    if (!(error instanceof CorpusError)) throw error;
    return { corpus: { dir, articles: [], skipped: [] }, problems: error.problems, files: [] };
  }
  const articleEntries = listing.entries.filter((entry) => isArticleFile(entry.name));
  const { articles, problems } = await readArticles(dir, articleEntries, options);
  const duplicates = duplicateIdProblems(dir, articles);
  problems.push(...listing.problems, ...duplicates);
  if (articleEntries.length === 0) {
    problems.push({ file: dir, problem: `has no article files (${articleExtensions.join(', ')})` });
  }
  const skipped = listing.entries.map((entry) => entry.name).filter((name) => !isArticleFile(name) && !isIgnored(name));
  if (skipped.length > 0) logger('info', `skipped ${skipped.length} non-article files`, 'corpus.skipped', { skipped });
  const duplicated = new Set(duplicates.map((problem) => problem.file));
  const good = articles.filter((article) => !duplicated.has(path.join(dir, article.file)));
  good.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { corpus: { dir, articles: good, skipped }, problems, files: articleEntries.map((entry) => entry.name) };
}

/** Reads and parses `entries` in order, a batch between turns of the event loop, within the corpus's limits. */
async function readArticles(
  dir: string,
  entries: readonly CorpusEntry[],
  options: ReadCorpusOptions,
): Promise<{ articles: Article[]; problems: CorpusProblem[] }> {
  const limits = options.limits ?? corpusLimits;
  const problems: CorpusProblem[] = [];
  const articles: Article[] = [];
  let [total, files, bytes] = [0, 0, 0];
  for (const [index, entry] of entries.entries()) {
    if (files >= filesPerTurn || bytes >= bytesPerTurn) {
      await new Promise((resolve) => setImmediate(resolve));
      [files, bytes] = [0, 0];
    }
    const { result, size } = readArticle(dir, entry, limits, total);
    [total, files, bytes] = [total + size, files + 1, bytes + size];
    if ('problems' in result) problems.push(...result.problems);
    else articles.push({ ...result.article, file: entry.name });
    if ((index + 1) % progressEvery === 0 || index + 1 === entries.length) options.onProgress?.({ filesRead: index + 1, files: entries.length });
  }
  return { articles, problems };
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

/** One article file, read and parsed unless it is over a limit; `size` is what it added to the corpus's bytes. */
function readArticle(dir: string, entry: CorpusEntry, limits: CorpusLimits, total: number): { result: ParseResult; size: number } {
  const file = path.join(dir, entry.name);
  let read;
  try {
    read = readLimited(entry.source, Math.min(limits.fileBytes, Math.max(0, limits.corpusBytes - total)));
  } catch (error) {
    return { result: fail(file, `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`), size: 0 };
  }
  if ('size' in read) return { result: fail(file, overLimit(read.size, limits)), size: 0 };
  const result = parseArticleFile(file, read.bytes);
  const extra = 'article' in result ? result.article.paragraphs[limits.paragraphs] : undefined;
  if ('article' in result && extra !== undefined) {
    const count = result.article.paragraphs.length.toLocaleString('en-US');
    const problem = `has ${count} paragraphs; an article may have at most ${limits.paragraphs.toLocaleString('en-US')}: split it into several files`;
    return { result: { problems: [{ file, line: extra.line, problem }] }, size: read.bytes.length };
  }
  return { result, size: read.bytes.length };
}

/** Why a file of `size` bytes was not read: larger than a file may be, or more than the corpus has room left for. */
function overLimit(size: number, limits: CorpusLimits): string {
  if (size > limits.fileBytes)
    return `is ${formatBytes(size)}; an article file may be at most ${formatBytes(limits.fileBytes)}: split it into several files`;
  return `was left out: with it, the article files would come to more than the corpus's limit of ${formatBytes(limits.corpusBytes)} (files are read in name order)`;
}

const fail = (file: string, problem: string): ParseResult => ({ problems: [{ file, problem }] });

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
