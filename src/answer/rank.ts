import type { Hit, IndexedPassage, PassageIndex, ResolvedTerm } from '../search/passage-index.js';
import { isLightTerm } from '../text/analyze.js';
import { SentenceEvidence } from './evidence.js';
import { pickExcerpt, type ExcerptChoice, type TermMatch } from './excerpt.js';
import type { ParsedQuestion, QuestionType } from './question.js';

/** A candidate passage with its excerpt and scores. */
export type Scored = {
  readonly passage: IndexedPassage;
  readonly matches: readonly TermMatch[];
  readonly excerpt: ExcerptChoice;
  /** How much of the question the passage answers, on an absolute scale: decides whether to answer. */
  readonly confidence: number;
  /** Confidence plus relative signals (BM25, proximity): orders the results. */
  readonly rank: number;
};

/** Vocabulary term id → what finding it is worth. */
type Weights = ReadonlyMap<number, number>;

/** How many BM25 candidates are screened. */
const candidateCount = 20;
/** How many screened candidates get an excerpt and a full score. */
const rerankCount = 8;
/** Questions whose answer must hold a date or a number: a passage without one does not answer them. */
const needsEvidence: ReadonlySet<QuestionType> = new Set(['time', 'count', 'share']);
/** What a term found only in the previous paragraph is worth: "she" there often names who this one is about. */
const contextFactor = 0.5;
/** What a word that only frames the question ("happen", "say") weighs beside a content word. */
const lightFactor = 0.25;
/** A term weighing at least this share of an even split of the question is a telling one. */
const telling = 0.6;
const correctionFactor = 0.7;
const proximityWeight = 0.15;
/** Terms (not words: stop words are already gone) apart, at most, to count as near. */
const proximityReach = 3;

/** Confidence is this share of the question's coverage plus the rest of what the excerpt matches. */
const coverageShare = 0.55;
const excerptShare = 0.45;
/** What BM25 (relative to the best hit) adds to a rank. */
const bmShare = 0.2;

/** Below this confidence the corpus is taken not to answer the question. */
export const minConfidence = 0.42;
/** Below this confidence a passage is not shown, even beside better ones. */
const minShownConfidence = minConfidence * 0.5;

/**
 * What a person is shown of the ranked passages: the best `top`, never two from one paragraph, none
 * below `minShownConfidence`.
 */
export function shownOf(ranked: readonly Scored[], top: number): Scored[] {
  const shown: Scored[] = [];
  for (let i = 0; i < ranked.length && shown.length < top; i += 1) {
    const scored = ranked[i];
    if (scored !== undefined && !isParagraphBefore(ranked, i) && scored.confidence >= minShownConfidence) shown.push(scored);
  }
  return shown;
}

/** Whether a passage ranked above `ranked[i]` is from the same paragraph (a handful are ranked: looking back beats a set of keys). */
function isParagraphBefore(ranked: readonly Scored[], i: number): boolean {
  const passage = ranked[i]?.passage;
  for (let j = 0; j < i; j += 1) {
    const other = ranked[j]?.passage;
    if (other?.paragraph === passage?.paragraph && other?.documentId === passage?.documentId) return true;
  }
  return false;
}

/**
 * Ranks the passages that may answer a question: BM25 candidates from MiniSearch (and the paragraph after
 * each of the best), screened on coverage, then the most promising scored sentence by sentence, best
 * first. Scoring stops once no candidate left could be among the `top` shown (`shownOf`) or change
 * whether the question is answered (`minConfidence`): a candidate's rank is at most its coverage plus
 * its share of BM25 plus the bonuses it could still earn, so what is left out could never have been shown.
 */
