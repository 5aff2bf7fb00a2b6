import { randomUUID } from 'node:crypto';
import { mkdir, open, readdir, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Article } from '../corpus/schema.js';
import type { Logger } from '../logger.js';
import { buildIndexInWorker } from './build-in-worker.js';
import { contentKey } from './content-key.js';
import {
  indexFormatVersion,
  serializedIndexOf,
  type BuildProgress,
  type Inversion,
  type PassageData,
  type SerializedIndex,
} from './index-data.js';
import { PassageIndex } from './passage-index.js';

export type IndexSource = {
  /** Where serialized indexes are kept, keyed by the corpus's content; undefined keeps none. */
  readonly cacheDir?: string | undefined;
  /** Build on a worker thread, and read a cached index in chunks, so the event loop stays free (reloads of a large corpus). */
  readonly offThread?: boolean;
  readonly onProgress?: (progress: BuildProgress) => void;
  readonly logger: Logger;
};

const arrayNames = [
  'df',
  'article',
  'paragraph',
  'offset',
  'length',
  'termStart',
  'sentenceStart',
  'termIds',
  'termFrom',
  'termTo',
  'sentences',
] as const;
const inversionNames = ['start', 'passage', 'count', 'distinct'] as const;

/**
 * The index of `articles`: read from the cache when an index of exactly this content (and this version of
 * the analysis) was saved before, else built (here or on a worker thread) and saved for next time.
 */
export async function loadOrBuildIndex(
  articles: readonly Article[],
  source: IndexSource,
  prefetched?: CachePrefetch,
): Promise<PassageIndex> {
  const started = Date.now();
  const file = source.cacheDir === undefined ? undefined : path.join(source.cacheDir, `index-${await contentKey(articles)}.bin`);
  const cached = file === undefined ? undefined : await readCache(file, prefetched);
  if (file !== undefined && cached !== undefined) {
    const index = PassageIndex.fromSerialized(articles, cached);
    await markUsed(file);
    source.logger('info', 'index read from the cache', 'index.cache_hit', { ms: Date.now() - started, passages: index.size });
    return index;
  }
  let index: PassageIndex;
  let serialized: SerializedIndex;
  if (source.offThread === true) {
    ({ index, serialized } = await buildIndexInWorker(articles, source.onProgress));
  } else {
    serialized = serializedIndexOf(articles, {}, source.onProgress);
    index = PassageIndex.fromSerialized(articles, serialized);
  }
  source.logger('info', 'index built', 'index.built', {
    ms: Date.now() - started,
    passages: index.size,
    offThread: source.offThread === true,
  });
  if (file !== undefined) {
    await writeCache(file, serialized).catch((error: unknown) =>
      source.logger('warn', 'could not save the index cache', 'index.cache_write_failed', { file, error }),
    );
  }
  return index;
}

/**
 * The serialized index of `articles`, for a worker thread that indexes a reload: read from the cache when it
 * has this content, else built here and saved for next time. `fromCache` says which.
 */
export async function serializedIndexFor(
  articles: readonly Article[],
  source: Omit<IndexSource, 'offThread'>,
): Promise<{ serialized: SerializedIndex; fromCache: boolean }> {
  const file = source.cacheDir === undefined ? undefined : path.join(source.cacheDir, `index-${await contentKey(articles)}.bin`);
  const cached = file === undefined ? undefined : await readCache(file);
  if (file !== undefined && cached !== undefined) {
    await markUsed(file);
    return { serialized: cached, fromCache: true };
  }
  const serialized = serializedIndexOf(articles, {}, source.onProgress);
  if (file !== undefined) {
    await writeCache(file, serialized).catch((error: unknown) =>
      source.logger('warn', 'could not save the index cache', 'index.cache_write_failed', { file, error }),
    );
  }
  return { serialized, fromCache: false };
}

/**
 * The file: a 4-byte header length, a JSON header (terms, mean field length, array lengths) padded with
 * spaces to a multiple of 4 bytes, then the passages' arrays and the inversion's, read in place.
 */
async function writeCache(file: string, index: SerializedIndex): Promise<void> {
  const { passages, inverted } = index;
  const arrays = [...arrayNames.map((name) => passages[name]), ...inversionNames.map((name) => inverted[name])];
  const header = { version: index.version, terms: passages.terms, average: inverted.average, lengths: arrays.map((array) => array.length) };
  const json = Buffer.from(JSON.stringify(header));
  const padded = Buffer.concat([json, Buffer.alloc((4 - (json.length % 4)) % 4, ' ')]);
  const size = Buffer.alloc(4);
  size.writeUInt32LE(padded.length);
  const bytes = arrays.map((array) => Buffer.from(array.buffer, array.byteOffset, array.byteLength));
  await mkdir(path.dirname(file), { recursive: true });
  // Write aside and rename, so a crash never leaves half a cache file behind; the name is this process's
  // own, as several processes (shards) sharing a cache directory may write the same index at once.
  const aside = `${file}.${process.pid}-${randomUUID()}.tmp`;
  try {
    await writeFile(aside, Buffer.concat([size, padded, ...bytes]));
    await rename(aside, file);
  } finally {
    await rm(aside, { force: true });
  }
  await pruneCache(path.dirname(file), path.basename(file));
}

/** Keeps the cache files used last (this one and the one before, for a quick swap back) and removes the rest. */
async function pruneCache(dir: string, keep: string): Promise<void> {
  const old = (await cacheFilesByUse(dir)).filter((name) => name !== keep).slice(1);
  await Promise.all(old.map((name) => rm(path.join(dir, name), { force: true })));
}

