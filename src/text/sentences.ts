/** A span of text: `text.slice(start, end)`. */
export type Span = { readonly start: number; readonly end: number };

// Words whose trailing period does not end a sentence ("Mr. Trump", "Jan. 3", "Gen. Smith").
const abbreviations = new Set([
  'mr',
  'mrs',
  'ms',
  'dr',
  'st',
  'sr',
  'jr',
  'prof',
  'gen',
  'sen',
  'rep',
  'gov',
  'lt',
  'col',
  'sgt',
  'capt',
  'cmdr',
  'adm',
  'pres',
  'vs',
  'inc',
  'co',
  'corp',
  'ltd',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
  'mt',
  'ft',
  'approx',
  'est',
  'fig',
  'e.g',
  'i.e',
  'etc',
]);

// A terminator, any closing quotes or brackets, then white space and something that can start a sentence.
const boundary = /[.!?…]+["'”’)\]]*(?=\s+["'“‘([]?[\p{Lu}\p{N}])/gu;

/**
 * Splits text into sentence spans that cover every non-blank character, in order. Periods after
 * abbreviations and initials ("Mr.", "Jan.", "U.S.", "J.") do not end a sentence.
 *
 * @example splitSentences('Mr. Trump spoke. Mexico said no.') // spans of 'Mr. Trump spoke.' and 'Mexico said no.'
 */
export function splitSentences(text: string): Span[] {
  const spans: Span[] = [];
  let start = 0;
  for (const match of text.matchAll(boundary)) {
    const end = match.index + match[0].length;
    if (match[0].startsWith('.') && isAbbreviationBefore(text, match.index)) continue;
    pushTrimmed(text, start, end, spans);
    start = end;
  }
  pushTrimmed(text, start, text.length, spans);
  return spans;
}

function isAbbreviationBefore(text: string, periodIndex: number): boolean {
  const word = /([\p{L}.]+)$/u.exec(text.slice(Math.max(0, periodIndex - 12), periodIndex))?.[1] ?? '';
  if (word === '') return false;
  // Initials and dotted abbreviations: "J.", "U.S.", "D.C."
  if (/^\p{L}$/u.test(word) || /^(?:\p{L}\.)+\p{L}$/u.test(word)) return true;
  return abbreviations.has(word.toLowerCase());
}

function pushTrimmed(text: string, start: number, end: number, spans: Span[]): void {
  let from = start;
  let to = end;
  while (from < to && /\s/.test(text.charAt(from))) from += 1;
  while (to > from && /\s/.test(text.charAt(to - 1))) to -= 1;
  if (to > from) spans.push({ start: from, end: to });
}