export function rankPassages(
  index: PassageIndex,
  parsed: ParsedQuestion,
  resolved: readonly ResolvedTerm[],
  options: {
    readonly excerptChars: number;
    readonly top: number;
    readonly article?: string | undefined;
    /** Score every screened candidate, pruning none (to check that pruning changes nothing). */
    readonly exhaustive?: boolean;
  },
): Scored[] {
  const weights = termWeights(index, resolved);
  const hits = index.searchIds([...weights.keys()], candidateCount, options.article);
  const query = queryOf(index, weights);
  try {
    const maxScore = hits[0]?.score ?? 1;
    // Screen every candidate cheaply on coverage and BM25; pick excerpts only for the most promising.
    const screened = candidatesOf(index, hits)
      .map(({ passageId, score }) => screen(index, passageId, query, score / maxScore))
      .sort((a, b) => b.coverage + bmShare * b.bm - (a.coverage + bmShare * a.bm))
      .slice(0, rerankCount);
    // Only who and where questions look for names the question does not already hold.
    const questionWords =
      parsed.type === 'person' || parsed.type === 'place' ? new Set(parsed.text.toLowerCase().split(/[^\p{L}]+/u)) : noWords;
    const tellingWeight = telling / parsed.terms.length;
    const questionIds = resolved.map((term) => (term.isCorrection ? undefined : term.id));
    // What a candidate may earn beyond its coverage and BM25: the evidence bonus, proximity if two terms can be near.
    const evidenceBonus = parsed.type === 'other' ? 0 : 0.1;
    const pairs = pairsOf(questionIds, weights);
    const nearBonus = pairs.total > 0 ? proximityWeight : 0;
    const { mostRankFrom, mostConfidenceFrom } = boundsOf(screened, evidenceBonus, nearBonus);
    const scoring: Scoring = {
      index,
      parsed,
      query,
      pairs,
      questionWords,
      tellingWeight,
      evidenceBonus,
      excerptChars: options.excerptChars,
    };
    const keepBest = parsed.meta !== undefined ? 1 : 0;
    // Each candidate's proximity, worked out before scoring only when knowing it may let scoring stop (NaN: not yet).
    const nearOf = new Float64Array(screened.length).fill(Number.NaN);
    let exactRankFrom: Float64Array | undefined;
    const ranked: Scored[] = [];
    for (let i = 0; i < screened.length; i += 1) {
      if (i > 0 && options.exhaustive !== true) {
        const [mostRank, mostConfidence] = [mostRankFrom[i] ?? 0, mostConfidenceFrom[i] ?? 0];
        if (isSettled(ranked, mostRank, mostConfidence, keepBest, options.top)) break;
        // Settled but for what proximity might add? Then see what it does add to the candidates left.
        if (nearBonus > 0 && isSettled(ranked, mostRank - nearBonus, mostConfidence, keepBest, options.top)) {
          exactRankFrom ??= exactRanksFrom(i, screened, nearOf, evidenceBonus, (candidate) =>
            proximity(index.termIdsOf(candidate.passageId), pairs),
          );
          if (isSettled(ranked, exactRankFrom[i] ?? 0, mostConfidence, keepBest, options.top)) break;
        }
      }
      const candidate = screened[i];
      if (candidate !== undefined) insertByRank(ranked, scoreCandidate(scoring, candidate, nearOf[i] ?? Number.NaN));
    }
    return ranked;
  } finally {
    query.release();
  }
}

/** A screened candidate: its passage, coverage of the question (`found` in the passage itself), and BM25 share. */
type Candidate = { readonly passageId: number; readonly coverage: number; readonly found: number; readonly bm: number };

/** What scoring a candidate needs to know of the question. */
type Scoring = {
  readonly index: PassageIndex;
  readonly parsed: ParsedQuestion;
  readonly query: Query;
  readonly pairs: Pairs;
  readonly questionWords: ReadonlySet<string>;
  readonly tellingWeight: number;
  readonly evidenceBonus: number;
  readonly excerptChars: number;
};

