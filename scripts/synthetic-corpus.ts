import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Article } from '../src/index.js';

/** A small, seeded pseudo-random generator (mulberry32), so every run generates the same corpus. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const stopWords =
  'the of and to in a that for on with as by at from was is said it its be has have were are but not this an which who after their they'.split(
    ' ',
  );
const syllables = 'ka ri mo ta ne lo sa vi de ra mi po lu ze fa go ni be tor van mel dor sin pra col ter mun'.split(' ');

/** An English-like vocabulary: frequent stop words, then made-up content words drawn Zipf-like. */
function makeVocabulary(random: () => number, size: number): string[] {
  const words = new Set<string>();
  while (words.size < size) {
    const length = 2 + Math.floor(random() * 3);
    let word = '';
    for (let i = 0; i < length; i += 1) word += syllables[Math.floor(random() * syllables.length)] ?? '';
    words.add(word);
  }
  return [...words];
}

/** Picks index i with probability proportional to 1/(i+1): a few words common, most rare. */
function zipf(random: () => number, n: number): number {
  return Math.min(n - 1, Math.floor(Math.exp(random() * Math.log(n + 1)) - 1));
}

export type SyntheticCorpusOptions = { articles: number; paragraphsPerArticle?: number; wordsPerParagraph?: number; seed?: number };

/**
 * Generates a news-like corpus for benchmarks: `articles` articles of about 40 paragraphs of about 36
 * words, about 45% stop words, sentences of 8 to 20 words, some capitalised names and numbers.
 */
export function generateCorpus(options: SyntheticCorpusOptions): { articles: Article[]; vocabulary: string[] } {
  const random = seededRandom(options.seed ?? 42);
  const vocabulary = makeVocabulary(random, 20_000);
  const paragraphs = options.paragraphsPerArticle ?? 40;
  const words = options.wordsPerParagraph ?? 36;
  const word = () =>
    (random() < 0.45 ? stopWords[Math.floor(random() * stopWords.length)] : vocabulary[zipf(random, vocabulary.length)]) ?? 'the';
  const sentence = (length: number) => {
    const parts = Array.from({ length }, (_, i) => {
      const w = word();
      if (i > 0 && random() < 0.06) return w.charAt(0).toUpperCase() + w.slice(1);
      return random() < 0.02 ? String(Math.floor(random() * 5000)) : w;
    });
    const text = parts.join(' ');
    return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
  };
  const articles: Article[] = [];
  for (let a = 0; a < options.articles; a += 1) {
    const body = Array.from({ length: paragraphs }, (_, p) => {
      const sentences: string[] = [];
      for (let left = words; left > 0;) {
        const length = Math.min(left, 8 + Math.floor(random() * 13));
        sentences.push(sentence(length));
        left -= length;
      }
      return { number: p + 1, text: sentences.join(' '), line: p * 2 + 6 };
    });
    articles.push({
      id: `synthetic-${String(a).padStart(5, '0')}`,
      file: `synthetic-${a}.md`,
      title: sentence(6).slice(0, -1),
      source: 'Synthetic Times',
      paragraphs: body,
    });
  }
  return { articles, vocabulary };
}

/** Questions of 8 to 12 words over the vocabulary: about 45% stop words, 15% with a typo. */
export function generateQuestions(vocabulary: readonly string[], count: number, seed = 7): string[] {
  const random = seededRandom(seed);
  const questionWords = ['what', 'who', 'when', 'how many', 'why', 'where'];
  return Array.from({ length: count }, () => {
    const length = 8 + Math.floor(random() * 5);
    const words = Array.from({ length }, () =>
      random() < 0.45
        ? (stopWords[Math.floor(random() * stopWords.length)] ?? 'the')
        : (vocabulary[zipf(random, vocabulary.length)] ?? 'x'),
    );
    if (random() < 0.15) {
      const i = Math.floor(random() * words.length);
      const w = words[i] ?? '';
      if (w.length > 4) words[i] = w.slice(0, 2) + (w[3] ?? '') + (w[2] ?? '') + w.slice(4);
    }
    return `${questionWords[Math.floor(random() * questionWords.length)] ?? 'what'} ${words.join(' ')}?`;
  });
}

/** Writes `articles` as corpus files (front matter, then one paragraph a block) into `dir`, which is created. */
export async function writeCorpus(dir: string, articles: readonly Article[]): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const article of articles) {
    // JSON strings are YAML strings: titles with colons or quotes stay text.
    const frontMatter = [
      `title: ${JSON.stringify(article.title)}`,
      ...(article.source === undefined ? [] : [`source: ${JSON.stringify(article.source)}`]),
    ];
    const body = article.paragraphs.map((p) => p.text).join('\n\n');
    await writeFile(path.join(dir, `${article.id}.md`), `---\n${frontMatter.join('\n')}\n---\n\n${body}\n`);
  }
}
