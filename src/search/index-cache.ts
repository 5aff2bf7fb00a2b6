import { randomUUID } from 'node:crypto';
import { mkdir, open, readdir, rename, rm, stat, utimes, writeFile, type FileHandle } from 'node:fs/promises';
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
  type Whole,
} from './index-data.js';
import { PassageIndex } from './passage-index.js';

export type IndexSource = {
  /** Where serialized indexes are kept, keyed by the corpus's content; undefined keeps none. */
  readonly cacheDir?: string | undefined;
  /** Build on a worker thread, and read a cached index in chunks, so the event loop stays free (reloads of a large corpus). */
  readonly offThread?: boolean;
  readonly onProgress?: (progress: BuildProgress) => void;
  readonly logger: Logger;
  /** Works out the corpus's suggested questions from a new index, to keep in the cache beside it. */
  readonly suggesting?: Suggesting | undefined;
};

/**
 * How suggestions are worked out from an index (`of`), and a key for all they depend on beside the
 * corpus (the model that checks them, the way they are picked): a cache file is kept under the corpus's
 * content and this key, so a new model never reads old suggestions.
 */
export type Suggesting = { readonly key: string; readonly of: (index: PassageIndex) => readonly string[] };

/** An index, with the suggestions worked out with it (undefined when none were asked for). */
export type CachedIndex = { readonly index: PassageIndex; readonly suggestions: readonly string[] | undefined };

/** An index in its cached form: the arrays, and the suggestions worked out with it. */
type CacheContent = { readonly serialized: SerializedIndex; readonly suggestions: readonly string[] | undefined };

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
 * The index of `articles` (and its suggestions, with `source.suggesting`): read from the cache when an index
 * of exactly this content (and this version of the analysis) was saved before, else built (here or on a
 * worker thread) and saved for next time.
 */
export async function loadOrBuildIndex(
  articles: readonly Article[],
  source: IndexSource,
  prefetched?: CachePrefetch,
): Promise<CachedIndex> {
  const started = Date.now();
  const file = await cacheFileFor(articles, source);
  const cached = file === undefined ? undefined : await readCache(file, prefetched);
  if (file !== undefined && cached !== undefined) {
    const index = PassageIndex.fromSerialized(articles, cached.serialized);
    await markUsed(file);
    source.logger('info', 'index read from the cache', 'index.cache_hit', { ms: Date.now() - started, passages: index.size });
    return { index, suggestions: cached.suggestions };
  }
  let index: PassageIndex;
  let serialized: SerializedIndex;
  if (source.offThread === true) {
    ({ index, serialized } = await buildIndexInWorker(articles, source.onProgress));
  } else {
    serialized = serializedIndexOf(articles, {}, source.onProgress);
    index = PassageIndex.fromSerialized(articles, serialized);
  }
  const suggestions = source.suggesting?.of(index);
  source.logger('info', 'index built', 'index.built', {
    ms: Date.now() - started,
    passages: index.size,
    offThread: source.offThread === true,
  });
  if (file !== undefined) await saveCache(file, { serialized, suggestions }, source.logger);
  return { index, suggestions };
}

/** Where the index of `articles` is cached, by their content and what the suggestions depend on; undefined without a cache. */
async function cacheFileFor(articles: readonly Article[], source: Omit<IndexSource, 'offThread'>): Promise<string | undefined> {
  if (source.cacheDir === undefined) return undefined;
  return path.join(source.cacheDir, `index-${await contentKey(articles, source.suggesting?.key)}.bin`);
}

async function saveCache(file: string, content: CacheContent, logger: Logger): Promise<void> {
  await writeCache(file, content).catch((error: unknown) =>
    logger('warn', 'could not save the index cache', 'index.cache_write_failed', { file, error }),
  );
}

/**
 * The serialized index of `articles` (and its suggestions, with `source.suggesting`), for a worker thread
 * that indexes a reload: read from the cache when it has this content, else built here and saved for next
 * time. `fromCache` says which.
 */
export async function serializedIndexFor(
  articles: readonly Article[],
  source: Omit<IndexSource, 'offThread'>,
): Promise<CacheContent & { fromCache: boolean }> {
  const file = await cacheFileFor(articles, source);
  const cached = file === undefined ? undefined : await readCache(file);
  if (file !== undefined && cached !== undefined) {
    await markUsed(file);
    return { ...cached, fromCache: true };
  }
  const serialized = serializedIndexOf(articles, {}, source.onProgress);
  const suggestions = source.suggesting?.of(PassageIndex.fromSerialized(articles, serialized));
  if (file !== undefined) await saveCache(file, { serialized, suggestions }, source.logger);
  return { serialized, suggestions, fromCache: false };
}

/** Which array of a cache file holds numbers of which width, by its bytes per number. */
const arrayTypes = { 1: Uint8Array, 2: Uint16Array, 4: Uint32Array } as const;

/** The header of a cache file: all but the arrays. */
type CacheHeader = {
  readonly version: number;
  readonly terms: readonly string[];
  readonly average: number;
  readonly suggestions?: readonly string[] | undefined;
  /** Each array's bytes per number and length, in the order of `arrayNames` then `inversionNames`. */
  readonly arrays: readonly (readonly [width: 1 | 2 | 4, length: number])[];
};

/** Bytes up to the next multiple of 4, where every array of a cache file starts. */
const padded = (bytes: number) => bytes + ((4 - (bytes % 4)) % 4);

/**
 * The file: a 4-byte header length, a JSON header (terms, suggestions, mean field length, each array's
 * width and length), then the passages' arrays and the inversion's, each padded to a multiple of 4 bytes
 * so that it is read in place.
 */
