import type { Article } from '../corpus/schema.js';
import type { Hit, IndexedPassage, PassageIndex, ResolvedTerm } from '../search/passage-index.js';
import { isLightTerm, type Term } from '../text/analyze.js';
import type { Span } from '../text/sentences.js';
import { hasEvidence } from './evidence.js';
import { defaultExcerptChars, highlightsIn, pickExcerpt, type ExcerptChoice, type TermMatch } from './excerpt.js';
import { answerFromMetadata } from './metadata.js';
import { parseQuestion, type ParsedQuestion, type QuestionType } from './question.js';
import type { Answer, Citation, DeclineReason, Result } from './types.js';

export type AnswerOptions = {
  /** How many cited excerpts at most. @default 3 */
  readonly top?: number;
  /** The longest excerpt of more than one sentence. @default 400 */
  readonly excerptChars?: number;
  /** Answer from this article only (its document id). @default every article */
  readonly article?: string;
  /** Questions the corpus answers well, offered when a question is declined (asked only then). @default none */
  readonly suggestions?: (question: string) => readonly string[];
};

export const defaultAnswerOptions = { top: 3, excerptChars: defaultExcerptChars } as const;

/** How many BM25 candidates are re-ranked sentence by sentence. */
const candidateCount = 20;
/** Below this confidence the corpus is taken not to answer the question. */
const minConfidence = 0.42;

export type Scored = {
  readonly passage: IndexedPassage;
  readonly matches: readonly TermMatch[];
  readonly excerpt: ExcerptChoice;
  readonly confidence: number;
  readonly rank: number;
};

/**
 * Answers `question` from `index` with up to `top` cited excerpts, best first and never two from one
 * paragraph, or declines with suggestions when the corpus does not answer it. Never throws on any input.
 */
export function answerQuestion(index: PassageIndex, question: string, options: AnswerOptions = {}): Answer {
  const parsed = parseQuestion(question);
  const top = Math.max(1, options.top ?? defaultAnswerOptions.top);
  const decline = (reason: DeclineReason): Answer => ({
    question: parsed.text,
    answered: false,
    results: [],
    reason,
    suggestions: (options.suggestions?.(parsed.text) ?? []).slice(0, 3),
  });
  if (options.article !== undefined && !index.articles.has(options.article)) return decline('unknown-article');
  if (parsed.terms.length === 0) return decline('empty');
  const resolved = index.resolve(parsed.terms.map((term) => term.term));
  const excerptChars = options.excerptChars ?? defaultAnswerOptions.excerptChars;
  const ranked = rankPassages(index, parsed, resolved, excerptChars, options.article);
  if (parsed.meta !== undefined) {
    const article = options.article === undefined ? articleFor(index, ranked[0]?.passage) : index.articles.get(options.article);
    const meta = article === undefined ? undefined : answerFromMetadata(article, parsed.meta);
    if (meta !== undefined) return { question: parsed.text, answered: true, results: [meta] };
  }
  const best = ranked[0];
  if (best === undefined || Math.max(...ranked.map((s) => s.confidence)) < minConfidence) return decline('no-match');
  const results = distinctParagraphs(ranked)
    .filter((scored) => scored.confidence >= minConfidence * 0.5)
    .slice(0, top)
    .map((scored) => toResult(index, scored));
  return { question: parsed.text, answered: true, results };
}

