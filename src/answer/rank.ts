import type { Hit, PassageIndex } from '../search/passage-index.js';
import { contextOf, measure, type Measured } from './features.js';
import { rankOf } from './model.js';
import type { Query } from './query.js';
import type { ParsedQuestion } from './question.js';

/** A candidate passage measured and ranked. */
export type Ranked = Measured & { readonly rank: number };

/** How many BM25+ hits become candidates. */
const candidateCount = 20;
/** Of how many of the best hits the next paragraph is a candidate too. */
const followedHits = 5;

/**
 * Ranks the passages that may answer a question: the best BM25+ hits, and the paragraph after each of the
 * best few (a paragraph that goes on from the one that matched, "she said", often holds the answer without
 * repeating the question's words), each measured and ranked by the fitted model, best first.
 */
export function rankPassages(
  index: PassageIndex,
  parsed: ParsedQuestion,
  query: Query,
  options: { readonly excerptChars: number; readonly article?: string | undefined },
): Ranked[] {
  const hits = index.search(query.search, candidateCount, options.article);
  const best = hits[0]?.score ?? 0;
  const question = contextOf(parsed, query, options.excerptChars);
  return candidatesOf(index, hits)
    .map(({ passageId, score }) => measure(index, question, { passageId, bm: best > 0 ? score / best : 0 }))
    .filter(({ relevance }) => relevance > 0)
    .map(ranked)
    .sort((a, b) => b.rank - a.rank);
}

/**
 * `measured` with its rank. Spelled out, not spread (`{ ...measured, rank }`): V8 copies a spread object
 * property by property through a generic path, which took a fifth of the answering time on the story.
 */
function ranked({ passage, matches, excerpt, features, relevance }: Measured): Ranked {
  return { passage, matches, excerpt, features, relevance, rank: rankOf(features) };
}

/**
 * What a person is shown of the ranked passages: the best `top`, never two from one paragraph; after the
 * first, only passages whose relevance (see `Measured`) is at least `minRelevance`.
 */
export function shownOf(ranked: readonly Ranked[], top: number, minRelevance = 0): Ranked[] {
  const shown: Ranked[] = [];
  for (const candidate of ranked) {
    if (shown.length >= top) break;
    const { documentId, paragraph } = candidate.passage;
    const isRelevant = shown.length === 0 || candidate.relevance >= minRelevance;
    const isNew = !shown.some((other) => other.passage.documentId === documentId && other.passage.paragraph === paragraph);
    if (isRelevant && isNew) shown.push(candidate);
  }
  return shown;
}

/** The hits, plus the passage after each of the best few when it is in the same article and not a hit already. */
function candidatesOf(index: PassageIndex, hits: readonly Hit[]): Hit[] {
  const candidates = [...hits];
  for (const { passageId } of hits.slice(0, followedHits)) {
    const next = passageId + 1;
    if (!index.isSameArticle(passageId, next) || candidates.some((candidate) => candidate.passageId === next)) continue;
    candidates.push({ passageId: next, score: 0 });
  }
  return candidates;
}
