/** A question as typed, split into the article it is scoped to (if any) and the question itself. */
export type ScopedQuestion = {
  /** The document id after `in:`, lower-cased; undefined when the question is for every article. */
  readonly article: string | undefined;
  /** The question without its `in:` token. */
  readonly question: string;
};

/** `in:<document-id>` at the very start, then whitespace (or nothing). */
const scopePattern = /^\s*in:(\S+)(?:\s+|$)/i;

/**
 * Reads the "ask one article" syntax: a question starting with `in:<document-id>` is for that article
 * only. The token is removed from the question; trailing punctuation typed after the id is ignored.
 * Anything else is a question for every article, unchanged.
 *
 * @example parseScope('in:us-presses-mexico-on-cartels who is Harfuch?')
 * // { article: 'us-presses-mexico-on-cartels', question: 'who is Harfuch?' }
 */
export function parseScope(text: string): ScopedQuestion {
  const match = scopePattern.exec(text);
  const id = match?.[1]?.replace(/[,;:.!?]+$/, '').toLowerCase() ?? '';
  if (match === null || id === '') return { article: undefined, question: text };
  return { article: id, question: text.slice(match[0].length).trim() };
}

/** The question as the user would type it again: `in:<id> question`, or the question alone. */
export function formatScope({ article, question }: ScopedQuestion): string {
  return article === undefined ? question : `in:${article} ${question}`.trim();
}
