/**
 * Where an excerpt stands: platform-neutral data, no markup. Each front door renders it its own way
 * ("The New York Times, ¶23").
 */
export type Citation = {
  readonly documentId: string;
  readonly title: string;
  /** The paragraph's number in the article, from 1; 0 stands for the article's front matter (its metadata). */
  readonly paragraph: number;
  readonly source?: string;
  readonly url?: string;
};

/** Character offsets `[start, end)` into a result's text: the words that matched the question. */
export type Highlight = readonly [start: number, end: number];

/** One cited excerpt: verbatim corpus text. */
export type Result = {
  readonly text: string;
  readonly highlights: readonly Highlight[];
  /** Relative confidence, higher is better; comparable within one answer only. */
  readonly score: number;
  readonly citation: Citation;
};

/** Why a question was declined. */
export type DeclineReason =
  /** The question is empty, or only punctuation and filler words. */
  | 'empty'
  /** The corpus does not answer it. */
  | 'no-match'
  /** The question was asked of one article, and the corpus has no article with that id. */
  | 'unknown-article';

/** The core's reply to a question: cited excerpts, best first, or an honest "the story does not say". */
export type Answer =
  | { readonly question: string; readonly answered: true; readonly results: readonly Result[] }
  | {
      readonly question: string;
      readonly answered: false;
      readonly results: readonly [];
      readonly reason: DeclineReason;
      /** Up to three questions the corpus can answer, to offer instead. */
      readonly suggestions: readonly string[];
    };
