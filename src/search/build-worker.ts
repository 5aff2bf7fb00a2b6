/**
 * Worker thread entry: indexes a corpus off the main thread, so a bot keeps answering while a large
 * corpus is reloaded. Receives the articles in several `articles` messages (each cheap to copy), then one
 * `build`; reads the index from the cache or builds (and caches) it, works out the suggestions when asked,
 * posts progress, then the serialized index with its arrays transferred, not copied.
 */
import { parentPort } from 'node:worker_threads';
import { corpusSuggestions, suggestionsKey } from '../answer/suggest.js';
import type { Article } from '../corpus/schema.js';
import { silentLogger } from '../logger.js';
import { serializedIndexFor } from './index-cache.js';
import { transferablesOf, type SerializedIndex } from './index-data.js';

export type BuildRequest =
  | { readonly kind: 'articles'; readonly articles: readonly Article[] }
  | { readonly kind: 'build'; readonly cacheDir: string | undefined; readonly suggestions: boolean };
export type BuildMessage =
  | { readonly kind: 'progress'; readonly passagesIndexed: number; readonly passages: number }
  | {
      readonly kind: 'done';
      readonly index: SerializedIndex;
      readonly fromCache: boolean;
      readonly suggestions: readonly string[] | undefined;
    };

const articles: Article[] = [];

parentPort?.on('message', (request: BuildRequest) => {
  if (request.kind === 'articles') {
    for (const article of request.articles) articles.push(article);
    return;
  }
  // A failure ends the worker with an error, which the main thread's 'error' listener turns into a rejection.
  void build(request);
});

async function build(request: Extract<BuildRequest, { kind: 'build' }>): Promise<void> {
  const port = parentPort;
  if (port === null) return;
  const onProgress = (progress: { passagesIndexed: number; passages: number }) =>
    port.postMessage({ kind: 'progress', ...progress } satisfies BuildMessage);
  // The same suggestions the main thread would work out from the same index, worked out here instead.
  const suggesting = request.suggestions ? { key: suggestionsKey, of: corpusSuggestions } : undefined;
  const { serialized, fromCache, suggestions } = await serializedIndexFor(articles, {
    cacheDir: request.cacheDir,
    logger: silentLogger,
    onProgress,
    suggesting,
  });
  // A cached index's arrays are views into one file buffer: each buffer is transferred once.
  const transfer = [...new Set(transferablesOf(serialized))];
  port.postMessage({ kind: 'done', index: serialized, fromCache, suggestions } satisfies BuildMessage, transfer);
}
