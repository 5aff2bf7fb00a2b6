import type { IndexedPassage, PassageIndex } from '../search/passage-index.js';
import { SentenceEvidence } from './evidence.js';
import { coverageIn, pickExcerpt, type ExcerptChoice, type TermMatch } from './excerpt.js';
import type { Query } from './query.js';
import type { ParsedQuestion } from './question.js';

/**
 * What is measured of a candidate passage, each from 0 to 1 and meaning the same on any corpus. The model
 * (model.ts) weighs them into a rank and a confidence, with weights fitted on data (npm run calibrate).
 */
export type Features = {
  /** Its BM25+ score relative to the best candidate's. */
  readonly bm: number;
  /** The share of the question (its terms by weight) the passage holds. */
  readonly coverage: number;
  /** The share held only by the paragraph before (same article): "she" here is often named there. */
  readonly context: number;
  /** The share the excerpt shown holds. */
  readonly excerpt: number;
  /** The share the best single sentence holds. */
  readonly sentence: number;
  /** The share of the question's neighbouring word pairs that stand together (within three terms) in the passage. */
  readonly proximity: number;
  /** 1 when the question wants a kind of answer (a date, a number, a name, a cause) and the excerpt holds one. */
  readonly evidence: number;
  /**
   * The weight of the heaviest question term the corpus has but neither this passage nor the paragraph
   * before does, over the heaviest such term's: a name or number of the question that this passage lacks.
   */
  readonly missing: number;
};

/** The features' names, in the order the model's weights are kept. */
export const featureNames = ['bm', 'coverage', 'context', 'excerpt', 'sentence', 'proximity', 'evidence', 'missing'] as const;

/** A candidate passage measured: its words that match the question, its excerpt, its features. */
export type Measured = {
  readonly passage: IndexedPassage;
  readonly matches: readonly TermMatch[];
  readonly excerpt: ExcerptChoice;
  readonly features: Features;
  /**
   * The share of the question the passage and the paragraph before hold in any form (the word, its
   * correction, a related word, each counted whole): whether it is about the question at all.
   */
  readonly relevance: number;
};

/** Terms (not words: stop words are already gone) apart, at most, to count as near. */
const proximityReach = 3;
/** A question term weighing at least this share of an even split of the question is a telling one. */
const telling = 0.6;

/**
 * Measures passage `passageId` (BM25+ score `bm`, relative to the best candidate's) as an answer to `parsed`,
 * with an excerpt of at most `excerptChars` (whole sentences).
 */
export function measure(
  index: PassageIndex,
  parsed: ParsedQuestion,
  query: Query,
  candidate: { readonly passageId: number; readonly bm: number },
  excerptChars: number,
): Measured {
  const { passageId, bm } = candidate;
  const weights = query.terms.map((term) => term.weight);
  const passage = index.passage(passageId);
  const matches = matchesIn(passage, query);
  const previous = index.isSameArticle(passageId - 1, passageId) ? matchesIn(index.passage(passageId - 1), query) : [];
  const coverage = coverageIn(matches, weights);
  const excerpt = pickExcerpt(passage.sentences, matches, weights, evidenceTest(parsed, passage, matches, weights), excerptChars);
  const features: Features = {
    bm,
    coverage,
    context: Math.max(0, coverageIn([...matches, ...previous], weights) - coverage),
    excerpt: excerpt.coverage,
    sentence: excerpt.sentenceCoverage,
    proximity: proximity(matches, query),
    evidence: parsed.type !== 'other' && excerpt.hasEvidence ? 1 : 0,
    missing: missing([...matches, ...previous], query),
  };
  const whole = [...matches, ...previous].map((match) => ({ ...match, credit: 1 }));
  return { passage, matches, excerpt, features, relevance: coverageIn(whole, weights) };
}

/** The passage's words that count as question terms, in text order. */
function matchesIn(passage: IndexedPassage, query: Query): TermMatch[] {
  const matches: TermMatch[] = [];
  passage.termIds.forEach((id, position) => {
    const rule = query.rules.get(id);
    if (rule !== undefined) matches.push({ ...rule, start: passage.termFrom[position] ?? 0, end: passage.termTo[position] ?? 0, position });
  });
  return matches;
}

/**
 * Whether sentence `i` of the passage holds the kind of answer the question wants: a name not in the
 * question (who, where), a date (when), a number by a telling word of the question (how many), a cause (why).
 */
function evidenceTest(parsed: ParsedQuestion, passage: IndexedPassage, matches: readonly TermMatch[], weights: readonly number[]) {
  if (parsed.type === 'other') return () => false;
  const questionWords = new Set(parsed.text.toLowerCase().split(/[^\p{L}]+/u));
  const tellingWeight = telling / Math.max(1, weights.length);
  const matched = matches.filter((m) => (weights[m.slot] ?? 0) >= tellingWeight).map((m) => [m.start, m.end] as const);
  const context = { type: parsed.type, questionWords, matched };
  return (i: number) => {
    const span = passage.sentences[i];
    return span !== undefined && new SentenceEvidence(passage.text.slice(span.start, span.end)).holds(context, span.start);
  };
}

/** The share of the question's neighbouring known terms, by weight, that stand within `proximityReach` terms of each other. */
function proximity(matches: readonly TermMatch[], query: Query): number {
  let [found, total] = [0, 0];
  const { terms } = query;
  for (let slot = 0; slot + 1 < terms.length; slot += 1) {
    const [a, b] = [terms[slot], terms[slot + 1]];
    if (a === undefined || b === undefined || !a.isKnown || !b.isKnown) continue;
    const pair = a.weight + b.weight;
    total += pair;
    if (areNear(matches, slot, slot + 1)) found += pair;
  }
  return total === 0 ? 0 : found / total;
}

function areNear(matches: readonly TermMatch[], a: number, b: number): boolean {
  let [lastA, lastB] = [-Infinity, -Infinity];
  for (const match of matches) {
    if (match.slot === a) lastA = match.position;
    else if (match.slot === b) lastB = match.position;
    else continue;
    if (Math.abs(lastA - lastB) <= proximityReach) return true;
  }
  return false;
}

/** The heaviest known question term no match stands for, relative to the heaviest known term. */
function missing(matches: readonly TermMatch[], query: Query): number {
  const found = new Set(matches.map((m) => m.slot));
  const known = query.terms.map((term, slot) => ({ weight: term.isKnown ? term.weight : 0, slot }));
  const heaviest = Math.max(0, ...known.map((term) => term.weight));
  const heaviestMissing = Math.max(0, ...known.filter((term) => !found.has(term.slot)).map((term) => term.weight));
  return heaviest === 0 ? 0 : heaviestMissing / heaviest;
}
