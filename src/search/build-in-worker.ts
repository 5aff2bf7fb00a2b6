import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Article } from '../corpus/schema.js';
import type { BuildMessage, BuildRequest } from './build-worker.js';
import type { BuildProgress, SerializedIndex } from './index-data.js';
import { PassageIndex } from './passage-index.js';

const here = fileURLToPath(import.meta.url);
const workerFile = path.join(path.dirname(here), `build-worker${path.extname(here)}`);

/**
 * About how much article text one message to the worker carries. Copying a message costs the main thread
 * about a millisecond a megabyte; a whole large corpus in one message held it for hundreds.
 */
const charsPerMessage = 1_000_000;

/** A worker running `build-worker`: directly when compiled, through tsx's loader when run from TypeScript. */
function startWorker(): Worker {
  if (path.extname(here) !== '.ts') return new Worker(workerFile);
  // Loader flags are not passed on to worker threads reliably, so the worker registers tsx itself.
  const tsxDir = path.dirname(createRequire(import.meta.url).resolve('tsx/package.json'));
  const tsx = pathToFileURL(path.join(tsxDir, 'dist', 'esm', 'api', 'index.mjs')).href;
  const source = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(pathToFileURL(workerFile).href)}); });`;
  return new Worker(source, { eval: true });
}

export type WorkerIndexOptions = {
  /** Where indexes are cached by content; the worker reads the index from there, or builds and saves it. */
  readonly cacheDir?: string | undefined;
  /** Work out the corpus's suggested questions on the worker too (they cost a few hundred ms on a large corpus). */
  readonly suggestions?: boolean;
  readonly onProgress?: ((progress: BuildProgress) => void) | undefined;
};

export type WorkerIndex = {
  readonly index: PassageIndex;
  readonly serialized: SerializedIndex;
  readonly fromCache: boolean;
  readonly suggestions: readonly string[] | undefined;
};

/**
 * The index of `articles`, made on a worker thread (read from the cache, or built and cached there) and
 * read back here without blocking the event loop for long: the articles go over in messages of about a
 * megabyte with a turn of the event loop between them, and the index's typed arrays come back transferred,
 * not copied. Answering goes on from the current index meanwhile.
 */
export function indexInWorker(articles: readonly Article[], options: WorkerIndexOptions = {}): Promise<WorkerIndex> {
  return new Promise((resolve, reject) => {
    const worker = startWorker();
    let isDone = false;
    worker.on('message', (message: BuildMessage) => {
      if (message.kind === 'progress') {
        options.onProgress?.(message);
        return;
      }
      isDone = true;
      void worker.terminate();
      PassageIndex.fromSerializedInSteps(articles, message.index).then(
        (index) => resolve({ index, serialized: message.index, fromCache: message.fromCache, suggestions: message.suggestions }),
        (error: unknown) => reject(error instanceof Error ? error : new Error(String(error))),
      );
    });
    worker.on('error', reject);
    worker.on('exit', (code) => {
      if (!isDone) reject(new Error(`the index worker stopped with exit code ${code} before it finished`));
    });
    sendArticles(worker, articles).then(() => {
      const build: BuildRequest = { kind: 'build', cacheDir: options.cacheDir, suggestions: options.suggestions === true };
      worker.postMessage(build);
    }, reject);
  });
}

/** Builds the index of `articles` on a worker thread, without the cache. Also returns the serialized form, for the cache. */
export async function buildIndexInWorker(
  articles: readonly Article[],
  onProgress?: (progress: BuildProgress) => void,
): Promise<{ index: PassageIndex; serialized: SerializedIndex }> {
  const { index, serialized } = await indexInWorker(articles, onProgress === undefined ? {} : { onProgress });
  return { index, serialized };
}

/** Posts `articles` to the worker about a megabyte of text at a time, letting the event loop run between messages. */
async function sendArticles(worker: Worker, articles: readonly Article[]): Promise<void> {
  let batch: Article[] = [];
  let chars = 0;
  for (const article of articles) {
    batch.push(article);
    for (const paragraph of article.paragraphs) chars += paragraph.text.length;
    if (chars < charsPerMessage) continue;
    worker.postMessage({ kind: 'articles', articles: batch } satisfies BuildRequest);
    [batch, chars] = [[], 0];
    await new Promise((resolve) => setImmediate(resolve));
  }
  if (batch.length > 0) worker.postMessage({ kind: 'articles', articles: batch } satisfies BuildRequest);
}
