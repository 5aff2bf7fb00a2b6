import { answerQuestion, citationFor, type AnswerOptions } from './answer/answer.js';
import { matchSuggestions, suggestQuestions } from './answer/suggest.js';
import type { Answer, Citation } from './answer/types.js';
import { loadCorpus, type Corpus } from './corpus/load.js';
import type { Article } from './corpus/schema.js';
import { CorpusError, type CorpusProblem } from './errors.js';
import { silentLogger, type Logger } from './logger.js';
import { PassageIndex } from './search/passage-index.js';

/** What a front door shows admins about the corpus being served. */
export type CorpusStatus = {
  readonly dir: string;
  readonly documents: number;
  readonly paragraphs: number;
  readonly passages: number;
  readonly loadedAt: Date;
  /** The problems of the last load that was rejected, if the last attempt failed; empty otherwise. */
  readonly rejected: readonly CorpusProblem[];
  readonly rejectedAt: Date | undefined;
};

/** The outcome of a reload: the new status, or the problems that kept the previous corpus in place. */
export type ReloadOutcome =
  | { readonly ok: true; readonly status: CorpusStatus }
  | { readonly ok: false; readonly problems: readonly CorpusProblem[]; readonly status: CorpusStatus };

/** One whole cited paragraph, for "Full paragraph" buttons. */
export type ParagraphText = { readonly text: string; readonly citation: Citation };

type Snapshot = { readonly corpus: Corpus; readonly index: PassageIndex; readonly suggestions: readonly string[]; readonly loadedAt: Date };

export type StorybotOptions = {
  readonly logger?: Logger;
  /** Defaults for every question: how many excerpts, how long. */
  readonly answer?: Omit<AnswerOptions, 'suggestions'>;
  /** The clock, injectable for tests. */
  readonly now?: () => Date;
};

/**
 * The core as front doors use it: one corpus, indexed, answering questions. `reload()` validates and
 * indexes a new corpus to the side and swaps it in with one assignment, so a question is always answered
 * from one whole corpus, and a bad corpus never replaces a good one.
 */
export class Storybot {
  #snapshot: Snapshot;
  #rejected: { problems: readonly CorpusProblem[]; at: Date } | undefined;
  readonly #options: StorybotOptions;

  private constructor(snapshot: Snapshot, options: StorybotOptions) {
    this.#snapshot = snapshot;
    this.#options = options;
  }

  /** Loads and indexes the corpus in `dir`. @throws {CorpusError} naming every bad file. */
  static async load(dir: string, options: StorybotOptions = {}): Promise<Storybot> {
    return new Storybot(await buildSnapshot(dir, options), options);
  }

  /** Builds a bot over articles already in memory (tests, benchmarks). */
  static fromCorpus(corpus: Corpus, options: StorybotOptions = {}): Storybot {
    return new Storybot(snapshotOf(corpus, options), options);
  }

  /** Answers a question from the corpus being served. Never throws on any input. */
  ask(question: string, options: Omit<AnswerOptions, 'suggestions'> = {}): Answer {
    const { index, suggestions } = this.#snapshot;
    return answerQuestion(index, question, {
      ...this.#options.answer,
      ...options,
      suggestions: (asked) => pickSuggestions(suggestions, asked),
    });
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

  /** Up to `limit` questions the corpus answers, matching what a user has typed so far (autocomplete). */
  suggest(typed: string, limit = 25): string[] {
    return matchSuggestions(this.#snapshot.suggestions, typed, limit);
  }

  /** What is being served, and what the last rejected reload said. */
  status(): CorpusStatus {
    const { corpus, index, loadedAt } = this.#snapshot;
    return {
      dir: corpus.dir,
      documents: corpus.articles.length,
      paragraphs: corpus.articles.reduce((sum, article) => sum + article.paragraphs.length, 0),
      passages: index.size,
      loadedAt,
      rejected: this.#rejected?.problems ?? [],
      rejectedAt: this.#rejected?.at,
    };
  }

  /** Re-reads the corpus directory; a corpus with any problem is rejected and the current one keeps serving. */
  async reload(dir: string = this.#snapshot.corpus.dir): Promise<ReloadOutcome> {
    const logger = this.#options.logger ?? silentLogger;
    try {
      this.#snapshot = await buildSnapshot(dir, this.#options);
      this.#rejected = undefined;
      logger('info', 'corpus reloaded', 'corpus.reloaded', { dir, documents: this.#snapshot.corpus.articles.length });
      return { ok: true, status: this.status() };
    } catch (error) {
      if (!(error instanceof CorpusError)) throw error;
      this.#rejected = { problems: error.problems, at: now(this.#options) };
      logger('warn', 'corpus reload rejected; the previous corpus keeps serving', 'corpus.rejected', {
        dir,
        problems: error.problems,
      });
      return { ok: false, problems: error.problems, status: this.status() };
    }
  }
}

async function buildSnapshot(dir: string, options: StorybotOptions): Promise<Snapshot> {
  return snapshotOf(await loadCorpus(dir, options.logger), options);
}

function snapshotOf(corpus: Corpus, options: StorybotOptions): Snapshot {
  const index = new PassageIndex(corpus.articles);
  const suggestions = suggestQuestions(index, (question) => answerQuestion(index, question).answered);
  return { corpus, index, suggestions, loadedAt: now(options) };
}

/** Suggestions that share words with the declined question first, then the corpus's main topics. */
function pickSuggestions(suggestions: readonly string[], question: string): string[] {
  const related = matchSuggestions(suggestions, question, 3);
  return [...new Set([...related, ...suggestions])].slice(0, 3);
}

const now = (options: StorybotOptions) => (options.now ?? (() => new Date()))();
