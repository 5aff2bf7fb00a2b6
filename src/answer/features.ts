import type { IndexedPassage, PassageIndex, Whole } from '../search/passage-index.js';
import { SentenceEvidence } from './evidence.js';
import { pickExcerpt, type ExcerptChoice, type TermMatch } from './excerpt.js';
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

/** What measuring a question's candidates needs to know of the question: worked out once a question. */
export type QuestionContext = {
  readonly parsed: ParsedQuestion;
  readonly query: Query;
  /** The longest excerpt of more than one sentence. */
  readonly excerptChars: number;
  /** The question's words, lower-cased: a name the question already holds is no answer to it. */
  readonly questionWords: ReadonlySet<string>;
  /** From this weight a term is a telling one: a number answers how many only beside a telling word. */
  readonly tellingWeight: number;
  /** The question's neighbouring known terms (slots `a` and `b`), with the two terms' weight. */
  readonly pairs: readonly { readonly a: number; readonly b: number; readonly weight: number }[];
  /** The weight of the heaviest term the corpus knows. */
  readonly heaviestKnown: number;
};

/** The question as `measure` reads it. */
export function contextOf(parsed: ParsedQuestion, query: Query, excerptChars: number): QuestionContext {
  const { terms } = query;
  const pairs = terms.flatMap((a, slot) => {
    const b = terms[slot + 1];
    return b !== undefined && a.isKnown && b.isKnown ? [{ a: slot, b: slot + 1, weight: a.weight + b.weight }] : [];
  });
  return {
    parsed,
    query,
    excerptChars,
    questionWords: new Set(parsed.text.toLowerCase().split(/[^\p{L}]+/u)),
    tellingWeight: telling / Math.max(1, terms.length),
    pairs,
    heaviestKnown: Math.max(0, ...terms.map((term) => (term.isKnown ? term.weight : 0))),
  };
}

/** Measures passage `passageId` (BM25+ score `bm`, relative to the best candidate's) as an answer to the question. */
export function measure(
  index: PassageIndex,
  question: QuestionContext,
  candidate: { readonly passageId: number; readonly bm: number },
): Measured {
  const { passageId, bm } = candidate;
  const { query } = question;
  const passage = index.passage(passageId);
  const matches = matchesIn(passage, query);
  const here = bestCredits(matches, query.terms.length);
  // The paragraph before, same article: what it holds of the question counts as context ("she" is named there).
  const before = index.isSameArticle(passageId - 1, passageId) ? creditsOf(index.termIdsOf(passageId - 1), query) : undefined;
  const evidence = evidenceTest(index, question, passageId, passage, matches);
  const excerpt = pickExcerpt(passage.sentences, matches, query.weights, evidence, question.excerptChars);
  // A plain loop over plain numbers: this runs for every candidate of every question.
  let [coverage, withBefore, relevance, heaviestMissing] = [0, 0, 0, 0];
  const { weights, terms } = query;
  for (let slot = 0; slot < weights.length; slot += 1) {
    const weight = weights[slot] ?? 0;
    const inPassage = here[slot] ?? 0;
    const inBefore = before?.[slot] ?? 0;
    coverage += weight * inPassage;
    withBefore += weight * Math.max(inPassage, inBefore);
    if (inPassage > 0 || inBefore > 0) relevance += weight;
    else if (terms[slot]?.isKnown === true) heaviestMissing = Math.max(heaviestMissing, weight);
  }
  const features: Features = {
    bm,
    coverage,
    context: Math.max(0, withBefore - coverage),
    excerpt: excerpt.coverage,
    sentence: excerpt.sentenceCoverage,
    proximity: proximity(matches, question),
    evidence: question.parsed.type !== 'other' && excerpt.hasEvidence ? 1 : 0,
    missing: question.heaviestKnown === 0 ? 0 : heaviestMissing / question.heaviestKnown,
  };
  return { passage, matches, excerpt, features, relevance };
}

/** The passage's words that count as question terms, in text order. */
function matchesIn(passage: IndexedPassage, query: Query): TermMatch[] {
  const matches: TermMatch[] = [];
  const { termIds, termFrom, termTo } = passage;
  for (let position = 0; position < termIds.length; position += 1) {
    const rule = query.rules.get(termIds[position] ?? 0);
    if (rule === undefined) continue;
    matches.push({ slot: rule.slot, credit: rule.credit, start: termFrom[position] ?? 0, end: termTo[position] ?? 0, position });
  }
  return matches;
}

/** Each question term's best credit among `matches`, by slot. */
function bestCredits(matches: readonly TermMatch[], slots: number): Float64Array {
  const credits = new Float64Array(slots);
  for (const { slot, credit } of matches) credits[slot] = Math.max(credits[slot] ?? 0, credit);
  return credits;
}

/** Each question term's best credit among a passage's term ids, by slot. */
function creditsOf(termIds: Whole, query: Query): Float64Array {
  const credits = new Float64Array(query.terms.length);
  for (const id of termIds) {
    const rule = query.rules.get(id);
    if (rule !== undefined) credits[rule.slot] = Math.max(credits[rule.slot] ?? 0, rule.credit);
  }
  return credits;
}

/** What the sentences of the passages asked about lately hold as evidence, per index: read once a passage. */
const evidenceKept = new WeakMap<PassageIndex, Map<number, readonly SentenceEvidence[]>>();
/** About a kilobyte a passage once read: a few megabytes at most. */
const evidencePassagesKept = 5_000;

/**
 * Whether sentence `i` of the passage holds the kind of answer the question wants: a name not in the
 * question (who, where), a date (when), a number by a telling word of the question (how many), a cause (why).
 */
function evidenceTest(
  index: PassageIndex,
  question: QuestionContext,
  passageId: number,
  passage: IndexedPassage,
  matches: readonly TermMatch[],
): (sentence: number) => boolean {
  const { parsed, query, questionWords, tellingWeight } = question;
  if (parsed.type === 'other') return () => false;
  const matched = matches.filter((m) => (query.weights[m.slot] ?? 0) >= tellingWeight).map((m) => [m.start, m.end] as const);
  const context = { type: parsed.type, questionWords, matched };
  const evidence = sentenceEvidence(index, passageId, passage);
  return (i) => evidence[i]?.holds(context, passage.sentences[i]?.start ?? 0) === true;
}

/** The evidence each sentence of passage `passageId` holds, kept for the passages asked about lately. */
function sentenceEvidence(index: PassageIndex, passageId: number, passage: IndexedPassage): readonly SentenceEvidence[] {
  let kept = evidenceKept.get(index);
  if (kept === undefined) evidenceKept.set(index, (kept = new Map<number, readonly SentenceEvidence[]>()));
  let evidence = kept.get(passageId);
  if (evidence === undefined) {
    if (kept.size >= evidencePassagesKept) kept.clear();
    evidence = passage.sentences.map((span) => new SentenceEvidence(passage.text.slice(span.start, span.end)));
    kept.set(passageId, evidence);
  }
  return evidence;
}

/** The share of the question's neighbouring known terms, by weight, that stand within `proximityReach` terms of each other. */
function proximity(matches: readonly TermMatch[], { pairs }: QuestionContext): number {
  let [found, total] = [0, 0];
  for (const { a, b, weight } of pairs) {
    total += weight;
    if (areNear(matches, a, b)) found += weight;
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
