import { answerQuestion, citationFor, type AnswerOptions } from './answer/answer.js';
import { matchSuggestions } from './answer/suggest.js';
import type { Answer, Citation } from './answer/types.js';
import type { CorpusLimits } from './corpus/limits.js';
import { readCorpus, type Corpus, type LoadProgress } from './corpus/load.js';
import { planReload } from './corpus/reload.js';
import type { Article } from './corpus/schema.js';
import type { CorpusProblem } from './errors.js';
import { silentLogger, type Logger } from './logger.js';
import { PassageIndex } from './search/passage-index.js';
import { usageEntryFor, type CitedParagraph, type UsageSink } from './usage/log.js';
import { indexOf, loadCorpusWithIndex, paragraphsIn, pickSuggestions, snapshotOf, textCharsIn, type Snapshot } from './snapshot.js';

/** A problem of the corpus directory, and since when it has been there. */
export type ReportedProblem = CorpusProblem & { readonly since: Date };

/** What a front door shows admins about the corpus being served. */
export type CorpusStatus = {
  readonly dir: string;
  readonly documents: number;
  readonly paragraphs: number;
  readonly passages: number;
  readonly loadedAt: Date;
  /** The problems the last reload found, each with when it was first seen; empty when the corpus is clean. */
  readonly rejected: readonly ReportedProblem[];
  /** When the last reload found those problems. */
  readonly rejectedAt: Date | undefined;
  /** Bad files still served as they last were when good. */
  readonly keptLastGood: readonly string[];
};

/**
 * The outcome of a reload: `ok` when the directory had no problem at all. `swapped` says whether a new
 * corpus was swapped in (the good files, with bad ones at their last good version), or nothing changed
 * because the directory itself was unusable (missing, unreadable, no article files).
 */
export type ReloadOutcome =
  | { readonly ok: true; readonly swapped: true; readonly status: CorpusStatus }
  | { readonly ok: false; readonly swapped: boolean; readonly problems: readonly CorpusProblem[]; readonly status: CorpusStatus };

/** Told after every reload: its outcome, and whether the reload before it had problems (to say "recovered"). */
export type ReloadListener = (outcome: ReloadOutcome, hadProblems: boolean) => void;

/**
 * The part of `Storybot` that front doors use: what their `start` functions take, so tests can hand them
 * a fake (a plain object with these methods) instead of a loaded bot.
 */
export type BotCore = Pick<Storybot, 'ask' | 'articles' | 'paragraph' | 'suggest' | 'status' | 'reload' | 'onReload' | 'recordFeedback'>;

/** One whole cited paragraph, for "Full paragraph" buttons. */
export type ParagraphText = { readonly text: string; readonly citation: Citation };

/** Options of one question. */
export type AskOptions = Omit<AnswerOptions, 'suggestions'> & {
  /** Which front door asked ('discord', 'slack', 'terminal', 'cli'): recorded in the usage log. */
  readonly platform?: string;
};

export type StorybotOptions = {
  readonly logger?: Logger;
  /** Defaults for every question: how many excerpts, how long. */
  readonly answer?: AskOptions;
  /** Where declined questions, cited paragraphs and readers' marks are recorded. @default nowhere */
  readonly usage?: UsageSink;
  /** Told as files are read, during load and reload. */
  readonly onProgress?: (progress: LoadProgress) => void;
  /** Where serialized indexes are cached by content, so an unchanged corpus starts without re-indexing. @default none */
  readonly cacheDir?: string;
  /** The limits article files are held to, at load and reload. @default corpusLimits (CORPUS_MAX_MB) */
  readonly limits?: CorpusLimits;
  /**
   * From how many characters of article text a reload makes its index on a worker thread, so that answering
   * never waits on it: indexing takes about a third of a microsecond a character here, so 64,000 characters
   * cost the event loop about 20 ms, however they are split into paragraphs (one 1 MB paragraph once held
   * it for 1.3 s when the choice went by paragraph count).
   * @default 64000
   */
  readonly offThreadFrom?: number;
  /**
   * How many answers to keep, by question and options, so a question asked again is answered without the
   * work (many readers ask the same things). Kept per corpus: a reload starts afresh. 0 keeps none, which
   * is the default so that benchmarks and the eval measure the answering itself; `npm start` keeps
   * ANSWER_CACHE_SIZE.
   * @default 0
   */
  readonly answerCacheSize?: number;
  /** The clock, injectable for tests. */
  readonly now?: () => Date;
};