/** A candidate's excerpt, confidence and rank; `near` is its proximity if already known, else NaN. */
function scoreCandidate(scoring: Scoring, { passageId, coverage, bm }: Candidate, near: number): Scored {
  const { index, parsed, query, pairs, questionWords, tellingWeight, evidenceBonus, excerptChars } = scoring;
  const passage = index.passage(passageId);
  const matches = matchesIn(passage, query);
  // Numbers must stand by a telling word of the question, not by "Mexico" or "forces".
  const tellingMatches = parsed.type === 'count' || parsed.type === 'share' ? matches.filter((m) => m.weight >= tellingWeight) : [];
  const evidence = parsed.type === 'other' ? undefined : evidenceIn(index, passageId, passage);
  // The question's side of the evidence test, once for the passage: each sentence is told where it starts.
  const context =
    evidence === undefined
      ? undefined
      : { type: parsed.type, questionWords, matched: tellingMatches.map((m) => [m.start, m.end] as const) };
  const excerpt = pickExcerpt(
    passage.sentences,
    matches,
    (span, sentence) => (context === undefined ? true : (evidence?.[sentence]?.holds(context, span.start) ?? true)),
    excerptChars,
  );
  // Confidence: how much of the question the passage, the paragraph before it, and the excerpt cover.
  // Ranking adds BM25, which rewards rare and repeated matches but says nothing absolute.
  let confidence = coverageShare * coverage + excerptShare * excerpt.matchedWeight + (excerpt.hasEvidence ? evidenceBonus : 0);
  if (needsEvidence.has(parsed.type) && !excerpt.hasEvidence) confidence *= 0.5;
  const rank = confidence + bmShare * bm + proximityWeight * (Number.isNaN(near) ? proximity(passage.termIds, pairs) : near);
  return { passage, matches, excerpt, confidence, rank };
}

/**
 * Whether scoring more candidates could change the answer, given the passages ranked so far (best first)
 * and the most any candidate left could rank and be confident: it could not when the question is already
 * answered (or can no longer be) and none left could outrank the last passage shown (or, for a declined
 * question, the best passage, which metadata questions read the article from when `keepBest` is 1).
 */
function isSettled(ranked: readonly Scored[], mostRank: number, mostConfidence: number, keepBest: number, top: number): boolean {
  const best = ranked[0]?.rank ?? Infinity;
  if (ranked.some((scored) => scored.confidence >= minConfidence)) {
    // Nothing left may outrank the best so far (a cheap test first), then the last passage shown.
    return ranked.length >= top && mostRank < best - 1e-9 && mostRank < (lastShownRank(ranked, top) ?? -Infinity) - 1e-9;
  }
  if (mostConfidence >= minConfidence) return false;
  return keepBest === 0 || mostRank < best - 1e-9;
}

/** The rank of the `top`-th passage `shownOf` would show; undefined if it would show fewer. */
function lastShownRank(ranked: readonly Scored[], top: number): number | undefined {
  let shown = 0;
  for (let i = 0; i < ranked.length; i += 1) {
    const scored = ranked[i];
    if (scored === undefined || isParagraphBefore(ranked, i) || scored.confidence < minShownConfidence) continue;
    shown += 1;
    if (shown === top) return scored.rank;
  }
  return undefined;
}

/** Puts `scored` into `ranked` (best first) after every passage ranked as high: as a stable sort would. */
function insertByRank(ranked: Scored[], scored: Scored): void {
  let at = ranked.length;
  while (at > 0 && (ranked[at - 1]?.rank ?? Infinity) < scored.rank) at -= 1;
  ranked.splice(at, 0, scored);
}

/**
 * For each candidate from `from` on, the most that it or any after it could rank, its proximity worked
 * out (and kept in `nearOf`) rather than assumed.
 */
function exactRanksFrom(
  from: number,
  screened: readonly Candidate[],
  nearOf: Float64Array,
  evidenceBonus: number,
  nearness: (candidate: Candidate) => number,
): Float64Array {
  const mostRankFrom = new Float64Array(screened.length);
  let rank = -Infinity;
  for (let j = screened.length - 1; j >= from; j -= 1) {
    const candidate = screened[j];
    if (candidate === undefined) continue;
    const near = nearness(candidate);
    nearOf[j] = near;
    rank = Math.max(rank, mostConfidenceOf(candidate, evidenceBonus) + bmShare * candidate.bm + proximityWeight * near);
    mostRankFrom[j] = rank;
  }
  return mostRankFrom;
}

/** The most confidence a candidate can earn: its excerpt matches at most what the passage itself does. */
function mostConfidenceOf({ coverage, found }: Candidate, evidenceBonus: number): number {
  return coverageShare * coverage + excerptShare * found + evidenceBonus;
}

/**
 * For each screened candidate, the most that it or any after it could rank and be confident: its excerpt
 * matches at most what the passage itself does, and it may earn the evidence and proximity bonuses.
 */
