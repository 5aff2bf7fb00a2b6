import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Article } from '../corpus/schema.js';
import type { Logger } from '../logger.js';
import stopWords from '../text/stop-words.json' with { type: 'json' };
import synonyms from '../text/synonyms.json' with { type: 'json' };
import { buildIndexInWorker } from './build-in-worker.js';
import { buildPassageData, indexFormatVersion, type BuildProgress, type PassageData, type SerializedIndex } from './index-data.js';
import { PassageIndex } from './passage-index.js';

export type IndexSource = {
  /** Where serialized indexes are kept, keyed by the corpus's content; undefined keeps none. */
  readonly cacheDir?: string | undefined;
  /** Build on a worker thread, and read a cached index in chunks, so the event loop stays free (reloads of a large corpus). */
  readonly offThread?: boolean;
  readonly onProgress?: (progress: BuildProgress) => void;
  readonly logger: Logger;
};

const arrayNames = ['df', 'article', 'paragraph', 'offset', 'length', 'termStart', 'sentenceStart', 'termIds', 'termFrom', 'termTo', 'sentences'] as const;

/**
 * The index of `articles`: read from the cache when an index of exactly this content (and this version of
 * the analysis) was saved before, else built (here or on a worker thread) and saved for next time.
 */
export async function loadOrBuildIndex(articles: readonly Article[], source: IndexSource): Promise<PassageIndex> {
  const started = Date.now();
  const file = source.cacheDir === undefined ? undefined : path.join(source.cacheDir, `index-${await contentKey(articles)}.bin`);
  const cached = file === undefined ? undefined : await readCache(file);
  if (cached !== undefined) {
    const index = await PassageIndex.fromSerialized(articles, cached, { yielding: source.offThread === true });
    source.logger('info', 'index read from the cache', 'index.cache_hit', { ms: Date.now() - started, passages: index.size });
    return index;
  }
  let index: PassageIndex;
  let serialized: SerializedIndex;
  if (source.offThread === true) {
    ({ index, serialized } = await buildIndexInWorker(articles, {}, source.onProgress));
  } else {
    serialized = { version: indexFormatVersion, passages: buildPassageData(articles, {}, source.onProgress) };
    index = await PassageIndex.fromSerialized(articles, serialized);
  }
  source.logger('info', 'index built', 'index.built', { ms: Date.now() - started, passages: index.size, offThread: source.offThread === true });
  if (file !== undefined) {
    await writeCache(file, serialized).catch((error: unknown) => source.logger('warn', 'could not save the index cache', 'index.cache_write_failed', { file, error }));
  }
  return index;
}

/** A hash of everything an index depends on: the articles, the analysis data, the layout version. */
async function contentKey(articles: readonly Article[]): Promise<string> {
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ version: indexFormatVersion, stopWords, synonyms }));
  for (const [i, article] of articles.entries()) {
    // 10,000 articles take about 0.4 s: pause now and then, so a bot answering during a reload can go on.
    if (i > 0 && i % 500 === 0) await new Promise((resolve) => setImmediate(resolve));
    hash.update(JSON.stringify(article));
  }
  return hash.digest('hex').slice(0, 32);
}

/**
 * The file: a 4-byte header length, a JSON header (terms, array lengths) padded with spaces to a multiple
 * of 4 bytes, then the arrays, which can then be read in place.
 */
async function writeCache(file: string, index: SerializedIndex): Promise<void> {
  const { passages } = index;
  const json = Buffer.from(JSON.stringify({ version: index.version, terms: passages.terms, lengths: arrayNames.map((name) => passages[name].length) }));
  const header = Buffer.concat([json, Buffer.alloc((4 - (json.length % 4)) % 4, ' ')]);
  const size = Buffer.alloc(4);
  size.writeUInt32LE(header.length);
  const arrays = arrayNames.map((name) => Buffer.from(passages[name].buffer, passages[name].byteOffset, passages[name].byteLength));
  await mkdir(path.dirname(file), { recursive: true });
  // Write aside and rename, so a crash never leaves half a cache file behind; the name is this process's
  // own, as several processes (shards) sharing a cache directory may write the same index at once.
  const aside = `${file}.${process.pid}-${randomUUID()}.tmp`;
  try {
    await writeFile(aside, Buffer.concat([size, header, ...arrays]));
    await rename(aside, file);
  } finally {
    await rm(aside, { force: true });
  }
  await pruneCache(path.dirname(file), path.basename(file));
}

/** Keeps the newest cache files (this one and the one before, for a quick swap back) and removes the rest. */
async function pruneCache(dir: string, keep: string): Promise<void> {
  const names = (await readdir(dir)).filter((name) => /^index-[0-9a-f]+\.bin$/.test(name) && name !== keep);
  const stats = await Promise.all(names.map(async (name) => ({ name, time: (await stat(path.join(dir, name))).mtimeMs })));
  const old = stats.sort((a, b) => b.time - a.time).slice(1);
  await Promise.all(old.map(({ name }) => rm(path.join(dir, name), { force: true })));
}

/** Whether the arrays fit together: one entry per passage, offsets within the terms and sentences. */
function isConsistent(data: PassageData): boolean {
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
    data.termIds.every((id) => id < data.terms.length)
  );
}

async function readCache(file: string): Promise<SerializedIndex | undefined> {
  try {
    const bytes = await readFile(file);
    const headerLength = bytes.readUInt32LE(0);
    const header = JSON.parse(bytes.subarray(4, 4 + headerLength).toString('utf8')) as { version: number; terms: string[]; lengths: number[] };
    if (header.version !== indexFormatVersion) return undefined;
    let at = 4 + headerLength;
    const arrays = arrayNames.map((_, i) => {
      const length = header.lengths[i] ?? 0;
      const start = bytes.byteOffset + at;
      if (start + length * 4 > bytes.byteOffset + bytes.length) throw new RangeError('the cache file is cut short');
      at += length * 4;
      // Views into the file's bytes when aligned (files written since the header was padded), else copies.
      return start % 4 === 0 ? new Uint32Array(bytes.buffer, start, length) : new Uint32Array(bytes.buffer.slice(start, start + length * 4));
    });
    const passages = Object.fromEntries([['terms', header.terms], ...arrayNames.map((name, i) => [name, arrays[i]])]) as PassageData;
    return at === bytes.length && isConsistent(passages) ? { version: indexFormatVersion, passages } : undefined;
  } catch {
    return undefined;
  }
}
