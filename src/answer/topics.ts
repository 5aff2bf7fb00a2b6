import { readFileSync } from 'node:fs';
import type { Article } from '../corpus/schema.js';
import { foldText, isStopWord } from '../text/analyze.js';

/** A thing an article names often enough to ask about, as it reads in a question ("the White House"). */
export type Topic = { readonly name: string; readonly count: number };

/** Names of people, places and organisations: runs of capitalised words, inner "of"/"de" allowed. */
const namePattern = /\p{Lu}[\p{L}’'-]*(?:\.\p{L}\.?)*(?:\s+(?:(?:of|de|del|la|the)\s+)?\p{Lu}[\p{L}’'-]*(?:\.\p{L}\.?)*)*/gu;
const honorific = /^(?:Mr|Mrs|Ms|Dr|President|Gen|Sen)\.?\s+/;
const notTopics =
  /^(?:The|A|An|But|And|In|On|At|For|If|Under|Since|While|Soon|Last|This|That|Such|Instead|Asked|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b\s*/;
/** How an article mentions a name: how often, how often after "the", how often qualifying the next word. */
type Mentions = { readonly name: string; readonly count: number; readonly withThe: number; readonly qualifying: number };

/** Where a sentence starts, so that its first word's capital says nothing: the text's start, or after . ! ? and quotes. */
const sentenceStart = /(?:^|(?<!\b(?:Mr|Mrs|Ms|Dr|Gen|Sen|Rep|Gov|St|Jr|Sr|Lt|Col|Sgt|Capt|Prof|Pres))[.!?]["”’']?\s+|^["“‘'])$/;

/**
 * The topics of one article: the names it mentions most (not a sentence's first word, not a stop word,
 * not an adjective such as "Mexican" or "American"), each with "the" when the article mostly writes it so
 * ("the Defense Department", but "Mexico"), then the two-word phrases it repeats ("fentanyl labs"); most
 * mentioned first. `paragraphs` caps how many of its paragraphs are read.
 */
export function topicsOf(article: Article, paragraphs: number): Topic[] {
  const names = new Map<string, Mentions>();
  const phrases = new Map<string, Mentions>();
  const count = (map: Map<string, Mentions>, name: string, hasThe: boolean, qualifies: boolean) => {
    const key = foldText(name);
    const known = map.get(key) ?? { name, count: 0, withThe: 0, qualifying: 0 };
    map.set(key, {
      name: known.name,
      count: known.count + 1,
      withThe: known.withThe + (hasThe ? 1 : 0),
      qualifying: known.qualifying + (qualifies ? 1 : 0),
    });
  };
  for (const { text } of article.paragraphs.slice(0, paragraphs)) {
    for (const match of text.matchAll(namePattern)) {
      const name = nameOf(match[0]);
      const before = text.slice(0, match.index);
      if (name === undefined || (isSingleWord(name) && sentenceStart.test(before))) continue;
      const after = text.slice(match.index + match[0].length);
      // "the Trump administration": a name that qualifies the word after it; "the" goes with that word.
      const next = /^\s+(\p{Ll}+)/u.exec(after)?.[1];
      if (next !== undefined && !isStopWord(next) && !isVerb(next)) {
        count(names, name, false, true);
        continue;
      }
      count(names, name, /^the\s/i.test(match[0]) || /\bthe\s+$/i.test(before), false);
    }
    for (const [, first, second] of text.matchAll(/(?<![\p{L}-])(?=(\p{Ll}{4,}) (\p{Ll}{4,})(?![\p{L}-]))/gu)) {
      if (first !== undefined && second !== undefined && !isStopWord(first) && !isStopWord(second))
        count(phrases, `${first} ${second}`, false, false);
    }
  }
  const byCount = (a: Topic, b: Topic) => b.count - a.count || a.name.localeCompare(b.name);
  // A name only ever used to qualify another word ("Special Operation forces") is not itself a topic.
  const asTopics = (map: Map<string, Mentions>) =>
    [...map.values()]
      .filter(({ count: n, qualifying }) => qualifying < n)
      .map(({ name, count: n, qualifying, withThe }) => ({ name: withThe * 2 > n - qualifying ? `the ${name}` : name, count: n }));
  return [
    ...asTopics(names).sort(byCount),
    ...asTopics(phrases)
      .filter((phrase) => phrase.count > 1)
      .sort(byCount),
  ];
}

/** The topic a run of capitalised words names, or undefined when it is no topic. */
function nameOf(run: string): string | undefined {
  const name = run
    .replace(notTopics, '')
    .replace(honorific, '')
    .replace(/[’']s$|[’']$/u, '')
    .trim();
  if (name.length < 4 || notTopics.test(name)) return undefined;
  const first = foldText(name.split(/\s+/)[0] ?? '');
  // "Mexican", "American": adjectives name no topic, alone or leading a longer run ("American Special Operation forces").
  if (isAdjective(first)) return undefined;
  return isSingleWord(name) && isStopWord(name) ? undefined : name;
}

const isSingleWord = (name: string) => !/\s/.test(name);

/** Past tenses, which follow a name as its verb ("the Coast Guard automated"), not as a word it qualifies. */
const pastTenses = new Set(
  'said told took won made went came gave began became saw held led left met paid ran sent set spent stood wrote got put brought thought found kept lost meant heard sold fought knew grew drew threw'.split(
    ' ',
  ),
);
const isVerb = (word: string) => word.endsWith('ed') || pastTenses.has(word);

let adjectives: ReadonlySet<string> | undefined;

/** Whether `word` (folded) is an adjective that pertains to a noun (WordNet: Mexican, presidential); see adjectives.txt. */
function isAdjective(word: string): boolean {
  adjectives ??= new Set(readFileSync(new URL('../text/adjectives.txt', import.meta.url), 'utf8').split('\n'));
  return adjectives.has(word);
}
