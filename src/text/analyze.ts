import { stemmer } from 'stemmer';
import stopWordsData from './stop-words.json' with { type: 'json' };
import synonymsData from './synonyms.json' with { type: 'json' };

/** One searchable term of a text, with the characters of the text it stands for. */
export type Term = {
  /** The processed form that is indexed and matched. */
  readonly term: string;
  /** Offsets into the analyzed text: `text.slice(start, end)` is what a reader sees highlighted. */
  readonly start: number;
  readonly end: number;
};

type Token = { readonly norm: string; readonly stem: string; readonly start: number; readonly end: number };

// Dotted abbreviations (U.S., C.I.A.), numbers with separators (2,000; 4.5), then words with inner apostrophes.
const tokenPattern = /(?:\p{L}\.){2,}|\p{N}+(?:[.,]\p{N}+)*|[\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}]+)*/gu;
const contractionSuffix = /['’](?:s|t|ve|re|ll|d|m)$/;
const stopWords: ReadonlySet<string> = new Set(stopWordsData.words);
const maxPhraseLength = 4;

/** Lower-cases and strips accents, so "García" matches "Garcia" and "EL PAÍS" matches "el país". */
export function foldText(text: string): string {
  // Plain ASCII has no accents to strip: most questions and most news text skip the Unicode work.
  if (!nonAscii.test(text)) return text.toLowerCase();
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

const nonAscii = /[^\u0000-\u007f]/;

const stemCache = new Map<string, string>();
function stem(norm: string): string {
  if (/^\p{N}+$/u.test(norm) || norm.length < 3) return norm;
  let result = stemCache.get(norm);
  if (result === undefined) {
    result = stemmer(norm);
    if (stemCache.size < 200_000) stemCache.set(norm, result);
  }
  return result;
}

function normalizeToken(raw: string): string {
  const folded = foldText(raw).replace(/’/g, "'");
  if (/^(?:\p{L}\.){2,}$/u.test(folded)) return folded.replace(/\./g, '');
  if (/^\p{N}/u.test(folded)) return folded.replace(/,/g, '');
  return folded.replace(contractionSuffix, '').replace(/n$/, (n) => (folded.endsWith("n't") ? '' : n));
}

// Words repeat: normalising and stemming each spelling once makes analysis several times faster.
const wordCache = new Map<string, { readonly norm: string; readonly stem: string }>();
const wordCacheLimit = 500_000;

function processWord(raw: string): { readonly norm: string; readonly stem: string } {
  let word = wordCache.get(raw);
  if (word === undefined) {
    const norm = normalizeToken(raw);
    word = { norm, stem: norm === '' ? '' : stem(norm) };
    if (wordCache.size < wordCacheLimit) wordCache.set(raw, word);
  }
  return word;
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  // exec on the one pattern, not matchAll, which copies the pattern on every call.
  tokenPattern.lastIndex = 0;
  for (let match = tokenPattern.exec(text); match !== null; match = tokenPattern.exec(text)) {
    const { norm, stem } = processWord(match[0]);
    if (norm === '') continue;
    tokens.push({ norm, stem, start: match.index, end: match.index + match[0].length });
  }
  return tokens;
}

/** Stemmed word sequences (joined by spaces) mapped to their group's canonical term. */
const phrases: ReadonlyMap<string, string> = (() => {
  const map = new Map<string, string>();
  for (const group of synonymsData.groups) {
    const canonical = tokenize(group[0] ?? '')
      .map((token) => token.stem)
      .join('_');
    for (const entry of group)
      map.set(
        tokenize(entry)
          .map((token) => token.stem)
          .join(' '),
        canonical,
      );
  }
  return map;
})();

/** For each word that starts a synonym entry, the longest entry it starts (in words). */
const phraseLengths: ReadonlyMap<string, number> = (() => {
  const map = new Map<string, number>();
  for (const key of phrases.keys()) {
    const words = key.split(' ');
    const first = words[0] ?? '';
    map.set(first, Math.max(map.get(first) ?? 0, Math.min(words.length, maxPhraseLength)));
  }
  return map;
})();

/**
 * Turns text into the terms that are indexed and searched: case and accents folded, possessives and
 * contractions dropped, dotted abbreviations joined (U.S. → us), numbers unpunctuated (2,000 → 2000),
 * words stemmed, synonyms folded to one term, stop words removed. Used for both corpus text and questions,
 * so the two always agree.
 *
 * @example analyze("Mexico's 2,000-mile border").map((t) => t.term) // ['mexico', '2000', 'mile', 'border']
 */
export function analyze(text: string): Term[] {
  const tokens = tokenize(text);
  const terms: Term[] = [];
  for (let index = 0; index < tokens.length;) {
    const phrase = matchPhrase(tokens, index);
    if (phrase !== undefined) {
      const last = tokens[index + phrase.length - 1];
      terms.push({ term: phrase.term, start: tokens[index]?.start ?? 0, end: last?.end ?? 0 });
      index += phrase.length;
      continue;
    }
    const token = tokens[index];
    index += 1;
    if (token === undefined || stopWords.has(token.norm)) continue;
    terms.push({ term: token.stem, start: token.start, end: token.end });
  }
  return terms;
}

function matchPhrase(tokens: readonly Token[], index: number): { term: string; length: number } | undefined {
  const longest = phraseLengths.get(tokens[index]?.stem ?? '');
  if (longest === undefined) return undefined;
  // The keys of the phrases starting here, shortest first; the longest one known wins.
  const keys: string[] = [];
  for (let length = 1; length <= Math.min(longest, tokens.length - index); length += 1) {
    const stem = tokens[index + length - 1]?.stem ?? '';
    keys.push(length === 1 ? stem : `${keys[length - 2] ?? ''} ${stem}`);
  }
  for (let length = keys.length; length >= 1; length -= 1) {
    const term = phrases.get(keys[length - 1] ?? '');
    if (term !== undefined) return { term, length };
  }
  return undefined;
}

/** Terms of words that frame questions more than they carry content ("happen", "say", "kind"). */
const lightTerms: ReadonlySet<string> = new Set(stopWordsData.light.flatMap((word) => analyze(word).map((t) => t.term)));

/** True for a term that weighs little in a question: see `light` in stop-words.json. */
export function isLightTerm(term: string): boolean {
  return lightTerms.has(term);
}

/** True for a word too common to search by (see `words` in stop-words.json). */
export function isStopWord(word: string): boolean {
  return stopWords.has(foldText(word));
}
