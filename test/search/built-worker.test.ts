import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDirs } from '../support/builders.js';

const dirs = tempDirs();
afterAll(() => dirs.cleanup());

const built = (file: string) => JSON.stringify(pathToFileURL(path.resolve('dist', file)).href);

// The built index worker (dist/src/search/build-worker.js) runs as plain JavaScript, without tsx.
const script = `
import { buildIndexInWorker } from ${built('src/search/build-in-worker.js')};
import { generateCorpus } from ${built('scripts/synthetic-corpus.js')};
const { articles } = generateCorpus({ articles: 5, paragraphsPerArticle: 10, seed: 1 });
const { index } = await buildIndexInWorker(articles);
console.log(JSON.stringify({ vocabulary: index.vocabularySize, hits: index.search([{ id: 0, weight: 1 }], 3).length }));
`;

describe('the built index worker', () => {
  it('builds an index on a worker thread from dist/ with plain node', async () => {
    const file = path.join(await dirs.make(), 'build-in-worker.mjs');
    await writeFile(file, script);
    const { stdout } = await promisify(execFile)(process.execPath, [file]);
    const result = JSON.parse(stdout) as { vocabulary: number; hits: number };
    expect(result.vocabulary).toBeGreaterThan(50);
    expect(result.hits).toBeGreaterThan(0);
  });
});
