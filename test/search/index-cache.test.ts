import { readdir } from 'node:fs/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCorpus, PassageIndex, type Article } from '../../src/index.js';
import { buildIndexInWorker } from '../../src/search/build-in-worker.js';
import { loadOrBuildIndex, prefetchLastUsed } from '../../src/search/index-cache.js';
import { recordingLogger, makeArticle, storyDir, tempDirs } from '../support/builders.js';

const dirs = tempDirs();
afterAll(() => dirs.cleanup());
const story = (await loadCorpus(storyDir)).articles;
const questions = ['fentanyl labs', 'harfuch', 'sinaloa cartel', 'drone strikes sovereignty', 'guacamol'];
const searchAll = (index: PassageIndex) => questions.map((q) => index.search(asQuery(index, q.split(' ')), 10));
const asQuery = (index: PassageIndex, terms: readonly string[]) =>
  terms.flatMap((t) => index.termId(t) ?? []).map((id) => ({ id, weight: 1 }));

describe('loadOrBuildIndex', () => {
  it('builds once, then reads the same index back from the cache while the content is unchanged', async () => {
    const cacheDir = await dirs.make();
    const first = recordingLogger();
    const { index: built } = await loadOrBuildIndex(story, { cacheDir, logger: first.log });
    expect(first.entries.map((e) => e.code)).toContain('index.built');
    const second = recordingLogger();
    const { index: cached } = await loadOrBuildIndex(story, { cacheDir, logger: second.log });
    expect(second.entries.map((e) => e.code)).toEqual(['index.cache_hit']);
    expect(searchAll(cached)).toEqual(searchAll(built));
    expect(cached.passage(22)).toEqual(built.passage(22));
  });

  it('keeps the suggestions worked out with the index, under their own key', async () => {
    const cacheDir = await dirs.make();
    const workedOut: string[] = [];
    const suggesting = (key: string) => ({
      key,
      of: (index: PassageIndex) => {
        workedOut.push(key);
        return [`What does the story say about ${index.size} passages?`];
      },
    });
    const first = await loadOrBuildIndex(story, { cacheDir, logger: recordingLogger().log, suggesting: suggesting('one') });
    const log = recordingLogger();
    const again = await loadOrBuildIndex(story, { cacheDir, logger: log.log, suggesting: suggesting('one') });
    expect(log.entries.map((e) => e.code)).toEqual(['index.cache_hit']);
    expect(again.suggestions).toEqual(['What does the story say about 36 passages?']);
    expect(again.suggestions).toEqual(first.suggestions);
    expect(workedOut).toEqual(['one']);
    // Another model (another key) never reads the first one's suggestions.
    const other = recordingLogger();
    await loadOrBuildIndex(story, { cacheDir, logger: other.log, suggesting: suggesting('two') });
    expect(other.entries.map((e) => e.code)).toContain('index.built');
    expect(workedOut).toEqual(['one', 'two']);
  });

  it('builds anew when an article changes, and keeps only the newest cache files', async () => {
    const cacheDir = await dirs.make();
    for (const text of ['One version.', 'Another version.', 'A third version.']) {
      await loadOrBuildIndex([makeArticle({ paragraphs: [text] })], { cacheDir, logger: recordingLogger().log });
    }
    const log = recordingLogger();
    await loadOrBuildIndex([makeArticle({ paragraphs: ['A fourth version.'] })], { cacheDir, logger: log.log });
    expect(log.entries.map((e) => e.code)).toContain('index.built');
    expect((await readdir(cacheDir)).filter((name) => name.endsWith('.bin'))).toHaveLength(2);
  });

  it('ignores a damaged cache file and builds instead', async () => {
    const cacheDir = await dirs.make();
    await loadOrBuildIndex(story, { cacheDir, logger: recordingLogger().log });
    const [file] = await readdir(cacheDir);
    const { writeFile } = await import('node:fs/promises');
    await writeFile(`${cacheDir}/${file ?? ''}`, 'not an index');
    const log = recordingLogger();
    const { index } = await loadOrBuildIndex(story, { cacheDir, logger: log.log });
    expect(log.entries.map((e) => e.code)).toContain('index.built');
    expect(index.size).toBe(36);
  });

  it.each([
    ['cut short', (bytes: Buffer) => bytes.subarray(0, bytes.length - 8)],
    ['with bytes after its end', (bytes: Buffer) => Buffer.concat([bytes, Buffer.alloc(8)])],
  ])('ignores a cache file %s', async (_, damage) => {
    const cacheDir = await dirs.make();
    await loadOrBuildIndex(story, { cacheDir, logger: recordingLogger().log });
    const [file] = await readdir(cacheDir);
    const { readFile, writeFile } = await import('node:fs/promises');
    const path = `${cacheDir}/${file ?? ''}`;
    await writeFile(path, damage(await readFile(path)));
    const log = recordingLogger();
    const { index } = await loadOrBuildIndex(story, { cacheDir, logger: log.log });
    expect(log.entries.map((e) => e.code)).toContain('index.built');
    expect(searchAll(index)).toEqual(searchAll(new PassageIndex(story)));
  });

  it('stays whole when several processes write the same index at once (shards sharing a directory)', async () => {
    const cacheDir = await dirs.make();
    await Promise.all(Array.from({ length: 6 }, () => loadOrBuildIndex(story, { cacheDir, logger: recordingLogger().log })));
    expect(await readdir(cacheDir)).toHaveLength(1);
    const log = recordingLogger();
    const { index } = await loadOrBuildIndex(story, { cacheDir, logger: log.log });
    expect(log.entries.map((e) => e.code)).toContain('index.cache_hit');
    expect(searchAll(index)).toEqual(searchAll(new PassageIndex(story)));
  });
});

