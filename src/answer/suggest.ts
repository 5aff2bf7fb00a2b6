import type { PassageIndex } from '../search/passage-index.js';
import { foldText, isStopWord } from '../text/analyze.js';

/** Names of people, places and organisations: runs of capitalised words, inner "of"/"de" allowed. */
const namePattern = /\p{Lu}[\p{L}’'-]*(?:\.\p{L}\.?)*(?:\s+(?:(?:of|de|del|la|the)\s+)?\p{Lu}[\p{L}’'-]*(?:\.\p{L}\.?)*)*/gu;
const honorific = /^(?:Mr|Mrs|Ms|Dr|President|Gen|Sen)\.?\s+/;
const notTopics =
  /^(?:The|A|An|But|And|In|On|At|For|If|Under|Since|While|Soon|Last|This|That|Such|Instead|Asked|Meth|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b\s*/;

/** About how many paragraphs are read for topics: all of a small corpus, the leads of a large one. */
const topicParagraphs = 4000;

/**
 * Questions the corpus can answer, for declined questions and autocomplete: "What does the story say
 * about X?" for the names it mentions most, then for the two-word phrases it repeats ("fentanyl labs").
 * Topics come from the corpus; the wording is a fixed template, so the bot asserts nothing about the story
 * itself. Each is checked by `isAnswered` before it is offered. A corpus of more than about 4,000 paragraphs
 * is read for topics by the first paragraphs of each article, so that the cost stays about flat.
 */
export function suggestQuestions(index: PassageIndex, isAnswered: (question: string) => boolean, limit = 25): string[] {
  const names = new Map<string, { name: string; count: number }>();
  const phrases = new Map<string, { name: string; count: number }>();
  const count = (map: typeof names, name: string) => {
    const key = foldText(name);
    map.set(key, { name: map.get(key)?.name ?? name, count: (map.get(key)?.count ?? 0) + 1 });
  };
  // A large corpus is read for topics by its articles' first paragraphs only, where news names its topics.
  const articles = [...index.articles.values()];
  const perArticle = Math.max(1, Math.floor(topicParagraphs / Math.max(1, articles.length)));
  for (const article of articles) {
    for (const { text } of article.paragraphs.slice(0, perArticle)) {
      for (const match of text.matchAll(namePattern)) {
        const name = match[0]
          .replace(notTopics, '')
          .replace(honorific, '')
          .replace(/[’']s$|[’']$/u, '')
          .trim();
        const isSingleWord = !/\s/.test(name);
        if (name.length < 4 || notTopics.test(name) || (isSingleWord && match.index === 0)) continue;
        count(names, name);
      }
      for (const [, first, second] of text.matchAll(/(?<![\p{L}-])(?=(\p{Ll}{4,}) (\p{Ll}{4,})(?![\p{L}-]))/gu)) {
        if (first !== undefined && second !== undefined && !isStopWord(first) && !isStopWord(second)) count(phrases, `${first} ${second}`);
      }
    }
  }
  const byCount = (a: { name: string; count: number }, b: { name: string; count: number }) =>
    b.count - a.count || a.name.localeCompare(b.name);
  const repeated = [...phrases.values()].filter((phrase) => phrase.count > 1).sort(byCount);
  const topics = [...[...names.values()].sort(byCount), ...repeated];
  const questions: string[] = [];
  // Each candidate costs one answer; a large corpus has thousands of names, and the commonest are the best topics.
  for (const { name } of topics.slice(0, limit * 3)) {
    if (questions.length >= limit) break;
    const question = `What does the story say about ${name}?`;
    if (isAnswered(question)) questions.push(question);
  }
  return questions;
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
