import MiniSearch from 'minisearch';
import { stemmer } from 'stemmer';
import type { Article } from '../../src/index.js';
import stopWordsData from '../../src/text/stop-words.json' with { type: 'json' };

/** One whole paragraph the baseline shows, with its citation. */
export type BaselineResult = { readonly text: string; readonly documentId: string; readonly paragraph: number };

const stopWords: ReadonlySet<string> = new Set(stopWordsData.words);

/**
 * The bar Storybot is measured against: MiniSearch with its default BM25+ over whole paragraphs, words
 * lower-cased, the project's English stop words removed and the rest Porter-stemmed (the `stemmer`
 * package the project uses). No typos, synonyms, excerpts, confidence or declines: the fifteen-line bot.
 */
export function baselineSearch(articles: readonly Article[]): (question: string, top: number) => BaselineResult[] {
  const paragraphs = articles.flatMap((article) =>
    article.paragraphs.map((p) => ({ text: p.text, documentId: article.id, paragraph: p.number })),
  );
  const search = new MiniSearch<{ id: number; text: string }>({
    fields: ['text'],
    processTerm: (term) => {
      const word = term.toLowerCase();
      return stopWords.has(word) ? null : stemmer(word);
    },
  });
  search.addAll(paragraphs.map((p, id) => ({ id, text: p.text })));
  return (question, top) =>
    search
      .search(question)
      .slice(0, top)
      .flatMap((hit) => paragraphs[hit.id as number] ?? []);
}
