import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { watchCorpus } from '../../src/index.js';
import { tempDirs } from '../support/builders.js';

const temp = tempDirs();
afterAll(temp.cleanup);

describe('watchCorpus', () => {
  it('calls back once the files have stopped changing when an article is written', async () => {
    const dir = await temp.make();
    let settled: () => void = () => undefined;
    const done = new Promise<void>((resolve) => (settled = resolve));
    // Fails by timing out if the watcher never reports the change.
    const watcher = watchCorpus(dir, () => settled(), { settleMs: 25 });
    try {
      await writeFile(path.join(dir, 'a.md'), '---\ntitle: A\n---\n\nFirst part.\n');
      await writeFile(path.join(dir, 'a.md'), '---\ntitle: A\n---\n\nFirst part.\n\nSecond part.\n');
      await expect(done).resolves.toBeUndefined();
    } finally {
      watcher.close();
    }
  });
});
