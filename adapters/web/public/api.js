// @ts-check
/**
 * The page's calls to Storybot's HTTP API (same origin). Every failure becomes an ApiError carrying a
 * sentence fit to show the reader.
 */

/**
 * @typedef {{ documentId: string, title: string, paragraph: number, source?: string, url?: string }} Citation
 * @typedef {{ text: string, highlights: [number, number][], score: number, citation: Citation }} Result
 * @typedef {{ question: string, outcome: 'answered' | 'closest' | 'declined', answered: boolean, confidence: number,
 *   results: Result[], suggestions?: string[], reason?: 'no-match' | 'empty' | 'help' | 'unknown-article' }} Answer
 * @typedef {{ id: string, title: string, source?: string, paragraphs: number }} ArticleSummary
 */

/** A request the API refused, or that never reached it; `message` is for the reader. */
export class ApiError extends Error {
  /**
   * @param {string} message
   * @param {string | undefined} field the request field at fault, when the API named one
   */
  constructor(message, field) {
    super(message);
    this.name = 'ApiError';
    this.field = field;
  }
}

/**
 * POSTs or GETs JSON and returns the parsed reply, or throws ApiError.
 * @param {string} path
 * @param {unknown} [body] sent as JSON with POST when given
 * @returns {Promise<unknown>}
 */
async function call(path, body) {
  let response;
  try {
    response = await fetch(
      path,
      body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
    );
  } catch {
    throw new ApiError('Storybot could not be reached. Check your connection and try again.', undefined);
  }
  if (response.status === 204) return undefined;
  /** @type {unknown} */
  const json = await response.json().catch(() => ({}));
  if (response.ok) return json;
  if (response.status === 429) {
    const seconds = Number(response.headers.get('retry-after')) || 30;
    throw new ApiError(`You're asking faster than Storybot can keep up. Please try again in ${seconds} seconds.`, undefined);
  }
  const error = /** @type {{ message?: unknown, field?: unknown }} */ (typeof json === 'object' && json !== null ? json : {});
  const message = typeof error.message === 'string' ? error.message : 'Sorry, something went wrong. Please try again later.';
  throw new ApiError(message, typeof error.field === 'string' ? error.field : undefined);
}

/**
 * @param {string} question
 * @param {string} [article] a document id, to answer from that article only
 * @returns {Promise<Answer>}
 */
export async function askQuestion(question, article) {
  return /** @type {Answer} */ (await call('/api/ask', article ? { question, article } : { question }));
}

/** @returns {Promise<ArticleSummary[]>} */
export async function listArticles() {
  const reply = /** @type {{ articles: ArticleSummary[] }} */ (await call('/api/articles'));
  return reply.articles;
}

/**
 * @param {Citation} citation the cited paragraph being marked
 * @param {boolean} helpful
 * @returns {Promise<void>}
 */
export async function sendFeedback(citation, helpful) {
  await call('/api/feedback', { documentId: citation.documentId, paragraph: citation.paragraph, helpful });
}
