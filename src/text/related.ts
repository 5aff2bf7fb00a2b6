import { readFileSync } from 'node:fs';

/**
 * Words related to an analyzed term in general English, analyzed the same way: WordNet's synonyms of a
 * word's commonest senses and its derivationally related forms (react → reaction, need → requirement),
 * precomputed by `npm run related` into related.txt, one term a line followed by its related terms.
 * Read on first use (about 1 MB), not when the module loads.
 */
let related: ReadonlyMap<string, readonly string[]> | undefined;

/** The terms related to `term` (none for a term WordNet does not know). */
export function relatedTerms(term: string): readonly string[] {
  related ??= readRelated();
  return related.get(term) ?? [];
}

function readRelated(): Map<string, readonly string[]> {
  const map = new Map<string, readonly string[]>();
  const text = readFileSync(new URL('related.txt', import.meta.url), 'utf8');
  for (const line of text.split('\n')) {
    const [term, ...others] = line.split(' ');
    if (term !== undefined && term !== '' && others.length > 0) map.set(term, others);
  }
  return map;
}
