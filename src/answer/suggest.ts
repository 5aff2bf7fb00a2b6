import type { PassageIndex } from '../search/passage-index.js';
import { foldText } from '../text/analyze.js';
import { answerQuestion } from './answer.js';
import { calibration } from './model.js';
import { topicsOf, type Topic } from './topics.js';

/** About how many paragraphs are read for topics: all of a small corpus, the leads of a large one. */
const topicParagraphs = 4000;

/**
 * Questions the corpus can answer, for declined questions and autocomplete: "What does the story say
 * about X?" for the names it mentions most, then for the two-word phrases it repeats ("fentanyl labs"),
 * taken from every article in turn so that one long article does not crowd out the rest. Topics come from
 * the corpus; the wording is a fixed template, so the bot asserts nothing about the story itself. Each is
 * checked by `isAnswered` before it is offered. A corpus of more than about 4,000 paragraphs is read for
 * topics by the first paragraphs of each article, so that the cost stays about flat.
 */
export function suggestQuestions(index: PassageIndex, isAnswered: (question: string) => boolean, limit = 25): string[] {
  const articles = [...index.articles.values()];
  const perArticle = Math.max(1, Math.floor(topicParagraphs / Math.max(1, articles.length)));
  const questions: string[] = [];
  const asked = new Set<string>();
  let tried = 0;
  // Each candidate costs one answer; a large corpus has thousands of names, and the commonest are the best topics.
  for (const { name } of inTurn(articles.map((article) => topicsOf(article, perArticle)))) {
    if (questions.length >= limit || tried >= limit * 3) break;
    const question = `What does the story say about ${name}?`;
    if (asked.has(foldText(question))) continue;
    asked.add(foldText(question));
    tried += 1;
    if (isAnswered(question)) questions.push(question);
  }
  return questions;
}

/** The questions the bot suggests for the corpus of `index`: those it answers with confidence. */
export function corpusSuggestions(index: PassageIndex): string[] {
  return suggestQuestions(index, (question) => answerQuestion(index, question).answered);
}

/**
 * What the suggestions depend on beside the corpus, for the index cache that keeps them: the model that
 * says which are answered, and the version of how they are picked and worded (bump it when that changes).
 */
export const suggestionsKey = `suggestions 1 ${JSON.stringify(calibration)}`;

/** The lists' topics taken in turn, one from each list (the lists with the most mentioned topics first). */
function* inTurn(lists: readonly (readonly Topic[])[]): Generator<Topic> {
  const order = [...lists].sort((a, b) => (b[0]?.count ?? 0) - (a[0]?.count ?? 0));
  for (let i = 0; order.some((list) => i < list.length); i += 1) {
    for (const list of order) {
      const topic = list[i];
      if (topic !== undefined) yield topic;
    }
  }
}

/**
 * Suggestions whose words start with what the user has typed so far, best first (for autocomplete and
 * declined questions): a suggestion scores one for each typed word (of two letters or more) that begins
 * one of its words; ties keep the suggestions' order.
 */
export function matchSuggestions(suggestions: readonly string[], typed: string, limit: number): string[] {
  const typedWords = wordsOf(typed).filter((word) => word.length > 1);
  if (typedWords.length === 0) return suggestions.slice(0, limit);
  const { words, owners } = wordIndexOf(suggestions);
  const scores = new Uint16Array(suggestions.length);
  // Which typed word last scored each suggestion, so that one typed word scores a suggestion once.
  const scoredBy = new Int32Array(suggestions.length).fill(-1);
  typedWords.forEach((typedWord, k) => {
    for (let i = firstAtLeast(words, typedWord); i < words.length && (words[i] ?? '').startsWith(typedWord); i += 1) {
      const owner = owners[i] ?? 0;
      if (scoredBy[owner] === k) continue;
      scoredBy[owner] = k;
      scores[owner] = (scores[owner] ?? 0) + 1;
    }
  });
  const matched: number[] = [];
  scores.forEach((score, i) => score > 0 && matched.push(i));
  return matched
    .sort((a, b) => (scores[b] ?? 0) - (scores[a] ?? 0) || a - b)
    .slice(0, limit)
    .map((i) => suggestions[i] ?? '');
}

const wordsOf = (text: string) => foldText(text).split(/[^\p{L}\p{N}]+/u);

/**
 * Every word of a list of suggestions, folded and sorted, with the suggestion it is in: the words a typed
 * word begins are then one run, found by a binary search. Built once per list (a bot's list lives as long
 * as its corpus) and dropped with it.
 */
type WordIndex = { readonly words: readonly string[]; readonly owners: Uint32Array };
const wordIndexes = new WeakMap<readonly string[], WordIndex>();

function wordIndexOf(suggestions: readonly string[]): WordIndex {
  let index = wordIndexes.get(suggestions);
  if (index === undefined) {
    const entries = suggestions
      .flatMap((suggestion, owner) => wordsOf(suggestion).flatMap((word) => (word === '' ? [] : [{ word, owner }])))
      .sort((a, b) => (a.word < b.word ? -1 : a.word > b.word ? 1 : a.owner - b.owner));
    index = { words: entries.map((entry) => entry.word), owners: Uint32Array.from(entries, (entry) => entry.owner) };
    wordIndexes.set(suggestions, index);
  }
  return index;
}

/** The first position in sorted `words` whose word is not below `word`. */
function firstAtLeast(words: readonly string[], word: string): number {
  let [low, high] = [0, words.length];
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((words[middle] ?? '') < word) low = middle + 1;
    else high = middle;
  }
  return low;
}
