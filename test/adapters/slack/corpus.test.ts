import { describe, expect, it } from 'vitest';
import { CorpusError, type CorpusStatus, type ReloadOutcome } from '../../../src/index.js';
import { handleCorpusCommand, type AdminCore } from '../../../adapters/slack/corpus.js';
import { fakeReply } from '../../fakes/slack/core.js';
import { fakeLogger } from '../../fakes/slack/logger.js';

const status: CorpusStatus = {
  dir: 'corpus',
  documents: 2,
  paragraphs: 40,
  passages: 90,
  loadedAt: new Date('2026-01-15T08:30:00Z'),
  rejected: [],
  rejectedAt: undefined,
  keptLastGood: [],
};

function fakeAdminBot(outcome: ReloadOutcome): AdminCore & { reloads: number } {
  return {
    reloads: 0,
    status: () => status,
    async reload() {
      this.reloads += 1;
      return outcome;
    },
  };
}

describe('handleCorpusCommand', () => {
  const run = async (userId: string, text: string, bot: AdminCore = fakeAdminBot({ ok: true, swapped: true, status })) => {
    const reply = fakeReply();
    const { logger } = fakeLogger();
    await handleCorpusCommand({ userId, text }, reply, { bot, adminUserIds: ['U0ADMIN'], logger });
    return reply.sent.map((m) => m.text);
  };

  it('tells everyone else politely that it is for admins, without reloading', async () => {
    const bot = fakeAdminBot({ ok: true, swapped: true, status });
    expect(await run('U0MEMBER', 'reload', bot)).toEqual([
      'Sorry, /corpus is for the bot’s admins. You can still ask questions with /ask.',
    ]);
    expect(bot.reloads).toBe(0);
  });

  it('shows the status and explains the usage', async () => {
    expect(await run('U0ADMIN', ' Status ')).toEqual([
      'Serving 2 articles (40 paragraphs, 90 passages) from corpus, loaded 2026-01-15 08:30 UTC.',
    ]);
    expect(await run('U0ADMIN', '')).toEqual(['Usage: /corpus status, or /corpus reload']);
  });

  it('reports the problems of a reload file by file, at most ten, and what serves now', async () => {
    const problems = Array.from({ length: 12 }, (_, i) => ({
      file: `corpus/${i}.md`,
      line: 2,
      problem: 'front matter: title: is required',
    }));
    const [text] = await run('U0ADMIN', 'reload', fakeAdminBot({ ok: false, swapped: true, problems, status }));
    expect(text?.split('\n')).toEqual([
      'Reloaded, with 12 problems; bad files keep their last good version (or stay out if they never had one):',
      ...problems.slice(0, 10).map((p) => `• ${p.file}:2: front matter: title: is required`),
      '• and 2 more (see the log)',
      'Serving 2 articles (40 paragraphs, 90 passages) from corpus, loaded 2026-01-15 08:30 UTC.',
    ]);
  });

  it('apologises when the reload itself fails unexpectedly', async () => {
    const bot: AdminCore = {
      status: () => status,
      reload: () => Promise.reject(new CorpusError([{ file: 'corpus', problem: 'not a directory' }])),
    };
    expect(await run('U0ADMIN', 'reload', bot)).toEqual(['That corpus was rejected; the previous one is still in use.']);
  });
});
