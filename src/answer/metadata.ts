import type { Article } from '../corpus/schema.js';
import type { MetaField } from './question.js';
import type { Citation, Result } from './types.js';

const labels: Readonly<Record<MetaField, string>> = {
  author: 'author',
  source: 'source',
  published: 'published',
  title: 'title',
};

/**
 * Answers a question about the article itself from its front matter. The text is the front-matter line
 * as the file has it (`author: Maria Abi-Habib`), cited to paragraph 0, the article's metadata.
 * Undefined when the article does not record that field.
 */
export function answerFromMetadata(article: Article, field: MetaField): Result | undefined {
  const value = article[field];
  if (value === undefined) return undefined;
  const label = labels[field];
  const text = `${label}: ${value}`;
  const citation: Citation = {
    documentId: article.id,
    title: article.title,
    paragraph: 0,
    ...(article.source === undefined ? {} : { source: article.source }),
    ...(article.url === undefined ? {} : { url: article.url }),
  };
  return { text, highlights: [[label.length + 2, text.length]], score: 1, citation };
}
