import { AnswerCache } from './answer/answer-cache.js';
import { corpusSuggestions, matchSuggestions, suggestionsKey } from './answer/suggest.js';
import type { CorpusLimits } from './corpus/limits.js';
import { readCorpus, type Corpus } from './corpus/load.js';
import { CorpusError, type CorpusProblem } from './errors.js';
import { silentLogger, type Logger } from './logger.js';
import type { BuildProgress } from './search/index-data.js';
import { indexInWorker } from './search/build-in-worker.js';
import { loadOrBuildIndex, prefetchLastUsed, type CachedIndex, type IndexSource } from './search/index-cache.js';
import type { PassageIndex } from './search/passage-index.js';

/** One whole, immutable state of the bot: swapped in by one assignment on reload. */
export type Snapshot = {
  readonly corpus: Corpus;
  readonly index: PassageIndex;
  readonly suggestions: readonly string[];
  readonly loadedAt: Date;
  /** The answers given from this corpus (none kept when the bot's cache is off); a reload starts a new one. */
  readonly answers: AnswerCache;
};

/** What building a snapshot needs from the bot's options. */
type SnapshotOptions = { readonly logger?: Logger; readonly cacheDir?: string; readonly limits?: CorpusLimits };

/** How a snapshot is made: when, its suggestions when already worked out, and how many answers it keeps. */
export type SnapshotParts = {
  readonly loadedAt: Date;
  readonly suggestions?: readonly string[] | undefined;
  readonly answerCacheSize: number;
};

/**
 * A snapshot of `corpus`. Its suggestions come with the index (from the cache, or worked out when it was
 * built); when not `known` (a bot built from articles in memory), they are worked out when first needed:
 * a declined question or autocomplete, never a question that is answered.
 */
export function snapshotOf(corpus: Corpus, index: PassageIndex, parts: SnapshotParts): Snapshot {
  let suggestions: readonly string[] | undefined = parts.suggestions;
  return {
    corpus,
    index,
    loadedAt: parts.loadedAt,
    answers: new AnswerCache(parts.answerCacheSize),
    get suggestions() {
      suggestions ??= corpusSuggestions(index);
      return suggestions;
    },
  };
}

/**
 * The corpus's index: from the cache when it has this content, else built. With `offThread`, a worker
 * thread does it all (the cache, the build, the suggestions), so the main thread only copies the articles
 * over and reads the index back, each in small steps: answering goes on during a reload of a large corpus.
 */
export async function indexOf(corpus: Corpus, options: SnapshotOptions, offThread: boolean): Promise<CachedIndex> {
  if (!offThread) return loadOrBuildIndex(corpus.articles, indexSource(options, false));
  const started = Date.now();
  const { onProgress, logger } = indexSource(options, true);
  const built = await indexInWorker(corpus.articles, { cacheDir: options.cacheDir, suggestions: true, onProgress });
  logger('info', built.fromCache ? 'index read from the cache' : 'index built', built.fromCache ? 'index.cache_hit' : 'index.built', {
    ms: Date.now() - started,
    passages: built.index.size,
    offThread: true,
  });
  return { index: built.index, suggestions: built.suggestions };
}

/** How much text a corpus holds: what indexing it costs, whatever the number of paragraphs. */
export const textCharsIn = (corpus: Corpus) =>
  corpus.articles.reduce((sum, article) => article.paragraphs.reduce((chars, paragraph) => chars + paragraph.text.length, sum), 0);

/**
 * The corpus in `dir` and its index, for a bot starting up: every good article, and the problems of the
 * bad files (or, with `strict`, none at all). The cache file used last is read on the thread pool while
 * the corpus's content key is worked out (about as long, at 0.15 s for 10,000 articles); reading it
 * while the corpus is read instead slows that reading more than it saves.
 *
 * @throws {CorpusError} naming every problem of every bad file, when no good article is left (or, with
 * `strict`, when any file is bad).
 */
export async function loadCorpusWithIndex(
  dir: string,
  options: SnapshotOptions & { readonly strict?: boolean },
): Promise<CachedIndex & { corpus: Corpus; problems: readonly CorpusProblem[] }> {
  const { corpus, problems } = await readCorpus(dir, {
    ...(options.logger === undefined ? {} : { logger: options.logger }),
    ...(options.limits === undefined ? {} : { limits: options.limits }),
  });
  if (corpus.articles.length === 0 || (options.strict === true && problems.length > 0)) throw new CorpusError(problems);
  const prefetched = options.cacheDir === undefined ? undefined : prefetchLastUsed(options.cacheDir);
  return { corpus, problems, ...(await loadOrBuildIndex(corpus.articles, indexSource(options, false), prefetched)) };
}

function indexSource(options: SnapshotOptions, offThread: boolean): IndexSource {
  const logger = options.logger ?? silentLogger;
  // Progress is worth a log line only when indexing takes a while.
  const onProgress = ({ passagesIndexed, passages }: BuildProgress) => {
    if (passages >= 5000)
      logger('info', `indexed ${passagesIndexed} of ${passages} passages`, 'index.progress', { passagesIndexed, passages });
  };
  return { cacheDir: options.cacheDir, offThread, logger, onProgress, suggesting: { key: suggestionsKey, of: corpusSuggestions } };
}

export const paragraphsIn = (corpus: Corpus) => corpus.articles.reduce((sum, article) => sum + article.paragraphs.length, 0);

/** Suggestions that share words with the declined question first, then the corpus's main topics. */
export function pickSuggestions(suggestions: readonly string[], question: string): string[] {
  const picked = matchSuggestions(suggestions, question, 3);
  for (const topic of suggestions) {
    if (picked.length >= 3) break;
    if (!picked.includes(topic)) picked.push(topic);
  }
  return picked;
}