export function rankPassages(
  index: PassageIndex,
  parsed: ParsedQuestion,
  resolved: readonly ResolvedTerm[],
  excerptChars: number,
  article?: string,
): Scored[] {
  const known = knownTermWeights(index.size, resolved);
  const hits = index.search([...known.keys()], candidateCount, article);
  const maxScore = hits[0]?.score ?? 1;
  const questionWords = new Set(parsed.text.toLowerCase().split(/[^\p{L}]+/u));
  const tellingWeight = telling / parsed.terms.length;
  // Screen every candidate cheaply on coverage and BM25; pick excerpts only for the most promising.
  const screened = candidatesOf(index, hits)
    .map(({ passageId, score }) => {
      const passage = index.passages[passageId] as IndexedPassage;
      const matches = matchesIn(passage, known);
      const coverage = distinctWeight(matches) + contextWeight(index, passageId, known, matches) * contextFactor;
      return { passage, matches, coverage, bm: score / maxScore };
    })
    .sort((a, b) => b.coverage + 0.2 * b.bm - (a.coverage + 0.2 * a.bm))
    .slice(0, rerankCount);
  return screened
    .map(({ passage, matches, coverage, bm }): Scored => {
      const telling = matches.filter((m) => m.weight >= tellingWeight);
      const evidence = (span: Span) =>
        hasEvidence(passage.text.slice(span.start, span.end), {
          type: parsed.type,
          questionWords,
          // Numbers must stand by a telling word of the question, not by "Mexico" or "forces".
          matched: telling.map((m) => [m.start - span.start, m.end - span.start] as const),
        });
      const excerpt = pickExcerpt(passage.sentences, matches, evidence, excerptChars);
      // Confidence decides whether to answer at all: how much of the question the passage, the paragraph
      // before it, and the excerpt cover. Ranking adds BM25, which rewards rare and repeated matches but
      // says nothing absolute.
      let confidence = 0.55 * coverage + 0.45 * excerpt.matchedWeight + (parsed.type !== 'other' && excerpt.hasEvidence ? 0.1 : 0);
      if (needsEvidence.has(parsed.type) && !excerpt.hasEvidence) confidence *= 0.5;
      const rank = confidence + 0.2 * bm + proximityWeight * proximity(passage, parsed.terms, known);
      return { passage, matches, excerpt, confidence, rank };
    })
    .sort((a, b) => b.rank - a.rank);
}

/** The cited excerpt a person sees for a ranked passage. */
function toResult(index: PassageIndex, { passage, matches, excerpt, rank }: Scored): Result {
  return {
    text: passage.text.slice(excerpt.span.start, excerpt.span.end),
    highlights: highlightsIn(excerpt.span, matches),
    score: round(rank),
    citation: citationFor(index.articles.get(passage.documentId), passage),
  };
}

function matchesIn(passage: IndexedPassage, known: ReadonlyMap<string, number>): TermMatch[] {
  const matches: TermMatch[] = [];
  for (const { term, start, end } of passage.terms) {
    const weight = known.get(term);
    if (weight !== undefined) matches.push({ term, start, end, weight });
  }
  return matches;
}

/**
 * How much of the question's word pairs stand together in the passage: for each pair of neighbouring
 * question terms, whether the passage has them within three words of each other, weighed by the two
 * terms' weights. Phrases the question shares with a passage ("a Mexican senator said") point to it.
 */
function proximity(passage: IndexedPassage, terms: readonly Term[], known: ReadonlyMap<string, number>): number {
  let found = 0;
  let possible = 0;
  for (let i = 0; i + 1 < terms.length; i += 1) {
    const a = terms[i]?.term ?? '';
    const b = terms[i + 1]?.term ?? '';
    const wa = known.get(a) ?? 0;
    const wb = known.get(b) ?? 0;
    if (wa === 0 || wb === 0) continue;
    const weight = wa + wb;
    possible += weight;
    if (areNear(passage.terms, a, b)) found += weight;
  }
  return possible === 0 ? 0 : found / possible;
}

function areNear(terms: readonly Term[], a: string, b: string): boolean {
  let lastA = -Infinity;
  let lastB = -Infinity;
  for (let i = 0; i < terms.length; i += 1) {
    const term = terms[i]?.term;
    if (term === a) lastA = i;
    if (term === b) lastB = i;
    if (Math.abs(lastA - lastB) <= proximityReach) return true;
  }
  return false;
}

const proximityWeight = 0.15;
/** Terms (not words: stop words are already gone) apart, at most, to count as near. */
const proximityReach = 3;

/** How many screened candidates get an excerpt and a full score. */
const rerankCount = 8;