/** The cache files in `dir`, the one written or read last first (reading one marks it used: `markUsed`). */
async function cacheFilesByUse(dir: string): Promise<string[]> {
  const names = (await readdir(dir).catch(() => [])).filter((name) => /^index-[0-9a-f]+\.bin$/.test(name));
  const stats = await Promise.all(
    names.map(async (name) => ({ name, time: (await stat(path.join(dir, name)).catch(() => undefined))?.mtimeMs ?? 0 })),
  );
  return stats.sort((a, b) => b.time - a.time).map(({ name }) => name);
}

/** Marks a cache file as just used, so that it is read ahead at the next start and pruned last. */
async function markUsed(file: string): Promise<void> {
  const now = new Date();
  await utimes(file, now, now).catch(() => undefined);
}

/** Gives the bytes of the cache file read ahead if it is `file`, else undefined; once. */
export type CachePrefetch = (file: string) => Promise<Buffer | undefined>;

/**
 * Starts reading the cache file used last, the likely one when a bot starts up, on the thread pool while
 * this thread works out the corpus's content key. Which file is right is known only then, so a wrong
 * guess costs a read on another thread and is dropped before any index is built.
 */
export function prefetchLastUsed(cacheDir: string): CachePrefetch {
  let pending: Promise<{ file: string; bytes: Buffer | undefined } | undefined> | undefined = cacheFilesByUse(cacheDir).then(
    async ([name]) => {
      const file = name === undefined ? undefined : path.join(cacheDir, name);
      return file === undefined ? undefined : { file, bytes: await readWhole(file) };
    },
  );
  return async (file) => {
    const read = await pending;
    pending = undefined;
    return read?.file === file ? read.bytes : undefined;
  };
}

/**
 * The bytes of `file` in one read on the thread pool (`readFile` asks for 512 KiB at a time, each answered
 * on a turn of the event loop, so it crawls while this thread is busy); undefined when it cannot be read.
 */
async function readWhole(file: string): Promise<Buffer | undefined> {
  try {
    const handle = await open(file, 'r');
    try {
      const bytes = Buffer.allocUnsafeSlow((await handle.stat()).size);
      let at = 0;
      while (at < bytes.length) {
        const { bytesRead } = await handle.read(bytes, at, bytes.length - at, at);
        if (bytesRead === 0) break;
        at += bytesRead;
      }
      return bytes.subarray(0, at);
    } finally {
      await handle.close();
    }
  } catch {
    return undefined;
  }
}

/** Whether the arrays fit together: one entry per passage and per term, offsets within their arrays. */
function isConsistent(data: PassageData, inverted: Inversion): boolean {
  const size = data.article.length;
  const sameSize = [data.paragraph, data.offset, data.length].every((array) => array.length === size);
  return (
    sameSize &&
    data.termStart.length === size + 1 &&
    data.sentenceStart.length === size + 1 &&
    data.termStart[size] === data.termIds.length &&
    data.sentenceStart[size] === data.sentences.length / 2 &&
    data.termFrom.length === data.termIds.length &&
    data.termTo.length === data.termIds.length &&
    data.df.length === data.terms.length &&
    allBelow(data.termIds, data.terms.length) &&
    inverted.start.length === data.terms.length + 1 &&
    inverted.start[data.terms.length] === inverted.passage.length &&
    inverted.count.length === inverted.passage.length &&
    inverted.distinct.length === size &&
    allBelow(inverted.passage, size) &&
    Number.isFinite(inverted.average)
  );
}

/** Whether every number in `array` is below `limit` (a loop: `every` with a callback takes five times as long). */
function allBelow(array: Uint32Array, limit: number): boolean {
  for (let i = 0; i < array.length; i += 1) if ((array[i] ?? 0) >= limit) return false;
  return true;
}

/** The serialized index in `file` (or read ahead of it); undefined when it is missing, of another version or damaged in any way. */
async function readCache(file: string, prefetched?: CachePrefetch): Promise<SerializedIndex | undefined> {
  const bytes = (await prefetched?.(file)) ?? (await readWhole(file));
  return bytes === undefined ? undefined : decodeCache(bytes);
}

function decodeCache(bytes: Buffer): SerializedIndex | undefined {
  try {
    const headerLength = bytes.readUInt32LE(0);
    const header = JSON.parse(bytes.subarray(4, 4 + headerLength).toString('utf8')) as {
      version: number;
      terms: string[];
      average: number;
      lengths: number[];
    };
    if (header.version !== indexFormatVersion) return undefined;
    let at = 4 + headerLength;
    const arrays = header.lengths.map((length) => {
      const start = bytes.byteOffset + at;
      if (start + length * 4 > bytes.byteOffset + bytes.length) throw new RangeError('the cache file is cut short');
      at += length * 4;
      // Views into the file's bytes when aligned (the header is padded for that), else copies.
      return start % 4 === 0
        ? new Uint32Array(bytes.buffer, start, length)
        : new Uint32Array(bytes.buffer.slice(start, start + length * 4));
    });
    const named = <T extends string>(names: readonly T[], from: number) =>
      Object.fromEntries(names.map((name, i) => [name, arrays[from + i]])) as Record<T, Uint32Array>;
    const passages: PassageData = { terms: header.terms, ...named(arrayNames, 0) };
    const inverted: Inversion = { average: header.average, ...named(inversionNames, arrayNames.length) };
    const isWhole = at === bytes.length && arrays.length === arrayNames.length + inversionNames.length;
    return isWhole && isConsistent(passages, inverted) ? { version: indexFormatVersion, passages, inverted } : undefined;
  } catch {
    return undefined;
  }
}