/**
 * The core as front doors use it: one corpus, indexed, answering questions. `reload()` reads and indexes
 * the corpus to the side and swaps it in with one assignment, so each question is answered from one whole
 * corpus; a bad file never replaces what was serving.
 */
export class Storybot {
  #snapshot: Snapshot;
  #problems: ReportedProblem[] = [];
  #problemsAt: Date | undefined;
  #keptLastGood: readonly string[] = [];
  #reloading: Promise<ReloadOutcome> | undefined;
  #queued: Promise<ReloadOutcome> | undefined;
  readonly #listeners = new Set<ReloadListener>();
  readonly #options: StorybotOptions;

  private constructor(snapshot: Snapshot, options: StorybotOptions) {
    this.#snapshot = snapshot;
    this.#options = options;
  }

  /**
   * Loads and indexes the corpus in `dir`: every good file, as a reload would. The bad files' problems are
   * logged (`corpus.rejected`) and reported by `status()` as a reload's are; with `strict`, any bad file
   * fails the load instead.
   *
   * @throws {CorpusError} naming every problem of every bad file, when no good article is left (a
   * missing or empty directory, say), or with `strict` when any file is bad.
   */
  static async load(dir: string, options: StorybotOptions & { readonly strict?: boolean } = {}): Promise<Storybot> {
    const { corpus, index, suggestions, problems } = await loadCorpusWithIndex(dir, options);
    const snapshot = snapshotOf(corpus, index, snapshotParts(options, suggestions));
    const bot = new Storybot(snapshot, options);
    if (problems.length > 0) {
      bot.#recordProblems(problems, []);
      (options.logger ?? silentLogger)('warn', 'the corpus has problems; serving the good files without them', 'corpus.rejected', {
        problems,
        documents: corpus.articles.length,
      });
    }
    return bot;
  }

  /** Builds a bot over articles already in memory (tests, benchmarks). */
  static fromCorpus(corpus: Corpus, options: StorybotOptions = {}): Storybot {
    return new Storybot(snapshotOf(corpus, new PassageIndex(corpus.articles), snapshotParts(options)), options);
  }

