import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Storybot, type Article } from '../../src/index.js';
import { generateCorpus } from '../../scripts/synthetic-corpus.js';
import { recordingLogger, tempDirs } from '../support/builders.js';

const dirs = tempDirs();
afterAll(() => dirs.cleanup());

const asMarkdown = (article: Article) =>
  `---\ntitle: ${JSON.stringify(article.title)}\nsource: ${article.source ?? 'Synthetic Times'}\n---\n\n${article.paragraphs.map((p) => p.text).join('\n\n')}\n`;

describe('a corpus of 1,000 generated articles', () => {
  it('loads, answers, reloads on a worker thread while answering goes on, and starts again from the cache', { timeout: 180_000 }, async () => {
    const dir = await dirs.make();
    const cacheDir = await dirs.make();
    const { articles } = generateCorpus({ articles: 1000 });
    await Promise.all(articles.map((article) => writeFile(path.join(dir, `${article.id}.md`), asMarkdown(article))));
    const first = recordingLogger();
    const bot = await Storybot.load(dir, { cacheDir, logger: first.log });
    expect(bot.status()).toMatchObject({ documents: 1000, paragraphs: 40_000 });
    expect(first.entries.map((e) => e.code)).toContain('index.built');

    await writeFile(path.join(dir, 'zz-added.md'), '---\ntitle: Added while serving\n---\n\nThe okapi census counted 312 okapis in the valley.\n');
    let answered = 0;
    let failures = 0;
    let running = true;
    const ask = () => {
      if (!running) return;
      try {
        if (bot.ask('How many okapis did the census count?').results.length >= 0) answered += 1;
      } catch {
        failures += 1;
      }
      setImmediate(ask);
    };
    setImmediate(ask);
    const before = answered;
    const outcome = await bot.reload();
    running = false;
    expect(outcome.ok).toBe(true);
    expect(failures).toBe(0);
    // Built on a worker: questions kept being answered while the 40,000 passages were indexed.
    expect(answered - before).toBeGreaterThan(50);
    expect(bot.ask('How many okapis did the census count?').results[0]?.text).toContain('312 okapis');

    const again = recordingLogger();
    const restarted = await Storybot.load(dir, { cacheDir, logger: again.log });
    expect(again.entries.map((e) => e.code)).toContain('index.cache_hit');
    expect(restarted.ask('How many okapis did the census count?').results[0]?.citation.documentId).toBe('zz-added');
  });
});