function boundsOf(
  screened: readonly Candidate[],
  evidenceBonus: number,
  nearBonus: number,
): { mostRankFrom: Float64Array; mostConfidenceFrom: Float64Array } {
  const [mostRankFrom, mostConfidenceFrom] = [new Float64Array(screened.length), new Float64Array(screened.length)];
  let [rank, confidence] = [-Infinity, -Infinity];
  for (let i = screened.length - 1; i >= 0; i -= 1) {
    const candidate = screened[i];
    if (candidate === undefined) continue;
    confidence = Math.max(confidence, mostConfidenceOf(candidate, evidenceBonus));
    rank = Math.max(rank, mostConfidenceOf(candidate, evidenceBonus) + bmShare * candidate.bm + nearBonus);
    mostRankFrom[i] = rank;
    mostConfidenceFrom[i] = confidence;
  }
  return { mostRankFrom, mostConfidenceFrom };
}

/**
 * The question's known terms in slots, with each term id's slot found by indexing an array as long as the
 * vocabulary (kept per index and cleared after each question) rather than by hashing: screening looks up
 * every term of every candidate and of the paragraph before it, a few thousand lookups a question.
 */
type Query = {
  readonly weights: Float64Array;
  /** Term id → its slot + 1, or 0 for a term the question does not ask. */
  readonly slotOf: Uint16Array;
  /** Per slot, scratch for one passage: 0 unseen, 1 found in the passage, 2 found in the paragraph before. */
  readonly seen: Uint8Array;
  readonly release: () => void;
};

/** Each index's slot array while no question is being ranked; a question takes it and gives it back. */
const spareSlots = new WeakMap<PassageIndex, Uint16Array>();

function queryOf(index: PassageIndex, weights: Weights): Query {
  // Nothing ranks two questions at once, but if something ever did, the second would get an array of its own.
  const slotOf = spareSlots.get(index) ?? new Uint16Array(index.vocabularySize);
  spareSlots.delete(index);
  const ids = [...weights.keys()];
  const slotWeights = new Float64Array(ids.length);
  ids.forEach((id, slot) => {
    slotOf[id] = slot + 1; // a question of 500 characters has far fewer than 65,535 terms
    slotWeights[slot] = weights.get(id) ?? 0;
  });
  return {
    weights: slotWeights,
    slotOf,
    seen: new Uint8Array(ids.length),
    release() {
      for (const id of ids) slotOf[id] = 0;
      spareSlots.set(index, slotOf);
    },
  };
}

const noWords: ReadonlySet<string> = new Set();

/**
 * Passage `passageId` as a candidate: the weight of the question's distinct terms found in it (`found`),
 * and that plus `contextFactor` times the weight of those found only in the paragraph before it, same
 * article (`coverage`).
 */
function screen(index: PassageIndex, passageId: number, query: Query, bm: number): Candidate {
  query.seen.fill(0);
  const found = weighUnseen(index, passageId, query, 1);
  if (!index.isSameArticle(passageId - 1, passageId)) return { passageId, coverage: found, found, bm };
  return { passageId, coverage: found + weighUnseen(index, passageId - 1, query, 2) * contextFactor, found, bm };
}

/** The weight of the question's terms in passage `passageId` not yet `seen`, marking them seen with `mark`. */
function weighUnseen(index: PassageIndex, passageId: number, { weights, slotOf, seen }: Query, mark: number): number {
  const termIds = index.allTermIds;
  let sum = 0;
  for (let i = index.termStart(passageId), end = index.termStart(passageId + 1); i < end; i += 1) {
    const slot = slotOf[termIds[i] ?? 0] ?? 0;
    if (slot === 0 || seen[slot - 1] !== 0) continue;
    seen[slot - 1] = mark;
    sum += weights[slot - 1] ?? 0;
  }
  return sum;
}

/** Passage id → what its sentences hold, per index: kept for the passages asked about lately. */
const evidenceKept = new WeakMap<PassageIndex, Map<number, readonly SentenceEvidence[]>>();
/** About 1.3 KB a passage once every kind of evidence is read (measured): 6.5 MB at most. */
const evidencePassagesKept = 5_000;

