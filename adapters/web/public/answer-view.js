// @ts-check
/**
 * Builds an answer's DOM. Corpus text and questions only ever go in as text nodes (textContent), never
 * as HTML, so a `<script>` or `<img onerror>` in an article is shown as the characters it is.
 */

/** @typedef {import('./api.js').Answer} Answer */
/** @typedef {import('./api.js').Citation} Citation */
/** @typedef {import('./api.js').Result} Result */

/**
 * @typedef {object} AnswerActions
 * @property {(question: string) => void} ask asks a suggested question
 * @property {(citation: Citation, helpful: boolean) => Promise<void>} mark records a reader's mark
 * @property {boolean} newTab whether links open in a new tab (the embedded form, inside a news site's page)
 */

/** What each outcome is called, plainly. */
const headings = { answered: 'The story says', closest: 'The closest the story comes', declined: 'The story doesn’t say' };

/**
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {{ className?: string, text?: string, attributes?: Record<string, string> }} [options]
 * @param {(Node | string)[]} [children] strings become text nodes
 * @returns {HTMLElementTagNameMap[K]}
 */
export function element(tag, options = {}, children = []) {
  const node = document.createElement(tag);
  if (options.className) node.className = options.className;
  if (options.text !== undefined) node.textContent = options.text;
  for (const [name, value] of Object.entries(options.attributes ?? {})) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

/**
 * The excerpt's text with its matched words in <mark>, as text nodes: highlights are [start, end) offsets,
 * sorted here, overlapping ones skipped.
 * @param {string} text
 * @param {[number, number][]} highlights
 * @returns {(Node | string)[]}
 */
export function highlighted(text, highlights) {
  /** @type {(Node | string)[]} */
  const parts = [];
  let at = 0;
  for (const [start, end] of [...highlights].sort((a, b) => a[0] - b[0])) {
    if (start < at || end <= start || end > text.length) continue;
    if (start > at) parts.push(text.slice(at, start));
    parts.push(element('mark', { text: text.slice(start, end) }));
    at = end;
  }
  if (at < text.length) parts.push(text.slice(at));
  return parts;
}

/**
 * "The New York Times, “Title”, ¶23": the citation as readers read it (or "article details" for paragraph 0).
 * @param {Citation} citation
 */
export function citationText(citation) {
  const where = citation.paragraph === 0 ? 'article details' : `¶${citation.paragraph}`;
  return [citation.source, `“${citation.title}”`, where].filter((part) => part !== undefined).join(', ');
}

/**
 * Where a citation is read in context: the article's reading view, the paragraph marked and scrolled to.
 * @param {Citation} citation
 */
export function readingHref(citation) {
  const id = encodeURIComponent(citation.documentId);
  return citation.paragraph === 0 ? `/read/${id}` : `/read/${id}?p=${citation.paragraph}#p${citation.paragraph}`;
}

/**
 * @param {Result} result
 * @param {AnswerActions} actions
 */
function resultItem(result, actions) {
  const link = element('a', { text: citationText(result.citation), attributes: { href: readingHref(result.citation) } });
  if (actions.newTab) Object.assign(link, { target: '_blank', rel: 'noopener' });
  return element('li', { className: 'result' }, [
    element('blockquote', { className: 'excerpt' }, [element('p', {}, highlighted(result.text, result.highlights))]),
    element('p', { className: 'citation' }, ['— ', link]),
  ]);
}

/**
 * Helpful / Not helpful, marking the first excerpt's paragraph; once one is pressed both are disabled.
 * @param {Citation} citation
 * @param {AnswerActions} actions
 */
function feedbackGroup(citation, actions) {
  const label = element('span', { className: 'feedback-label', text: 'Was this helpful?', attributes: { id: 'feedback-label' } });
  const buttons = [true, false].map((helpful) =>
    element('button', {
      className: 'secondary',
      text: helpful ? 'Helpful' : 'Not helpful',
      attributes: { type: 'button', 'aria-pressed': 'false' },
    }),
  );
  buttons.forEach((button, i) =>
    button.addEventListener('click', () => {
      for (const b of buttons) b.disabled = true;
      button.setAttribute('aria-pressed', 'true');
      actions.mark(citation, i === 0).catch(() => {
        for (const b of buttons) b.disabled = false;
        button.setAttribute('aria-pressed', 'false');
      });
    }),
  );
  return element('div', { className: 'feedback', attributes: { role: 'group', 'aria-labelledby': 'feedback-label' } }, [label, ...buttons]);
}

/**
 * The answer's content: a heading naming the outcome, then the cited excerpts (with the caveat for the
 * closest tier) and the Helpful / Not helpful buttons, or the decline with its suggestions as buttons.
 * @param {Answer} answer
 * @param {AnswerActions} actions
 * @returns {Node[]}
 */
export function answerNodes(answer, actions) {
  // "", "hi" or "help" asked nothing: say how to ask, with questions the story answers, not that it doesn't say.
  const isNoQuestion = answer.reason === 'help' || answer.reason === 'empty';
  const title = isNoQuestion ? 'Ask about the story' : headings[answer.outcome];
  const heading = element('h2', { text: title, attributes: { id: 'answer-heading', tabindex: '-1' } });
  const asked = element('p', { className: 'asked' }, ['You asked: ', element('q', { text: answer.question })]);
  if (answer.outcome === 'declined') {
    const suggestions = (answer.suggestions ?? []).map((question) => {
      const button = element('button', { className: 'suggestion', text: question, attributes: { type: 'button' } });
      button.addEventListener('click', () => actions.ask(question));
      return element('li', {}, [button]);
    });
    const intro = isNoQuestion
      ? element('p', { text: 'Ask anything about the story in your own words; answers quote it and say which paragraph.' })
      : element('p', { text: 'It can’t answer that one.' });
    return [
      heading,
      ...(isNoQuestion ? [] : [asked]),
      intro,
      ...(suggestions.length === 0
        ? []
        : [
            element('p', { text: isNoQuestion ? 'For example:' : 'You could ask:' }),
            element('ul', { className: 'suggestions' }, suggestions),
          ]),
    ];
  }
  const caveat =
    answer.outcome === 'closest'
      ? [element('p', { className: 'caveat', text: 'I’m not sure the story answers that. The closest it comes:' })]
      : [];
  const first = answer.results[0];
  return [
    heading,
    asked,
    ...caveat,
    element(
      'ol',
      { className: 'results' },
      answer.results.map((result) => resultItem(result, actions)),
    ),
    ...(first === undefined ? [] : [feedbackGroup(first.citation, actions)]),
  ];
}

/**
 * One sentence for the status line (read out by screen readers) saying what came back.
 * @param {Answer} answer
 */
export function statusFor(answer) {
  const n = answer.results.length;
  const passages = n === 1 ? '1 passage' : `${n} passages`;
  if (answer.outcome === 'answered') return `Answered with ${passages} from the story.`;
  if (answer.outcome === 'closest') return `The story may not answer that. Showing the closest ${passages}.`;
  const k = answer.suggestions?.length ?? 0;
  if (answer.reason === 'help' || answer.reason === 'empty')
    return `Ask a question about the story.${k === 0 ? '' : ` ${k} example${k === 1 ? '' : 's'} to try.`}`;
  return `The story doesn’t answer that.${k === 0 ? '' : ` ${k === 1 ? '1 suggestion' : `${k} suggestions`} to try instead.`}`;
}
