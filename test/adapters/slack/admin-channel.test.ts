import { describe, expect, it } from 'vitest';
import type { CorpusStatus, ReloadListener, ReloadOutcome } from '../../../src/index.js';
import { alertAdminChannel } from '../../../adapters/slack/admin-channel.js';
import type { SlackMessage } from '../../../adapters/slack/render.js';
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
const rejected: ReloadOutcome = { ok: false, swapped: true, problems: [{ file: 'a.md', line: 2, problem: 'title: is required' }], status };

/** A core whose reloads the test announces by hand, serving `current` when the adapter starts. */
function fakeReloads(current: CorpusStatus = status) {
  const listeners = new Set<ReloadListener>();
  return {
    listeners,
    status: () => current,
    onReload: (listener: ReloadListener) => {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    announce: (outcome: ReloadOutcome, hadProblems: boolean) => listeners.forEach((listener) => listener(outcome, hadProblems)),
  };
}

describe('alertAdminChannel', () => {
  it('posts problems and recoveries, nothing for an ordinary reload, and stops when unsubscribed', async () => {
    const core = fakeReloads();
    const posted: SlackMessage[] = [];
    const { logger, log } = fakeLogger();
    const stop = alertAdminChannel(core, async (message) => void posted.push(message), logger);
    core.announce({ ok: true, swapped: true, status }, false);
    core.announce(rejected, false);
    core.announce({ ok: true, swapped: true, status }, true);
    await log.waitFor((e) => e.code === 'slack.admin_alert', 'both alerts logged', { count: 2 });
    expect(posted.map((m) => m.text.split('\n')[0])).toEqual([
      'Corpus reload found 1 problem:',
      expect.stringMatching(/^Corpus recovered: 2 documents/),
    ]);
    stop();
    expect(core.listeners.size).toBe(0);
  });

  it('logs a failed post and never throws into the reload', async () => {
    const core = fakeReloads();
    const { logger, log } = fakeLogger();
    alertAdminChannel(core, () => Promise.reject(new Error('not_in_channel')), logger);
    expect(() => core.announce(rejected, false)).not.toThrow();
    const entry = await log.waitFor((e) => e.code === 'slack.admin_alert_failed', 'the logged failure');
    expect(entry).toMatchObject({ level: 'error', context: { ok: false, hadProblems: false } });
    expect(String(entry.context['error'])).toContain('not_in_channel');
  });

  it('posts the problems the corpus had when the bot started, and not again until they change', async () => {
    const since = new Date('2026-01-15T08:30:00Z');
    const problem = { file: 'corpus/bad.md', line: 1, problem: 'is empty', since };
    const core = fakeReloads({ ...status, rejected: [problem], rejectedAt: since });
    const posted: SlackMessage[] = [];
    const { logger, log } = fakeLogger();
    alertAdminChannel(core, async (message) => void posted.push(message), logger);
    await log.waitFor((e) => e.code === 'slack.admin_alert', 'the start-up alert');
    expect(posted.map((m) => m.text)).toEqual([
      'The corpus loaded with 1 problem at start-up; the good files are served:\n• corpus/bad.md:1: is empty (since 2026-01-15 08:30 UTC)\nServing 2 articles (40 paragraphs, 90 passages) from corpus, loaded 2026-01-15 08:30 UTC.',
    ]);
  });
});