describe('prefetchLastUsed', () => {
  const one = [makeArticle({ id: 'one', paragraphs: ['Harbor pilots strike at dawn.'] })];
  const two = [makeArticle({ id: 'two', paragraphs: ['Quokka numbers rise on the island.'] })];
  const three = [makeArticle({ id: 'three', paragraphs: ['A third story about ferries.'] })];
  const codesOf = async (articles: readonly Article[], cacheDir: string, prefetched = prefetchLastUsed(cacheDir)) => {
    const log = recordingLogger();
    const { index } = await loadOrBuildIndex(articles, { cacheDir, logger: log.log }, prefetched);
    return { codes: log.entries.map((e) => e.code), index };
  };

  it('reads the cache file used last ahead and serves from it when the articles are the ones it holds', async () => {
    const cacheDir = await dirs.make();
    await loadOrBuildIndex(story, { cacheDir, logger: recordingLogger().log });
    const { codes, index } = await codesOf(story, cacheDir);
    expect(codes).toEqual(['index.cache_hit']);
    expect(searchAll(index)).toEqual(searchAll(new PassageIndex(story)));
  });

  it('drops what it read ahead and reads the right file when the articles changed since', async () => {
    const cacheDir = await dirs.make();
    await loadOrBuildIndex(one, { cacheDir, logger: recordingLogger().log });
    await loadOrBuildIndex(two, { cacheDir, logger: recordingLogger().log });
    const { codes, index } = await codesOf(one, cacheDir);
    expect(codes).toEqual(['index.cache_hit']);
    const fresh = new PassageIndex(one);
    expect(index.search(asQuery(index, ['harbor']), 5)).toEqual(fresh.search(asQuery(fresh, ['harbor']), 5));
    expect(index.search(asQuery(index, ['quokka']), 5)).toEqual([]);
  });

  it('builds when no cache file holds the articles, and when the directory does not exist', async () => {
    const cacheDir = await dirs.make();
    await loadOrBuildIndex(one, { cacheDir, logger: recordingLogger().log });
    expect((await codesOf(two, cacheDir)).codes).toContain('index.built');
    expect((await codesOf(two, `${cacheDir}/missing`)).codes).toContain('index.built');
  });

  it('keeps the file read last, not the one written last, when pruning', async () => {
    const cacheDir = await dirs.make();
    for (const articles of [one, two, one, three]) await codesOf(articles, cacheDir);
    expect((await codesOf(one, cacheDir)).codes).toEqual(['index.cache_hit']);
    expect((await codesOf(two, cacheDir)).codes).toContain('index.built');
  });
});

describe('buildIndexInWorker', () => {
  it('builds on a worker thread the same index as on this one, reporting progress', async () => {
    const progress: number[] = [];
    const { index } = await buildIndexInWorker(story, (p) => progress.push(p.passagesIndexed));
    expect(searchAll(index)).toEqual(searchAll(new PassageIndex(story)));
    expect(progress.at(-1)).toBe(36);
  });
});
