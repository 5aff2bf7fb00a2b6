/**
 * Worker thread entry: builds an index off the main thread, so a bot keeps answering while a large
 * corpus is indexed. Receives `{ articles, options }`; posts progress, then the serialized index with its
 * arrays transferred, not copied.
 */
import { parentPort } from 'node:worker_threads';
import type { Article } from '../corpus/schema.js';
import type { SplitOptions } from '../passages/split.js';
import { serializedIndexOf, transferablesOf, type SerializedIndex } from './index-data.js';

export type BuildRequest = { readonly articles: readonly Article[]; readonly options: SplitOptions };
export type BuildMessage =
  | { readonly kind: 'progress'; readonly passagesIndexed: number; readonly passages: number }
  | { readonly kind: 'done'; readonly index: SerializedIndex };

parentPort?.once('message', (request: BuildRequest) => {
  const port = parentPort;
  if (port === null) return;
  const index = serializedIndexOf(request.articles, request.options, (progress) =>
    port.postMessage({ kind: 'progress', ...progress } satisfies BuildMessage),
  );
  port.postMessage({ kind: 'done', index } satisfies BuildMessage, transferablesOf(index));
});
