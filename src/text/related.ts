import relatedData from './related.json' with { type: 'json' };

/**
 * Words related to an analyzed term in general English, analyzed the same way: WordNet's synonyms of the
 * word's commonest senses and its derivationally related forms (react → reaction, execute → carry out's
 * "carri"), precomputed by `npm run related` into related.json.
 */
const related: Readonly<Record<string, readonly string[] | undefined>> = relatedData;

/** The terms related to `term` (none for a term WordNet does not know). */
export function relatedTerms(term: string): readonly string[] {
  return Object.hasOwn(related, term) ? (related[term] ?? []) : [];
}