  /** Answers a question from the corpus being served. Never throws on any input. */
  ask(question: string, options: AskOptions = {}): Answer {
    const snapshot = this.#snapshot;
    const { platform, ...asked } = options;
    const answerOptions = { ...this.#options.answer, ...asked };
    const answer =
      snapshot.answers.get(question, answerOptions) ??
      snapshot.answers.set(
        question,
        answerOptions,
        answerQuestion(snapshot.index, question, { ...answerOptions, suggestions: this.#suggester(snapshot, answerOptions.article) }),
      );
    const entry = platform === undefined ? undefined : usageEntryFor(answer, platform, now(this.#options));
    if (entry !== undefined) this.#options.usage?.record(entry);
    return answer;
  }

  /** Records a reader's "helpful" or "not helpful" mark on a cited paragraph in the usage log. */
  recordFeedback(platform: string, helpful: boolean, cited: CitedParagraph): void {
    this.#options.usage?.record({ kind: 'feedback', time: now(this.#options).toISOString(), platform, helpful, cited });
  }

  /** The articles being served, sorted by id. */
  articles(): readonly Article[] {
    return this.#snapshot.corpus.articles;
  }

  /** The whole text of one paragraph with its citation, or undefined when the corpus no longer has it. */
  paragraph(documentId: string, paragraph: number): ParagraphText | undefined {
    const article = this.#snapshot.index.articles.get(documentId);
    const found = article?.paragraphs.find((p) => p.number === paragraph);
    return found === undefined ? undefined : { text: found.text, citation: citationFor(article, { documentId, paragraph }) };
  }

  /**
   * Up to `limit` questions the corpus (or one `article` of it) answers, matching what a user has typed so
   * far (autocomplete).
   */
  suggest(typed: string, limit = 25, options: { readonly article?: string } = {}): string[] {
    const { suggestions } = this.#snapshot;
    return matchSuggestions(this.#answeredIn(suggestions, options.article), typed, limit);
  }

  /** What to suggest for a declined question: worked out only when one is declined. */
  #suggester(snapshot: Snapshot, article: string | undefined): (asked: string) => string[] {
    // Returned, not assigned to a name: the runtime's transpiler would name the function on every call.
    return (asked) => pickSuggestions(this.#answeredIn(snapshot.suggestions, article), asked);
  }

  /** The suggestions that one article answers, or all of them when no article is named. */
  #answeredIn(suggestions: readonly string[], article: string | undefined): readonly string[] {
    if (article === undefined) return suggestions;
    const { index } = this.#snapshot;
    return suggestions.filter((question) => answerQuestion(index, question, { article }).answered);
  }

  /** What is being served, and what the last reload found wrong. */
  status(): CorpusStatus {
    const { corpus, index, loadedAt } = this.#snapshot;
    return {
      dir: corpus.dir,
      documents: corpus.articles.length,
      paragraphs: paragraphsIn(corpus),
      passages: index.size,
      loadedAt,
      rejected: this.#problems,
      rejectedAt: this.#problemsAt,
      keptLastGood: this.#keptLastGood,
    };
  }

  /** Calls `listener` after every reload; returns a function that stops it. */
  onReload(listener: ReloadListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * Re-reads the corpus directory and swaps in what is good. Bad files keep their last good version
   * (or stay out when they never had one); a missing or empty directory changes nothing. Calls made
   * while a reload runs share one follow-up reload, so a burst of changes costs at most two.
   */
  reload(): Promise<ReloadOutcome> {
    if (this.#reloading === undefined) {
      this.#reloading = this.#reloadOnce().finally(() => (this.#reloading = undefined));
      return this.#reloading;
    }
    this.#queued ??= this.#reloading
      .catch(() => undefined)
      .then(() => {
        this.#queued = undefined;
        return this.reload();
      });
    return this.#queued;
  }

  async #reloadOnce(): Promise<ReloadOutcome> {
    const logger = this.#options.logger ?? silentLogger;
    const previous = this.#snapshot.corpus;
    const reading = await readCorpus(previous.dir, {
      logger,
      ...(this.#options.limits === undefined ? {} : { limits: this.#options.limits }),
      ...(this.#options.onProgress ? { onProgress: this.#options.onProgress } : {}),
    });
    const plan = planReload(reading, previous);
    if (plan.isUsable) {
      const isLarge = textCharsIn(plan.corpus) >= (this.#options.offThreadFrom ?? 64_000);
      const { index, suggestions } = await indexOf(plan.corpus, this.#options, isLarge);
      this.#snapshot = snapshotOf(plan.corpus, index, snapshotParts(this.#options, suggestions));
    }
    const hadProblems = this.#problems.length > 0;
    this.#recordProblems(plan.problems, plan.isUsable ? plan.keptLastGood : this.#keptLastGood);
    const status = this.status();
    const outcome: ReloadOutcome =
      plan.problems.length === 0
        ? { ok: true, swapped: true, status }
        : { ok: false, swapped: plan.isUsable, problems: plan.problems, status };
    if (outcome.ok) logger('info', 'corpus reloaded', 'corpus.reloaded', { dir: previous.dir, documents: status.documents });
    else
      logger('warn', 'corpus reload found problems; their files keep their last good version', 'corpus.rejected', {
        problems: plan.problems,
        keptLastGood: status.keptLastGood,
      });
    for (const listener of this.#listeners) {
      // A listener's failure (say, an admin channel that refuses a post) must not fail the reload.
      try {
        listener(outcome, hadProblems);
      } catch (error) {
        logger('error', 'a reload listener failed', 'corpus.listener_failed', { error });
      }
    }
    return outcome;
  }

  #recordProblems(problems: readonly CorpusProblem[], keptLastGood: readonly string[]): void {
    const at = now(this.#options);
    const since = new Map(this.#problems.map((p) => [problemKey(p), p.since]));
    this.#problems = problems.map((problem) => ({ ...problem, since: since.get(problemKey(problem)) ?? at }));
    this.#problemsAt = problems.length > 0 ? at : undefined;
    this.#keptLastGood = keptLastGood;
  }
}

const problemKey = (problem: CorpusProblem) => `${problem.file}\u0000${problem.line ?? ''}\u0000${problem.problem}`;
const now = (options: StorybotOptions) => (options.now ?? (() => new Date()))();
const snapshotParts = (options: StorybotOptions, suggestions?: readonly string[]) => ({
  loadedAt: now(options),
  suggestions,
  answerCacheSize: options.answerCacheSize ?? 0,
});
