import { readFileSync } from 'node:fs';

/**
 * Words related to an analyzed term in general English, analyzed the same way: WordNet's synonyms of a
 * word's commonest senses and its derivationally related forms (react → reaction, need → requirement),
 * precomputed by `npm run related` into related.txt, one term a line followed by its related terms, the
 * lines sorted by term. Read on first use, not when the module loads, and kept as the file's text with
 * where each line starts (about 250 KB; a map of its 11,500 lines took 3.4 MB), looked up by binary search.
 */
let related: { readonly text: string; readonly lineStarts: Uint32Array } | undefined;

/** The terms related to `term` (none for a term WordNet does not know). */
export function relatedTerms(term: string): readonly string[] {
  related ??= readRelated();
  const { text, lineStarts } = related;
  let [low, high] = [0, lineStarts.length - 1];
  while (low < high) {
    const middle = (low + high) >>> 1;
    const start = lineStarts[middle] ?? 0;
    const found = text.slice(start, text.indexOf(' ', start));
    if (found === term) return text.slice(start + term.length + 1, (lineStarts[middle + 1] ?? text.length + 1) - 1).split(' ');
    if (found < term) low = middle + 1;
    else high = middle;
  }
  return [];
}

/** The file's text, without its last line break, and where each line starts (plus one past the end). */
function readRelated(): { text: string; lineStarts: Uint32Array } {
  const text = readFileSync(new URL('related.txt', import.meta.url), 'utf8').trimEnd();
  const starts = [0];
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) starts.push(at + 1);
  starts.push(text.length + 1);
  return { text, lineStarts: Uint32Array.from(starts) };
}
