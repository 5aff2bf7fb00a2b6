import { idf } from '../search/bm25.js';
import type { PassageIndex, WeightedTerm } from '../search/passage-index.js';
import { isLightTerm } from '../text/analyze.js';
import { relatedTerms } from '../text/related.js';
import type { ParsedQuestion } from './question.js';

/** What finding a related word (same meaning, or the same word in another form) counts for beside the question's own word. */
export const relatedCredit = 0.3;
/** What finding the closest known spelling of a typo counts for. */
const correctionCredit = 0.7;
/** What a word that only frames the question ("happen", "say") weighs beside a content word. */
const lightFactor = 0.25;

/** A word of the question, resolved against the corpus. */
export type QuestionTerm = {
  /** The analyzed word as asked. */
  readonly term: string;
  /** Its share of the question: rarer words weigh more; all of a question's terms sum to 1. */
  readonly weight: number;
  /** Whether the corpus has the word (or a close spelling of it) at all. */
  readonly isKnown: boolean;
};

/** Which question term a word of the corpus stands for, and what finding it counts for (1 for the word itself). */
export type TermMatchRule = { readonly slot: number; readonly credit: number };

/**
 * A question ready to match against a corpus: its terms with their weights, and for each vocabulary word
 * that counts as one of them (the word itself, its spelling correction, related words), which and how much.
 */
export type Query = {
  readonly terms: readonly QuestionTerm[];
  /** Each term's weight, by slot (`terms[slot].weight`), for the loops that measure passages. */
  readonly weights: Float64Array;
  /** Vocabulary id → the question term it matches. */
  readonly rules: ReadonlyMap<number, TermMatchRule>;
  /** What BM25+ searches for: each known word at its credit. */
  readonly search: readonly WeightedTerm[];
};

/**
 * Weighs a question's terms against `index`: inverse document frequency (a word the corpus lacks weighs as
 * much as the rarest, so a question about something else covers little), a quarter for words that only
 * frame the question, normalised to sum to 1. A typo counts through its closest known spelling, and a word
 * through related words the corpus uses, each for less than the word itself.
 */
export function queryOf(index: PassageIndex, parsed: ParsedQuestion): Query {
  const resolved = index.resolve(parsed.terms.map((term) => term.term));
  const raw = resolved.map((term) => (isLightTerm(term.term) ? lightFactor : 1) * idf(index.size, term.id === undefined ? 0 : term.df));
  const total = raw.reduce((sum, weight) => sum + weight, 0);
  const rules = new Map<number, TermMatchRule>();
  const offer = (id: number, rule: TermMatchRule) => {
    if ((rules.get(id)?.credit ?? 0) < rule.credit) rules.set(id, rule);
  };
  const terms = resolved.map((term, slot): QuestionTerm => {
    if (term.id !== undefined) offer(term.id, { slot, credit: term.isCorrection ? correctionCredit : 1 });
    for (const related of relatedTerms(term.match ?? term.term)) {
      const id = index.termId(related);
      if (id !== undefined) offer(id, { slot, credit: relatedCredit });
    }
    return { term: term.term, weight: total === 0 ? 0 : (raw[slot] ?? 0) / total, isKnown: term.id !== undefined };
  });
  const search = [...rules].map(([id, rule]) => ({ id, weight: rule.credit }));
  return { terms, weights: Float64Array.from(terms, (term) => term.weight), rules, search };
}
