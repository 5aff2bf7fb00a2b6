import { watch, type FSWatcher } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { silentLogger, type Logger } from '../logger.js';

export type WatchOptions = {
  /** Quiet time after the last change before the directory is read, in ms. @default 750 */
  readonly settleMs?: number;
  readonly logger?: Logger;
};

/** A running watch; `close()` stops it and cancels a pending notification. */
export type CorpusWatcher = { close(): void };

/**
 * Calls `onSettled` once the files of `dir` have stopped changing: after `settleMs` without events, and
 * only when two looks at the files' sizes and times `settleMs` apart agree, since editors write temporary
 * files and rename them, and large files arrive in pieces. If the directory disappears, watching resumes
 * when it is back.
 */
export function watchCorpus(dir: string, onSettled: () => void, options: WatchOptions = {}): CorpusWatcher {
  const settleMs = options.settleMs ?? 750;
  const logger = options.logger ?? silentLogger;
  let timer: NodeJS.Timeout | undefined;
  let watcher: FSWatcher | undefined;
  let closed = false;
  let lastLook = '';

  const schedule = (delay = settleMs) => {
    clearTimeout(timer);
    timer = setTimeout(() => void settle(), delay);
  };
  const settle = async () => {
    const look = await lookAt(dir);
    if (closed) return;
    if (look !== lastLook) {
      lastLook = look;
      schedule();
      return;
    }
    lastLook = '';
    onSettled();
  };
  const start = () => {
    try {
      watcher = watch(dir, () => schedule());
      watcher.on('error', (error) => {
        logger('warn', 'corpus watch failed; retrying', 'corpus.watch_failed', { dir, error });
        watcher?.close();
        retry();
      });
    } catch (error) {
      logger('warn', 'cannot watch the corpus directory yet; retrying', 'corpus.watch_failed', { dir, error });
      retry();
    }
  };
  const retry = () => {
    if (!closed)
      timer = setTimeout(() => {
        start();
        schedule();
      }, settleMs * 4);
  };
  start();
  return {
    close() {
      closed = true;
      clearTimeout(timer);
      watcher?.close();
    },
  };
}

/** The names, sizes and modification times of the directory's files, as one comparable string. */
async function lookAt(dir: string): Promise<string> {
  try {
    const names = (await readdir(dir)).sort();
    const stats = await Promise.all(names.map((name) => stat(path.join(dir, name)).catch(() => undefined)));
    return names.map((name, i) => `${name}:${stats[i]?.size ?? '-'}:${stats[i]?.mtimeMs ?? '-'}`).join('\n');
  } catch {
    return 'missing';
  }
}
