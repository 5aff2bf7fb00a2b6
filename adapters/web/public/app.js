// @ts-check
/**
 * The reader's page (`/`) and its embedded form (`/embed`): asks the API, shows the answer, records marks.
 * The question is kept in the address (`?q=`), and the answer in this tab's session, so coming back from
 * a citation's reading view shows the same answer without asking again.
 */
import { ApiError, askQuestion, listArticles, sendFeedback } from './api.js';
import { answerNodes, statusFor } from './answer-view.js';

/** @typedef {import('./api.js').Answer} Answer */

/**
 * @template {HTMLElement} T
 * @param {string} id
 * @param {new () => T} type
 * @returns {T}
 */
function byId(id, type) {
  const found = document.getElementById(id);
  if (!(found instanceof type)) throw new Error(`the page has no #${id}`);
  return found;
}

const form = byId('ask-form', HTMLFormElement);
const input = byId('question', HTMLInputElement);
const button = byId('ask-button', HTMLButtonElement);
const fieldError = byId('question-error', HTMLElement);
const scope = byId('scope', HTMLElement);
const select = byId('article', HTMLSelectElement);
const sources = byId('sources', HTMLElement);
const status = byId('status', HTMLElement);
const errorLine = byId('error', HTMLElement);
const answerSection = byId('answer', HTMLElement);
const isEmbed = document.body.classList.contains('embed');
const params = new URLSearchParams(location.search);
/** The article an embedding page fixed (`/embed?article=id`), if any. */
const fixedArticle = isEmbed ? (params.get('article') ?? '') : '';

/** @param {string} message */
function showError(message) {
  errorLine.textContent = message;
  errorLine.hidden = message === '';
}

/** @param {string} message empty to clear */
function showFieldError(message) {
  fieldError.textContent = message;
  fieldError.hidden = message === '';
  input.setAttribute('aria-invalid', message === '' ? 'false' : 'true');
}

/** The article asked of: the embedding page's, or the reader's choice ('' for all). */
const chosenArticle = () => fixedArticle || select.value;

/** @param {Answer} answer */
function showAnswer(answer) {
  answerSection.replaceChildren(...answerNodes(answer, { ask: (question) => void ask(question), mark, newTab: isEmbed }));
  answerSection.hidden = false;
  status.textContent = statusFor(answer);
}

/**
 * @param {import('./api.js').Citation} citation
 * @param {boolean} helpful
 */
async function mark(citation, helpful) {
  try {
    await sendFeedback(citation, helpful);
    status.textContent = 'Thanks — noted.';
  } catch (error) {
    showError(error instanceof ApiError ? error.message : 'Sorry, that could not be noted.');
    throw error;
  }
}

/** @param {string} question */
async function ask(question) {
  input.value = question;
  const trimmed = question.trim();
  showError('');
  if (trimmed === '') {
    showFieldError('Type a question first.');
    input.focus();
    return;
  }
  showFieldError('');
  button.disabled = true;
  status.textContent = 'Looking in the story…';
  try {
    const answer = await askQuestion(trimmed, chosenArticle() || undefined);
    remember(trimmed, answer);
    showAnswer(answer);
  } catch (error) {
    status.textContent = '';
    if (error instanceof ApiError && error.field === 'question') showFieldError(error.message.replace(/^question: /, 'Your question '));
    else showError(error instanceof ApiError ? error.message : 'Sorry, something went wrong. Please try again later.');
  } finally {
    button.disabled = false;
  }
}

/** Keeps the question in the address and the answer in this tab's session storage. */
function remember(/** @type {string} */ question, /** @type {Answer} */ answer) {
  const url = new URL(location.href);
  url.searchParams.set('q', question);
  if (!isEmbed && chosenArticle()) url.searchParams.set('article', chosenArticle());
  else if (!isEmbed) url.searchParams.delete('article');
  history.replaceState(null, '', url);
  try {
    sessionStorage.setItem('storybot:last', JSON.stringify({ question, article: chosenArticle(), answer }));
  } catch {
    // Storage can be full or off; the page works without it.
  }
}

/** The answer kept for `question` in this tab, if it is the one last shown. @returns {Answer | undefined} */
function remembered(/** @type {string} */ question) {
  try {
    /** @type {unknown} */
    const raw = JSON.parse(sessionStorage.getItem('storybot:last') ?? 'null');
    const kept = /** @type {{ question?: unknown, article?: unknown, answer?: Answer } | null} */ (raw);
    return kept?.question === question && kept.article === chosenArticle() ? kept.answer : undefined;
  } catch {
    return undefined;
  }
}

/** Lists the articles (when there are several, the reader may pick one) and names the source. */
async function showSources() {
  const articles = await listArticles().catch(() => []);
  if (articles.length === 1 && articles[0]) {
    sources.textContent = `Answering from “${articles[0].title}”${articles[0].source ? `, ${articles[0].source}` : ''}.`;
    sources.hidden = isEmbed;
  } else if (articles.length > 1 && !fixedArticle) {
    select.append(...articles.map((a) => Object.assign(document.createElement('option'), { value: a.id, textContent: a.title })));
    select.value = params.get('article') ?? '';
    scope.hidden = false;
  }
}

/** Tells the embedding page how tall the form is, so its iframe fits without a scroll bar. */
function reportHeight() {
  const send = () => parent.postMessage({ type: 'storybot:height', height: document.documentElement.scrollHeight }, '*');
  new ResizeObserver(send).observe(document.body);
  send();
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  void ask(input.value);
});
input.addEventListener('input', () => showFieldError(''));

await showSources();
if (isEmbed && parent !== window) reportHeight();
const asked = params.get('q');
if (asked) {
  const kept = remembered(asked);
  if (kept) {
    input.value = asked;
    showAnswer(kept);
  } else void ask(asked);
}