async function writeCache(file: string, { serialized, suggestions }: CacheContent): Promise<void> {
  const { passages, inverted } = serialized;
  const arrays = [...arrayNames.map((name) => passages[name]), ...inversionNames.map((name) => inverted[name])];
  const header: CacheHeader = {
    version: serialized.version,
    terms: passages.terms,
    average: inverted.average,
    suggestions,
    arrays: arrays.map((array) => [array.BYTES_PER_ELEMENT as 1 | 2 | 4, array.length]),
  };
  const json = Buffer.from(JSON.stringify(header));
  const size = Buffer.alloc(4);
  size.writeUInt32LE(json.length);
  const bytes = arrays.flatMap((array) => [
    Buffer.from(array.buffer, array.byteOffset, array.byteLength),
    Buffer.alloc(padded(array.byteLength) - array.byteLength),
  ]);
  await mkdir(path.dirname(file), { recursive: true });
  // Write aside and rename, so a crash never leaves half a cache file behind; the name is this process's
  // own, as several processes (shards) sharing a cache directory may write the same index at once.
  const aside = `${file}.${process.pid}-${randomUUID()}.tmp`;
  try {
    await writeFile(aside, Buffer.concat([size, json, ...bytes]));
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

/** A cache file as read: its header's bytes, and the arrays' bytes in a buffer of their own (all the index keeps). */
type CacheBytes = { readonly header: Buffer; readonly body: Buffer };

/** Gives the cache file read ahead if it is `file`, else undefined; once. */
export type CachePrefetch = (file: string) => Promise<CacheBytes | undefined>;

/**
 * Starts reading the cache file used last, the likely one when a bot starts up, on the thread pool while
 * this thread works out the corpus's content key. Which file is right is known only then, so a wrong
 * guess costs a read on another thread and is dropped before any index is built.
 */
export function prefetchLastUsed(cacheDir: string): CachePrefetch {
  let pending: Promise<{ file: string; bytes: CacheBytes | undefined } | undefined> | undefined = cacheFilesByUse(cacheDir).then(
    async ([name]) => {
      const file = name === undefined ? undefined : path.join(cacheDir, name);
      return file === undefined ? undefined : { file, bytes: await readCacheFile(file) };
    },
  );
  return async (file) => {
    const read = await pending;
    pending = undefined;
    return read?.file === file ? read.bytes : undefined;
  };
}

/**
 * The header and the arrays of `file`, each in one read on the thread pool (`readFile` asks for 512 KiB at
 * a time, each answered on a turn of the event loop, so it crawls while this thread is busy); undefined
 * when it cannot be read. The header goes once parsed; the arrays stay, as the index's own memory.
 */
async function readCacheFile(file: string): Promise<CacheBytes | undefined> {
  try {
    const handle = await open(file, 'r');
    try {
      const size = (await handle.stat()).size;
      const headerLength = (await readAt(handle, 0, 4)).readUInt32LE(0);
      const header = await readAt(handle, 4, headerLength);
      return { header, body: await readAt(handle, 4 + headerLength, size - 4 - headerLength) };
    } finally {
      await handle.close();
    }
  } catch {
    return undefined;
  }
}

/** `length` bytes of the open file from `position`, in a buffer of their own. @throws {RangeError} when the file is shorter. */
async function readAt(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  if (length < 0) throw new RangeError('the cache file is cut short');
  const bytes = Buffer.allocUnsafeSlow(length);
  let at = 0;
  while (at < length) {
    const { bytesRead } = await handle.read(bytes, at, length - at, position + at);
    if (bytesRead === 0) throw new RangeError('the cache file is cut short');
    at += bytesRead;
  }
  return bytes;
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
function allBelow(array: Whole, limit: number): boolean {
  for (let i = 0; i < array.length; i += 1) if ((array[i] ?? 0) >= limit) return false;
  return true;
}

/** The index in `file` (or read ahead of it); undefined when it is missing, of another version or damaged in any way. */
async function readCache(file: string, prefetched?: CachePrefetch): Promise<CacheContent | undefined> {
  const bytes = (await prefetched?.(file)) ?? (await readCacheFile(file));
  return bytes === undefined ? undefined : decodeCache(bytes);
}

function decodeCache({ header: headerBytes, body }: CacheBytes): CacheContent | undefined {
  try {
    const header = JSON.parse(headerBytes.toString('utf8')) as CacheHeader;
    if (header.version !== indexFormatVersion || header.arrays.length !== arrayNames.length + inversionNames.length) return undefined;
    let at = 0;
    const arrays = header.arrays.map(([width, length]) => {
      const type = arrayTypes[width];
      if (at + width * length > body.length) throw new RangeError('the cache file is cut short');
      // The body has a buffer of its own (byteOffset 0) and each array starts at a multiple of 4: views, not copies.
      const array = new type(body.buffer as ArrayBuffer, body.byteOffset + at, length);
      at += padded(width * length);
      return array;
    });
    const named = <T extends string>(names: readonly T[], from: number) =>
      Object.fromEntries(names.map((name, i) => [name, arrays[from + i]])) as Record<T, Whole>;
    const passages: PassageData = { terms: header.terms, ...named(arrayNames, 0) };
    const inverted: Inversion = { average: header.average, ...named(inversionNames, arrayNames.length) };
    if (at !== body.length || !isConsistent(passages, inverted)) return undefined;
    return { serialized: { version: indexFormatVersion, passages, inverted }, suggestions: header.suggestions };
  } catch {
    return undefined;
  }
}
