import { featureNames, type Features } from '../../src/answer/features.js';
import { queryOf, type Query } from '../../src/answer/query.js';
import { parseQuestion, type ParsedQuestion } from '../../src/answer/question.js';
import { rankPassages } from '../../src/answer/rank.js';
import { defaultExcerptChars } from '../../src/answer/excerpt.js';
import { loadCorpus, PassageIndex } from '../../src/index.js';
import { foldForScoring } from '../eval-score.js';
import type { EvalQuestion, EvalSet } from '../eval/sets.js';

/** A candidate of a question as the fits see it: its features (in `featureNames` order) and whether it is right. */
export type CollectedCandidate = {
  readonly features: Features;
  /** What `relevanceOf` reads. */
  readonly relevance: number;
  readonly vector: readonly number[];
  /** It is the paragraph the question was written for (SQuAD). */
  readonly isGold: boolean;
  /** Its excerpt holds one of the answer strings. */
  readonly holdsAnswer: boolean;
};

/** A question of a set with every candidate measured: what the fits learn from. */
export type Collected = {
  readonly set: string;
  readonly question: EvalQuestion;
  readonly parsed: ParsedQuestion;
  readonly query: Query;
  readonly candidates: readonly CollectedCandidate[];
};

/** The corpus of a set, indexed once even when several sets are asked of it. */
const indexes = new Map<string, Promise<PassageIndex>>();
function indexOf(dir: string): Promise<PassageIndex> {
  let index = indexes.get(dir);
  if (index === undefined) indexes.set(dir, (index = loadCorpus(dir).then((corpus) => new PassageIndex(corpus.articles))));
  return index;
}

/** Every question of `set` with its candidates measured (questions about the article itself, answered from metadata, left out). */
export async function collect(set: EvalSet): Promise<Collected[]> {
  const index = await indexOf(set.corpusDir);
  const collected: Collected[] = [];
  for (const question of set.questions) {
    const parsed = parseQuestion(question.question);
    if (parsed.terms.length === 0 || parsed.meta !== undefined) continue;
    const query = queryOf(index, parsed);
    const wanted = question.answers.map(foldForScoring);
    const candidates = rankPassages(index, parsed, query, { excerptChars: defaultExcerptChars }).map(
      ({ passage, excerpt, features, relevance }) => {
        const text = foldForScoring(passage.text.slice(excerpt.span.start, excerpt.span.end));
        const gold = question.gold;
        return {
          features,
          relevance,
          vector: featureNames.map((name) => features[name]),
          isGold: gold?.documentId === passage.documentId && gold.paragraph === passage.paragraph,
          holdsAnswer: wanted.some((answer) => text.includes(answer)),
        };
      },
    );
    collected.push({ set: set.name, question, parsed, query, candidates });
  }
  return collected;
}
