import type { Article } from '../corpus/schema.js';
import type { IndexedPassage, PassageIndex } from '../search/passage-index.js';
import { defaultExcerptChars, highlightsIn } from './excerpt.js';
import { answerFromMetadata } from './metadata.js';
import { calibration, confidenceInput, confidenceOf, relevanceOf } from './model.js';
import { queryOf } from './query.js';
import { isMetaTerm, parseQuestion, type ParsedQuestion } from './question.js';
import { rankPassages, shownOf, type Ranked } from './rank.js';
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

/** How many passages the closest tier shows at most: enough to judge by, few enough not to pass for an answer. */
const closestShown = 2;

export const defaultAnswerOptions = { top: 3, excerptChars: defaultExcerptChars } as const;

/**
 * Answers `question` from `index` with up to `top` cited excerpts, best first and never two from one
 * paragraph, or declines with suggestions when the corpus does not answer it. Never throws on any input.
 */
export function answerQuestion(index: PassageIndex, question: string, options: AnswerOptions = {}): Answer {
  const parsed = parseQuestion(question);
  const top = Math.max(1, options.top ?? defaultAnswerOptions.top);
  if (options.article !== undefined && !index.articles.has(options.article)) return decline(parsed, 'unknown-article', options);
  if (parsed.isSmallTalk) return decline(parsed, 'help', options);
  if (parsed.terms.length === 0) return decline(parsed, 'empty', options);
  // A question about the article itself, when there is only one article it can be about, needs no search.
  const onlyArticle = options.article === undefined ? articleFor(index, undefined) : index.articles.get(options.article);
  const known = metadataAnswer(parsed, onlyArticle);
  if (known !== undefined) return known;
  const query = queryOf(index, parsed);
  const excerptChars = options.excerptChars ?? defaultAnswerOptions.excerptChars;
  const ranked = rankPassages(index, parsed, query, { excerptChars, article: options.article });
  const { tiers } = calibration;
  if (onlyArticle === undefined && parsed.meta !== undefined) {
    // Of several articles: the one the best passage is from, when the question names something of it
    // ("who wrote the article about the bridge?"); else each article's ("who wrote this article?").
    const [first] = ranked;
    const namesOne = first?.matches.some((match) => !isMetaTerm(query.terms[match.slot]?.term ?? '')) === true;
    const about = namesOne ? articleFor(index, first.passage) : undefined;
    const found = about === undefined ? metadataOfEach(parsed, index, top) : metadataAnswer(parsed, about);
    if (found !== undefined) return found;
  }
  const [best, next] = ranked;
  const input = best === undefined ? undefined : confidenceInput(best.features, { best: best.rank, next: next?.rank }, query, parsed);
  const confidence = input === undefined ? 0 : round(confidenceOf(input));
  if (relevanceOf(ranked) < tiers.relevant) return decline(parsed, 'no-match', options, confidence);
  if (confidence >= tiers.answered) {
    const results = shownOf(ranked, top, tiers.relevant).map((scored) => toResult(index, scored));
    return { question: parsed.text, outcome: 'answered', answered: true, confidence, results };
  }
  const closest = shownOf(ranked, Math.min(top, closestShown), tiers.relevant).map((scored) => toResult(index, scored));
  return { question: parsed.text, outcome: 'closest', answered: false, confidence, results: closest };
}

/** The answer to a question about `article` itself (who wrote it, where it appeared), if it asks one the article's metadata answers. */
function metadataAnswer(parsed: ParsedQuestion, article: Article | undefined): Answer | undefined {
  const meta = parsed.meta === undefined || article === undefined ? undefined : answerFromMetadata(article, parsed.meta);
  if (meta === undefined) return undefined;
  return { question: parsed.text, outcome: 'answered', answered: true, confidence: 1, results: [meta] };
}

/** A question about "the article" asked of several: what each article's metadata says, up to `top` of them. */
function metadataOfEach(parsed: ParsedQuestion, index: PassageIndex, top: number): Answer | undefined {
  const field = parsed.meta;
  if (field === undefined) return undefined;
  const results = [...index.articles.values()].flatMap((article) => answerFromMetadata(article, field) ?? []).slice(0, top);
  if (results.length === 0) return undefined;
  return { question: parsed.text, outcome: 'answered', answered: true, confidence: 1, results };
}

function decline(parsed: ParsedQuestion, reason: DeclineReason, options: AnswerOptions, confidence = 0): Answer {
  return {
    question: parsed.text,
    outcome: 'declined',
    answered: false,
    confidence,
    results: [],
    reason,
    suggestions: (options.suggestions?.(parsed.text) ?? []).slice(0, 3),
  };
}

/** The cited excerpt a person sees for a ranked passage. */
function toResult(index: PassageIndex, { passage, matches, excerpt, rank }: Ranked): Result {
  return {
    text: passage.text.slice(excerpt.span.start, excerpt.span.end),
    highlights: highlightsIn(excerpt.span, matches),
    score: round(rank),
    citation: citationFor(index.articles.get(passage.documentId), passage),
  };
}

function articleFor(index: PassageIndex, passage: IndexedPassage | undefined): Article | undefined {
  if (passage !== undefined) return index.articles.get(passage.documentId);
  return index.articles.size === 1 ? [...index.articles.values()][0] : undefined;
}

/** The citation of a passage: its article and paragraph number. */
export function citationFor(article: Article | undefined, passage: { documentId: string; paragraph: number }): Citation {
  // Fields set one by one, not spread in: spreading is slow in V8, and this runs for every excerpt shown.
  const citation: { -readonly [K in keyof Citation]: Citation[K] } = {
    documentId: passage.documentId,
    title: article?.title ?? passage.documentId,
    paragraph: passage.paragraph,
  };
  if (article?.source !== undefined) citation.source = article.source;
  if (article?.url !== undefined) citation.url = article.url;
  return citation;
}

const round = (value: number) => Math.round(value * 1000) / 1000;
