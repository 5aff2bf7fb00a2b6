import { describe, expect, it } from 'vitest';
import { watchReloads } from '../../../adapters/discord/admin-channel.js';
import type { CorpusProblem } from '../../../src/index.js';
import { fakeLogger } from '../../fakes/discord/logger.js';
import { fakeBotCore, status } from '../../fakes/discord/ports.js';

const a: CorpusProblem = { file: 'corpus/a.md', line: 2, problem: 'front matter: title: is required' };
const b: CorpusProblem = { file: 'corpus/b.md', problem: 'has no front matter' };

/** Runs `watchReloads` over a fake core, recording what it posts and waiting for every post. */
function watched(post: (content: string) => Promise<unknown> = () => Promise.resolve(), serving = status) {
  const bot = { ...fakeBotCore(), status: () => serving };
  const logger = fakeLogger();
  const posted: string[] = [];
  const postings: Promise<void>[] = [];
  const record = (content: string) => {
    posted.push(content);
    return post(content);
  };
  const stop = watchReloads(bot, record, logger, (posting) => void postings.push(posting));
  return { bot, logger, posted, stop, settled: () => Promise.all(postings) };
}

describe('watchReloads', () => {
  it('posts new problems and the recovery, and stays quiet for problems already reported and ordinary reloads', () => {
    const { bot, posted } = watched();
    bot.announce({ ok: true, swapped: true, status }, false);
    bot.announce({ ok: false, swapped: true, problems: [a], status }, false);
    bot.announce({ ok: false, swapped: true, problems: [a], status }, true);
    bot.announce({ ok: false, swapped: true, problems: [a, b], status }, true);
    bot.announce({ ok: false, swapped: true, problems: [b], status }, true);
    bot.announce({ ok: true, swapped: true, status }, true);
    bot.announce({ ok: false, swapped: true, problems: [b], status }, false);
    expect(posted.map((text) => text.split('\n')[0])).toEqual([
      '**Corpus reload found 1 problem.** The good files are served.',
      '**Corpus reload found 2 problems.** The good files are served.',
      '**Corpus recovered:** 1 document, 27 paragraphs, no problems left.',
      '**Corpus reload found 1 problem.** The good files are served.',
    ]);
  });

  it('logs a failed post and never throws', async () => {
    const { bot, logger, settled } = watched(() => Promise.reject(new Error('Missing Access')));
    expect(() => bot.announce({ ok: false, swapped: true, problems: [a], status }, false)).not.toThrow();
    await settled();
    expect(logger.entries).toEqual([
      expect.objectContaining({ level: 'warn', code: 'discord.admin-channel.failed', context: expect.objectContaining({ problems: 1 }) }),
    ]);
  });

  it('stops listening when told to', () => {
    const { bot, posted, stop } = watched();
    stop();
    bot.announce({ ok: false, swapped: true, problems: [a], status }, false);
    expect(posted).toEqual([]);
    expect(bot.listeners.size).toBe(0);
  });

  it('posts the problems the corpus had when the bot started, and stays quiet while a reload finds only those', async () => {
    const since = new Date('2026-11-24T08:00:00Z');
    const { bot, posted, settled } = watched(undefined, { ...status, rejected: [{ ...a, since }], rejectedAt: since });
    bot.announce({ ok: false, swapped: true, problems: [a], status }, true);
    await settled();
    expect(posted).toEqual([
      '**The corpus loaded with 1 problem at start-up.** The good files are served.\n- corpus/a.md:2: front matter: title: is required (since <t:1795507200:R>)',
    ]);
  });
});