/** Questions whose answer must hold a date or a number: a passage without one does not answer them. */
const needsEvidence: ReadonlySet<QuestionType> = new Set(['time', 'count', 'share']);
/** What a term found only in the previous paragraph is worth: "she" there often names who this one is about. */
const contextFactor = 0.5;
const lightFactor = 0.25;
/** A term weighing at least this share of an even split of the question is a telling one. */
const telling = 0.6;
const correctionFactor = 0.7;

/**
 * The BM25 hits, plus the passage after each of the best hits: a paragraph that continues the one
 * that matched ("she said", "he added") often holds the answer without repeating the names.
 */
function candidatesOf(index: PassageIndex, hits: readonly Hit[]): Hit[] {
  const seen = new Set(hits.map((hit) => hit.passageId));
  const following = hits.slice(0, 5).flatMap(({ passageId }) => {
    const next = passageId + 1;
    const isSameArticle = index.passages[next]?.documentId === index.passages[passageId]?.documentId;
    if (!isSameArticle || seen.has(next)) return [];
    seen.add(next);
    return [{ passageId: next, score: 0 }];
  });
  return [...hits, ...following];
}

/** Weight of the question's terms found in the previous passage of the same article but not in this one. */
function contextWeight(index: PassageIndex, passageId: number, known: ReadonlyMap<string, number>, matches: readonly TermMatch[]): number {
  const previous = index.passages[passageId - 1];
  if (previous === undefined || previous.documentId !== index.passages[passageId]?.documentId) return 0;
  const here = new Set(matches.map((match) => match.term));
  const there = new Map<string, number>();
  for (const { term } of previous.terms) if (!here.has(term) && known.has(term)) there.set(term, known.get(term) ?? 0);
  let sum = 0;
  for (const weight of there.values()) sum += weight;
  return sum;
}

/**
 * What finding each known term is worth, normalised so the whole question sums to 1: inverse document
 * frequency, a quarter for words that only frame the question, less for spelling corrections. Words the
 * corpus lacks count in the whole but match nothing, so a question about something else scores low.
 */
function knownTermWeights(passageCount: number, resolved: readonly ResolvedTerm[]): Map<string, number> {
  const idf = (df: number) => Math.log(1 + (passageCount - df + 0.5) / (df + 0.5));
  const base = resolved.map((term) => (isLightTerm(term.term) ? lightFactor : 1) * idf(term.match === undefined ? 0 : term.df));
  const total = base.reduce((sum, weight) => sum + weight, 0);
  const known = new Map<string, number>();
  resolved.forEach((term, i) => {
    if (term.match === undefined || total === 0) return;
    const weight = ((base[i] ?? 0) * (term.isCorrection ? correctionFactor : 1)) / total;
    known.set(term.match, Math.max(known.get(term.match) ?? 0, weight));
  });
  return known;
}

function distinctWeight(matches: readonly TermMatch[]): number {
  const byTerm = new Map(matches.map((match) => [match.term, match.weight]));
  let sum = 0;
  for (const weight of byTerm.values()) sum += weight;
  return sum;
}

function distinctParagraphs(ranked: readonly Scored[]): Scored[] {
  const seen = new Set<string>();
  return ranked.filter(({ passage }) => {
    const key = `${passage.documentId}\u0000${passage.paragraph}`;
    return !seen.has(key) && Boolean(seen.add(key));
  });
}

function articleFor(index: PassageIndex, passage: IndexedPassage | undefined): Article | undefined {
  if (passage !== undefined) return index.articles.get(passage.documentId);
  return index.articles.size === 1 ? [...index.articles.values()][0] : undefined;
}

/** The citation of a passage: its article and paragraph number. */
export function citationFor(article: Article | undefined, passage: { documentId: string; paragraph: number }): Citation {
  return {
    documentId: passage.documentId,
    title: article?.title ?? passage.documentId,
    paragraph: passage.paragraph,
    ...(article?.source === undefined ? {} : { source: article.source }),
    ...(article?.url === undefined ? {} : { url: article.url }),
  };
}

const round = (value: number) => Math.round(value * 1000) / 1000;