function evidenceIn(index: PassageIndex, passageId: number, passage: IndexedPassage): readonly SentenceEvidence[] {
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

/**
 * What finding each known term is worth, normalised so the whole question sums to 1: inverse document
 * frequency, a quarter for words that only frame the question, less for spelling corrections. Words the
 * corpus lacks count in the whole but match nothing, so a question about something else scores low.
 */
function termWeights(index: PassageIndex, resolved: readonly ResolvedTerm[]): Weights {
  const base = resolved.map(
    (term) => (isLightTerm(term.term) ? lightFactor : 1) * inverseDocumentFrequency(index.size, term.match === undefined ? 0 : term.df),
  );
  const total = base.reduce((sum, weight) => sum + weight, 0);
  const weights = new Map<number, number>();
  resolved.forEach((term, i) => {
    const { id } = term;
    if (id === undefined || total === 0) return;
    const weight = ((base[i] ?? 0) * (term.isCorrection ? correctionFactor : 1)) / total;
    weights.set(id, Math.max(weights.get(id) ?? 0, weight));
  });
  return weights;
}

function inverseDocumentFrequency(size: number, df: number): number {
  return Math.log(1 + (size - df + 0.5) / (df + 0.5));
}

/**
 * The BM25 hits, plus the passage after each of the best hits: a paragraph that continues the one
 * that matched ("she said", "he added") often holds the answer without repeating the names.
 */
function candidatesOf(index: PassageIndex, hits: readonly Hit[]): Hit[] {
  const candidates = [...hits];
  for (const { passageId } of hits.slice(0, 5)) {
    const next = passageId + 1;
    if (!index.isSameArticle(passageId, next) || candidates.some((candidate) => candidate.passageId === next)) continue;
    candidates.push({ passageId: next, score: 0 });
  }
  return candidates;
}

function matchesIn(passage: Pick<IndexedPassage, 'termIds' | 'termFrom' | 'termTo'>, { weights, slotOf }: Query): TermMatch[] {
  const matches: TermMatch[] = [];
  passage.termIds.forEach((id, i) => {
    const slot = slotOf[id] ?? 0;
    if (slot !== 0)
      matches.push({ term: id, start: passage.termFrom[i] ?? 0, end: passage.termTo[i] ?? 0, weight: weights[slot - 1] ?? 0 });
  });
  return matches;
}

/**
 * How much of the question's word pairs stand together in the passage: for each pair of neighbouring
 * question terms, whether the passage has them within three terms of each other, weighed by the two
 * terms' weights. Phrases the question shares with a passage ("a Mexican senator said") point to it.
 */
function proximity(termIds: Uint32Array, pairs: Pairs): number {
  if (pairs.total === 0) return 0;
  let found = 0;
  for (let k = 0; k < pairs.weight.length; k += 1) {
    if (areNear(termIds, pairs.a[k] ?? 0, pairs.b[k] ?? 0)) found += pairs.weight[k] ?? 0;
  }
  return found / pairs.total;
}

/** The question's neighbouring known terms, pair by pair, with the two terms' weights: what `proximity` looks for. */
type Pairs = { readonly a: Uint32Array; readonly b: Uint32Array; readonly weight: Float64Array; readonly total: number };

function pairsOf(questionIds: readonly (number | undefined)[], weights: Weights): Pairs {
  const [a, b, weight] = [[] as number[], [] as number[], [] as number[]];
  let total = 0;
  for (let i = 0; i + 1 < questionIds.length; i += 1) {
    const [first, second] = [questionIds[i], questionIds[i + 1]];
    const [firstWeight, secondWeight] = [
      first === undefined ? undefined : weights.get(first),
      second === undefined ? undefined : weights.get(second),
    ];
    if (first === undefined || second === undefined || firstWeight === undefined || secondWeight === undefined) continue;
    a.push(first);
    b.push(second);
    weight.push(firstWeight + secondWeight);
    total += firstWeight + secondWeight;
  }
  return { a: Uint32Array.from(a), b: Uint32Array.from(b), weight: Float64Array.from(weight), total };
}

function areNear(termIds: Uint32Array, a: number, b: number): boolean {
  let lastA = -Infinity;
  let lastB = -Infinity;
  for (let i = 0; i < termIds.length; i += 1) {
    if (termIds[i] === a) lastA = i;
    if (termIds[i] === b) lastB = i;
    if (Math.abs(lastA - lastB) <= proximityReach) return true;
  }
  return false;
}
