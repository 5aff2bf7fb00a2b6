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
  /** Not a question about the story: a greeting, thanks, a call for help ("hi", "help", "quit"). Front doors say how to ask. */
  | 'help'
  /** The corpus does not answer it. */
  | 'no-match'
  /** The question was asked of one article, and the corpus has no article with that id. */
  | 'unknown-article';

/**
 * How sure the core is that the corpus answers a question:
 * - `answered`: confident; the excerpts answer it.
 * - `closest`: the corpus may not answer it; the nearest one or two passages are shown, so the reader can judge.
 * - `declined`: nothing in the corpus is relevant (an unrelated question, a greeting); no excerpt, suggestions instead.
 */
export type Outcome = 'answered' | 'closest' | 'declined';

/** What every answer carries, whatever its outcome. */
type AnswerBase = {
  /** The question as answered (cleaned, at most `maxQuestionChars`). */
  readonly question: string;
  /** The estimated chance, from 0 to 1, that the first excerpt holds the answer (calibrated on data, the same on every corpus). */
  readonly confidence: number;
};

/**
 * The core's reply to a question: cited excerpts, best first; or the closest passages with an honest "I'm not
 * sure"; or a decline with suggestions. `answered` is true for the confident tier only.
 */
export type Answer =
  | (AnswerBase & { readonly outcome: 'answered'; readonly answered: true; readonly results: readonly Result[] })
  | (AnswerBase & { readonly outcome: 'closest'; readonly answered: false; readonly results: readonly Result[] })
  | (AnswerBase & {
      readonly outcome: 'declined';
      readonly answered: false;
      readonly results: readonly [];
      readonly reason: DeclineReason;
      /** Up to three questions the corpus can answer, to offer instead. */
      readonly suggestions: readonly string[];
    });
