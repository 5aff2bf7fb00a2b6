import { cp, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Storybot } from '../../src/index.js';
import { watchPauses } from '../support/pause-probe.js';
import { recordingLogger, storyDir, tempDirs } from '../support/builders.js';

const temp = tempDirs();
afterAll(temp.cleanup);

/** One paragraph of `bytes` bytes of plain sentences, as a Markdown article. */
function longParagraph(bytes: number): string {
  const sentence = 'The harbor pilots said the new channel near Mexico City was deeper than the old one. ';
  return `---\ntitle: Long\n---\n\n${sentence.repeat(Math.ceil(bytes / sentence.length))}\n`;
}

describe('a reload that adds one long paragraph', () => {
  it('indexes it on a worker thread and never holds the event loop for 50 ms', { timeout: 60_000 }, async () => {
    const dir = await temp.make();
    await cp(storyDir, dir, { recursive: true });
    const logger = recordingLogger();
    const bot = await Storybot.load(dir, { logger: logger.log });
    await writeFile(path.join(dir, 'long.md'), longParagraph(1024 * 1024));
    const probe = watchPauses();
    const outcome = await bot.reload();
    const pauses = probe.stop();
    console.log(`1 MB paragraph reload: longest pause ${pauses.longestMs.toFixed(0)} ms, of it main-thread CPU ${pauses.longestCpuMs?.toFixed(0) ?? '?'} ms`);
    expect(outcome.ok).toBe(true);
    expect(bot.articles().map((a) => a.id)).toContain('long');
    expect(logger.entries).toContainEqual(expect.objectContaining({ code: 'index.built', context: expect.objectContaining({ offThread: true }) }));
    // CPU time, not wall time: other jobs on a loaded machine lengthen every gap, but not this thread's own work.
    if (pauses.longestCpuMs !== undefined) expect(pauses.longestCpuMs).toBeLessThan(50);
    expect(bot.ask('How deep was the new channel near Mexico City?').answered).toBe(true);
  });
});
