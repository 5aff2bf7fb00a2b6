import { truncateAtSentence, type Highlight } from '../../src/index.js';

/** Slack's section text limit, the default budget of an excerpt. */
const sectionText = 3000;
/**
 * Escapes the three characters Slack's mrkdwn gives meaning to. With `verbatim: true` on every text
 * object, this is what keeps any text from forming a link, a mention, or `<!channel>`.
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * The excerpt as mrkdwn, matched words in bold, escaped, cut at a sentence boundary so that the result
 * (markup included) fits in `maxChars`.
 */
export function excerptMrkdwn(text: string, highlights: readonly Highlight[], maxChars: number = sectionText): string {
  let budget = maxChars;
  for (;;) {
    const cut = truncateAtSentence(text, budget);
    const rendered = boldAndEscape(cut, clipHighlights(cut, highlights, commonPrefixLength(cut, text)));
    if (rendered.length <= maxChars) return rendered;
    if (budget <= 1) return '';
    budget = Math.max(1, Math.min(budget - (rendered.length - maxChars), Math.floor((budget * maxChars) / rendered.length)));
  }
}

/** Escaped plain text cut at a sentence boundary to fit `maxChars` once escaped. */
export function fitMrkdwn(text: string, maxChars: number): string {
  return excerptMrkdwn(text, [], maxChars);
}

function boldAndEscape(text: string, highlights: readonly Highlight[]): string {
  let out = '';
  let at = 0;
  for (const [start, end] of highlights) {
    out += escapeMrkdwn(text.slice(at, start)) + `*${escapeMrkdwn(text.slice(start, end))}*`;
    at = end;
  }
  return out + escapeMrkdwn(text.slice(at));
}

/** Highlights inside `[0, length)`, sorted, without overlaps, neighbours across spaces merged. */
function clipHighlights(text: string, highlights: readonly Highlight[], length: number): Highlight[] {
  const clipped: Highlight[] = [];
  const sorted = [...highlights].sort((a, b) => a[0] - b[0]);
  for (const [rawStart, rawEnd] of sorted) {
    const previous = clipped.at(-1);
    let start = Math.max(rawStart, previous?.[1] ?? 0, 0);
    let end = Math.min(rawEnd, length);
    while (start < end && /\s/.test(text[start] ?? '')) start += 1;
    while (end > start && /\s/.test(text[end - 1] ?? '')) end -= 1;
    if (!Number.isInteger(start) || !Number.isInteger(end) || end <= start) continue;
    // "*Mexico’s security chief*" reads better than "*Mexico’s* *security* *chief*".
    if (previous !== undefined && /^\s*$/.test(text.slice(previous[1], start))) clipped[clipped.length - 1] = [previous[0], end];
    else clipped.push([start, end]);
  }
  return clipped;
}

function commonPrefixLength(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i += 1;
  return i;
}
