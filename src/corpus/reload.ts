import path from 'node:path';
import type { CorpusProblem } from '../errors.js';
import type { Corpus, CorpusReading } from './load.js';
import type { Article } from './schema.js';

/** What a reload will serve: the new good articles, plus the last good version of each bad file. */
export type ReloadPlan = {
  readonly corpus: Corpus;
  readonly problems: readonly CorpusProblem[];
  /** Bad files still served from their last good version (file names relative to the directory). */
  readonly keptLastGood: readonly string[];
  /** False when the directory itself is unusable (missing, unreadable, no article files): keep everything. */
  readonly isUsable: boolean;
};

/**
 * Decides what to serve after re-reading a corpus directory (pure). A file that fails validation is
 * served as it last was when it was good, so a half-saved edit never removes an article; a new bad
 * file is left out until it is fixed; a removed file is gone. Problems are reported either way.
 */
export function planReload(reading: CorpusReading, previous: Corpus): ReloadPlan {
  const { corpus, problems } = reading;
  const dirProblem = problems.some((problem) => path.resolve(problem.file) === path.resolve(corpus.dir));
  if (dirProblem || reading.files.length === 0) return { corpus: previous, problems, keptLastGood: [], isUsable: false };
  const badFiles = new Set(problems.map((problem) => path.relative(corpus.dir, problem.file)));
  const newIds = new Set(corpus.articles.map((article) => article.id));
  const kept: Article[] = previous.articles.filter(
    (article) => badFiles.has(article.file) && reading.files.includes(article.file) && !newIds.has(article.id),
  );
  const articles = [...corpus.articles, ...kept].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return {
    corpus: { ...corpus, articles },
    problems,
    keptLastGood: kept.map((article) => article.file),
    isUsable: articles.length > 0,
  };
}
