import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Article } from '../corpus/schema.js';
import type { SplitOptions } from '../passages/split.js';
import type { BuildMessage, BuildRequest } from './build-worker.js';
import type { BuildProgress, SerializedIndex } from './index-data.js';
import { PassageIndex } from './passage-index.js';

const here = fileURLToPath(import.meta.url);
const workerFile = path.join(path.dirname(here), `build-worker${path.extname(here)}`);

/** A worker running `build-worker`: directly when compiled, through tsx's loader when run from TypeScript. */
function startWorker(): Worker {
  if (path.extname(here) !== '.ts') return new Worker(workerFile);
  // Loader flags are not passed on to worker threads reliably, so the worker registers tsx itself.
  const tsxDir = path.dirname(createRequire(import.meta.url).resolve('tsx/package.json'));
  const tsx = pathToFileURL(path.join(tsxDir, 'dist', 'esm', 'api', 'index.mjs')).href;
  const source = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(pathToFileURL(workerFile).href)}); });`;
  return new Worker(source, { eval: true });
}

/**
 * Builds the index of `articles` on a worker thread and takes it back here without blocking the event
 * loop (its typed arrays are transferred, not copied), so answering goes on from the current index
 * meanwhile. Also returns the serialized form, for the cache.
 */
export function buildIndexInWorker(
  articles: readonly Article[],
  options: SplitOptions = {},
  onProgress?: (progress: BuildProgress) => void,
): Promise<{ index: PassageIndex; serialized: SerializedIndex }> {
  return new Promise((resolve, reject) => {
    const worker = startWorker();
    let isDone = false;
    worker.on('message', (message: BuildMessage) => {
      if (message.kind === 'progress') {
        onProgress?.(message);
        return;
      }
      isDone = true;
      void worker.terminate();
      try {
        resolve({ index: PassageIndex.fromSerialized(articles, message.index), serialized: message.index });
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
    worker.on('error', reject);
    worker.on('exit', (code) => {
      if (!isDone) reject(new Error(`the index worker stopped with exit code ${code} before it finished`));
    });
    worker.postMessage({ articles, options } satisfies BuildRequest);
  });
}
