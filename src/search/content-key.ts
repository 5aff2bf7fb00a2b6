import { createHash } from 'node:crypto';
import type { Article } from '../corpus/schema.js';
import stopWords from '../text/stop-words.json' with { type: 'json' };
import synonyms from '../text/synonyms.json' with { type: 'json' };
import { indexFormatVersion } from './index-data.js';

/**
 * A hash of everything an index depends on: the articles, the analysis data, the layout version, and
 * `also` (what else is kept with it, such as the suggestions' own key). The index cache keeps each index
 * under the key of its articles.
 */
export async function contentKey(articles: readonly Article[], also = ''): Promise<string> {
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ version: indexFormatVersion, stopWords, synonyms, also }));
  for (const [i, article] of articles.entries()) {
    // 10,000 articles take about 0.15 s: pause now and then, so a bot answering during a reload can go on.
    if (i > 0 && i % 500 === 0) await new Promise((resolve) => setImmediate(resolve));
    const { paragraphs, ...rest } = article;
    hash.update(JSON.stringify(rest));
    // Paragraphs are most of the bytes: length-prefixed rather than JSON-encoded, about three times faster.
    hash.update(paragraphs.map((p) => `${p.number}:${p.line}:${p.text.length}:${p.text}`).join(''));
  }
  return hash.digest('hex').slice(0, 32);
}
