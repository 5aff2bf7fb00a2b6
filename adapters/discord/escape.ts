import { truncateAtSentence, type Highlight, type Result } from '../../src/index.js';

/**
 * Discord markdown for text that must show exactly as written: escaping, bolding a result's matched
 * words, and cutting at a sentence so the escaped result fits a limit.
 */

/** Escapes Discord markdown, mentions and list/heading/quote starts so text shows exactly as written. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\*_~`|>#\-[\]()<]/g, '\\$&')
    .replace(/@/g, '@\u200b')
    .replace(/^(\s*\d+)\./gm, '$1\\.');
}

/** Escaped plain text cut at a sentence to at most `limit` characters once escaped. */
export const fitPlain = (text: string, limit: number): string => fitEscaped(text, [], limit);

/** A result's text with its highlights in bold, escaped, cut at a sentence to at most `limit` characters. */
export const fitHighlighted = (result: Pick<Result, 'text' | 'highlights'>, limit: number): string =>
  fitEscaped(result.text, result.highlights, limit);

function fitEscaped(text: string, highlights: readonly Highlight[], limit: number): string {
  let budget = limit;
  for (;;) {
    const cut = truncateAtSentence(text, Math.max(0, budget));
    const keep = commonPrefixLength(text, cut);
    const out = `${boldHighlights(text.slice(0, keep), highlights)}${escapeMarkdown(cut.slice(keep))}`;
    if (out.length <= limit || budget <= 0) return out.length <= limit ? out : '';
    // Escapes and bold markers make the output longer than the input; shrink the input in proportion.
    budget = Math.min(budget - 1, Math.floor((budget * limit) / out.length));
  }
}

function boldHighlights(text: string, highlights: readonly Highlight[]): string {
  let out = '';
  let at = 0;
  for (const [start, end] of mergeHighlights(text, highlights)) {
    out += `${escapeMarkdown(text.slice(at, start))}**${escapeMarkdown(text.slice(start, end))}**`;
    at = end;
  }
  return out + escapeMarkdown(text.slice(at));
}

/**
 * Sorted, clipped, trimmed of white space, and merged when only white space parts them: `**a****b**`
 * would not render, and "**Mexico's security chief**" reads better than three bold words.
 */
function mergeHighlights(text: string, highlights: readonly Highlight[]): Highlight[] {
  const spans = highlights
    .map(([start, end]): Highlight => trimSpan(text, Math.max(0, start), Math.min(text.length, end)))
    .filter(([start, end]) => end > start)
    .sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [start, end] of spans) {
    const last = merged.at(-1);
    if (last !== undefined && text.slice(last[1], start).trim() === '') last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

/** Drops white space at the ends (`** word**` does not render) and never splits a surrogate pair. */
function trimSpan(text: string, start: number, end: number): Highlight {
  let [s, e] = [start, end];
  while (s < e && /\s/.test(text.charAt(s))) s += 1;
  while (e > s && /\s/.test(text.charAt(e - 1))) e -= 1;
  return [
    s > 0 && /[\uDC00-\uDFFF]/.test(text.charAt(s)) ? s - 1 : s,
    e < text.length && /[\uDC00-\uDFFF]/.test(text.charAt(e)) ? e + 1 : e,
  ];
}

function commonPrefixLength(a: string, b: string): number {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i += 1;
  return i;
}

/** Collapses white space, so a title or label stays on one line. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
