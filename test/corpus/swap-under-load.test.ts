import { copyFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Storybot, type Answer } from '../../src/index.js';
import { storyDir, storyId, tempDirs } from '../support/builders.js';

const dirs = tempDirs();
afterAll(() => dirs.cleanup());

const goodVersion = (n: number) => `---\ntitle: Swap notes ${n}\n---\n\nThe harbor marker word for version ${n} is quokka${n} and nothing else.\n`;
/** One broken write per kind the issue names; each is followed by a good version. */
const brokenWrites: readonly ((file: string) => Promise<void>)[] = [
  (file) => writeFile(file, '---\nsource: Nobody\n---\n\nA paragraph without a title.\n'),
  (file) => writeFile(file, Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0xff, 0xfe, 0x0a])),
  (file) => writeFile(file, ''),
  (file) => writeFile(file, goodVersion(99).slice(0, 12)),
];

/**
 * Asks questions on every turn of the event loop until stopped; every answer is checked as it comes.
 * `askedAtLeast(n)` resolves once n questions have been asked, however fast or slow the machine.
 */
function askContinuously(bot: Storybot, questions: readonly string[], check: (answer: Answer) => void) {
  let asked = 0;
  let failures = 0;
  let running = true;
  const waiting: { count: number; resolve: () => void }[] = [];
  const loop = () => {
    if (!running) return;
    for (let i = 0; i < 10; i += 1) {
      try {
        check(bot.ask(questions[asked % questions.length] ?? ''));
      } catch {
        failures += 1;
      }
      asked += 1;
    }
    for (const wait of waiting.filter((w) => w.count <= asked)) {
      waiting.splice(waiting.indexOf(wait), 1);
      wait.resolve();
    }
    setImmediate(loop);
  };
  setImmediate(loop);
  return {
    askedAtLeast: (count: number) => new Promise<void>((resolve) => (count <= asked ? resolve() : waiting.push({ count, resolve }))),
    stop: () => ((running = false), { asked, failures }),
  };
}

/** Every excerpt is verbatim from the paragraph it cites, in the corpus being served. */
const verbatimIn = (bot: Storybot) => (answer: Answer) => {
  for (const result of answer.results) {
    const paragraph = bot.paragraph(result.citation.documentId, result.citation.paragraph)?.text;
    if (result.citation.paragraph > 0 && !paragraph?.includes(result.text)) throw new Error(`not verbatim: ${result.text}`);
  }
};

describe('swapping the corpus under load', () => {
  it('answers every one of thousands of questions while the corpus is swapped 20 times, half of them broken', async () => {
    const dir = await dirs.make();
    await copyFile(path.join(storyDir, `${storyId}.md`), path.join(dir, `${storyId}.md`));
    const swapFile = path.join(dir, 'swap-notes.md');
    await writeFile(swapFile, goodVersion(0));
    const bot = await Storybot.load(dir);
    const load = askContinuously(bot, ["Who is Mexico's security chief?", 'harbor marker word', 'fentanyl labs', 'guacamole recipe'], verbatimIn(bot));
    const marker = (n: number) => bot.ask(`What is the harbor marker word quokka${n}?`).results[0]?.text ?? '';
    let lastGood = 0;
    for (let swap = 1; swap <= 20; swap += 1) {
      if (swap % 2 === 0) {
        await writeFile(swapFile, goodVersion(swap));
        const outcome = await bot.reload();
        expect(outcome.ok).toBe(true);
        expect(marker(swap)).toContain(`quokka${swap}`);
        expect(bot.status().rejected).toEqual([]);
        lastGood = swap;
      } else {
        await brokenWrites[Math.floor(swap / 2) % brokenWrites.length]?.(swapFile);
        const outcome = await bot.reload();
        expect(outcome.ok).toBe(false);
        expect(bot.status().rejected.map((p) => p.file)).toEqual([swapFile]);
        // The last good version of the broken file keeps serving.
        expect(bot.status().keptLastGood).toEqual(['swap-notes.md']);
        expect(marker(lastGood)).toContain(`quokka${lastGood}`);
      }
      // At least 100 more questions between one swap and the next: 2,000 in all, on a machine of any speed.
      await load.askedAtLeast(100 * swap);
    }
    const { asked, failures } = load.stop();
    expect(failures).toBe(0);
    expect(asked).toBeGreaterThanOrEqual(2000);
  });

  it('reports a file truncated mid-write, then serves it once the write completes', async () => {
    const dir = await dirs.make();
    const file = path.join(dir, 'notes.md');
    await writeFile(file, goodVersion(1));
    const bot = await Storybot.load(dir);
    await writeFile(file, goodVersion(2).slice(0, 20));
    expect((await bot.reload()).ok).toBe(false);
    expect(bot.ask('harbor marker word quokka1').results[0]?.text).toContain('quokka1');
    await writeFile(file, goodVersion(2));
    expect((await bot.reload()).ok).toBe(true);
    expect(bot.ask('harbor marker word quokka2').results[0]?.text).toContain('quokka2');
  });
});
