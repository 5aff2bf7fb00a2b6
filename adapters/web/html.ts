/** Only `markup` may make SafeHtml: code elsewhere cannot wrap an unescaped string as safe. */
const madeByMarkup = Symbol('made by markup');

/**
 * A piece of markup that is safe to send as it is: every value interpolated into it was escaped, or was
 * itself made by `markup`. Server-rendered pages (the reading view, the admin page, its SVG charts) are
 * built only from these, so corpus text and questions can never become markup.
 */
export class SafeHtml {
  readonly #html: string;

  constructor(html: string, token: symbol) {
    if (token !== madeByMarkup) throw new TypeError('SafeHtml is made only by the markup template tag');
    this.#html = html;
  }

  toString(): string {
    return this.#html;
  }
}

/** What may be interpolated into `markup`: text (escaped), numbers, SafeHtml, lists of these; nothing for the rest. */
export type HtmlValue = string | number | SafeHtml | readonly HtmlValue[] | undefined | null | false;

const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text as HTML text or a quoted attribute value: `&`, `<`, `>`, `"` and `'` become entities. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => entities[char] ?? char);
}

/**
 * HTML from a template, escaping every interpolated value unless `markup` made it. Attribute values must
 * be quoted in the template (`href="${url}"`), and URLs checked with `safeHref` first.
 *
 * @example markup`<p class="quote">${paragraph.text}</p>` // a <script> in the text arrives as &lt;script&gt;
 */
export function markup(strings: TemplateStringsArray, ...values: readonly HtmlValue[]): SafeHtml {
  let html = strings[0] ?? '';
  values.forEach((value, i) => {
    html += render(value) + (strings[i + 1] ?? '');
  });
  return new SafeHtml(html, madeByMarkup);
}

function render(value: HtmlValue): string {
  if (value === undefined || value === null || value === false) return '';
  if (value instanceof SafeHtml) return value.toString();
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return escapeHtml(value);
  return value.map(render).join('');
}

/**
 * `url` when it is an http(s) address or a path on this site, else undefined: a `javascript:` or `data:`
 * link in a corpus file never becomes a link.
 */
export function safeHref(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  if (/^\/(?!\/)/.test(url)) return url;
  try {
    const { protocol } = new URL(url);
    return protocol === 'http:' || protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}
