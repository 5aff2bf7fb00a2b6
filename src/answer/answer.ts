import type { Article } from '../corpus/schema.js';
import type { IndexedPassage, PassageIndex, ResolvedTerm } from '../search/passage-index.js';
import type { Span } from '../text/sentences.js';
import { hasEvidence } from './evidence.js';
import { defaultExcerptChars, highlightsIn, pickExcerpt, type TermMatch } from './excerpt.js';
import { answerFromMetadata } from './metadata.js';
import { parseQuestion, type ParsedQuestion } from './question.js';
import type { Answer, Citation, Result } from './types.js';

export type AnswerOptions = {
  /** How many cited excerpts at most. @default 3 */
  readonly top?: number;
  /** The longest excerpt of more than one sentence. @default 400 */
  readonly excerptChars?: number;
  /** Questions the corpus answers well, offered when a question is declined. @default [] */
  readonly suggestions?: readonly string[];
};

export const defaultAnswerOptions = { top: 3, excerptChars: defaultExcerptChars } as const;

/** How many BM25 candidates are re-ranked sentence by sentence. */
const candidateCount = 40;
/** Below this confidence the corpus is taken not to answer the question. */
const minConfidence = 0.3;

type Scored = { passage: IndexedPassage; result: Result; confidence: number; rank: number };

/**
 * Answers `question` from `index` with up to `top` cited excerpts, best first and never two from one
 * paragraph, or declines with suggestions when the corpus does not answer it. Never throws on any input.
 */
export function answerQuestion(index: PassageIndex, question: string, options: AnswerOptions = {}): Answer {
  const parsed = parseQuestion(question);
  const top = Math.max(1, options.top ?? defaultAnswerOptions.top);
  const decline = (reason: 'empty' | 'no-match'): Answer => ({
    question: parsed.text,
    answered: false,
    results: [],
    reason,
    suggestions: (options.suggestions ?? []).slice(0, 3),
  });
  if (parsed.terms.length === 0) return decline('empty');
  const resolved = index.resolve(parsed.terms.map((term) => term.term));
  const ranked = rankPassages(index, parsed, resolved, options.excerptChars ?? defaultAnswerOptions.excerptChars);
  if (parsed.meta !== undefined) {
    const article = articleFor(index, ranked[0]?.passage);
    const meta = article === undefined ? undefined : answerFromMetadata(article, parsed.meta);
    if (meta !== undefined) return { question: parsed.text, answered: true, results: [meta] };
  }
  const best = ranked[0];
  if (best === undefined || Math.max(...ranked.map((s) => s.confidence)) < minConfidence) return decline('no-match');
  const results = distinctParagraphs(ranked)
    .filter((scored) => scored.confidence >= minConfidence * 0.8)
    .slice(0, top)
    .map((scored) => scored.result);
  return { question: parsed.text, answered: true, results };
}

function rankPassages(index: PassageIndex, parsed: ParsedQuestion, resolved: readonly ResolvedTerm[], excerptChars: number): Scored[] {
  const weights = termWeights(index.size, resolved);
  const known = new Map<string, number>();
  resolved.forEach((term, i) => {
    if (term.match !== undefined) known.set(term.match, Math.max(known.get(term.match) ?? 0, weights[i] ?? 0));
  });
  const hits = index.search([...known.keys()], candidateCount);
  const maxScore = hits[0]?.score ?? 1;
  const questionWords = new Set(parsed.text.toLowerCase().split(/[^\p{L}]+/u));
  const scored = hits.map((hit): Scored => {
    const passage = index.passages[hit.passageId] as IndexedPassage;
    const matches: TermMatch[] = passage.terms
      .filter((t) => known.has(t.term))
      .map((t) => ({ term: t.term, start: t.start, end: t.end, weight: known.get(t.term) ?? 0 }));
    const coverage = distinctWeight(matches);
    const evidence = (span: Span) => hasEvidence(passage.text.slice(span.start, span.end), parsed.type, questionWords);
    const excerpt = pickExcerpt(passage.sentences, matches, evidence, excerptChars);
    const typeBonus = parsed.type !== 'other' && excerpt.hasEvidence ? 0.1 : 0;
    // Confidence decides whether to answer at all: how much of the question the passage and its excerpt
    // cover. Ranking adds BM25, which rewards repeated and rare matches but says nothing absolute.
    const confidence = 0.55 * coverage + 0.45 * excerpt.matchedWeight + typeBonus;
    const rank = confidence + 0.2 * (hit.score / maxScore);
    const result: Result = {
      text: passage.text.slice(excerpt.span.start, excerpt.span.end),
      highlights: highlightsIn(excerpt.span, matches),
      score: round(rank),
      citation: citationFor(index.articles.get(passage.documentId), passage),
    };
    return { passage, result, confidence, rank };
  });
  return scored.sort((a, b) => b.rank - a.rank);
}

/** Inverse document frequency per question term, normalised to sum to 1; unknown words weigh the most. */
function termWeights(passageCount: number, resolved: readonly ResolvedTerm[]): number[] {
  const idf = (df: number) => Math.log(1 + (passageCount - df + 0.5) / (df + 0.5));
  const raw = resolved.map((term) => (term.match === undefined ? idf(0) : idf(term.df) * (term.isCorrection ? 0.7 : 1)));
  const total = resolved.reduce((sum, term) => sum + (term.match === undefined ? idf(0) : idf(term.df)), 0);
  return raw.map((weight) => (total > 0 ? weight / total : 0));
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
