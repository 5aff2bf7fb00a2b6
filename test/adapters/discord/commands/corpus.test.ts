import { describe, expect, it } from 'vitest';
import { handleCorpusReload, handleCorpusStatus } from '../../../../adapters/discord/commands/corpus.js';
import { describeReloadAlert, describeShards, describeStatus, summaryOf } from '../../../../adapters/discord/corpus-text.js';
import { fakeLogger } from '../../../fakes/discord/logger.js';
import { fakeAdmin, fakeReply, status } from '../../../fakes/discord/ports.js';

const loadedAt = Math.floor(status.loadedAt.getTime() / 1000);
const since = new Date('2026-11-24T07:30:00Z');
const sinceUnix = since.getTime() / 1000;

describe('/corpus status', () => {
  it('shows documents, passages, when and where from, ephemerally', async () => {
    const reply = fakeReply();
    await handleCorpusStatus(reply, { admin: fakeAdmin(() => Promise.reject(new Error('unused'))) });
    expect(reply.last()).toMatchObject({
      ephemeral: true,
      content: `**1** documents, **27** paragraphs, **40** passages from \`corpus\`, loaded <t:${loadedAt}:R>.`,
    });
  });

  it('shows each problem with its file, line, what is wrong and since when, and the files kept at their last good version', () => {
    const rejected = [
      { file: 'corpus/mexico.md', line: 3, problem: 'front matter: title: is required', since },
      { file: 'corpus/new.md', problem: 'has no front matter', since: status.loadedAt },
    ];
    const text = describeStatus({ ...status, rejected, rejectedAt: status.loadedAt, keptLastGood: ['mexico.md'] });
    expect(text).toBe(
      [
        `**1** documents, **27** paragraphs, **40** passages from \`corpus\`, loaded <t:${loadedAt}:R>.`,
        `The last reload <t:${loadedAt}:R> found 2 problems:`,
        'Still serving the last good version of: `mexico.md`.',
        `- corpus/mexico.md:3: front matter: title: is required (since <t:${sinceUnix}:R>)`,
        `- corpus/new.md: has no front matter (since <t:${loadedAt}:R>)`,
      ].join('\n'),
    );
  });

  it('stays within 2000 characters however many files are bad, saying there is more', () => {
    const rejected = Array.from({ length: 200 }, (_, i) => ({
      file: `corpus/bad-${i}.md`,
      line: 3,
      problem: 'front matter: title: is required',
      since,
    }));
    const keptLastGood = Array.from({ length: 200 }, (_, i) => `bad-${i}.md`);
    const text = describeStatus({ ...status, rejected, rejectedAt: since, keptLastGood });
    expect(text).toContain(`- corpus/bad\\-0.md:3: front matter: title: is required (since <t:${sinceUnix}:R>)`);
    expect(text).toMatch(/^Still serving the last good version of: `bad-0\.md`, .* and \d+ more\.$/m);
    expect(text.length).toBeLessThanOrEqual(2000);
    expect(text.endsWith('… and more (see the log).')).toBe(true);
  });
});

describe('/corpus status under a ShardingManager', () => {
  const serving = { documents: 1, paragraphs: 27, passages: 40, problems: 0 };

  it('sums up a shard from its status', () => {
    expect(summaryOf(3, status)).toEqual({ shard: 3, serving });
  });

  it('defers, asks every shard, and says they serve the same when they do', async () => {
    const reply = fakeReply();
    const admin = {
      ...fakeAdmin(() => Promise.reject(new Error('unused'))),
      shards: async () => [summaryOf(1, status), summaryOf(0, status)],
    };
    await handleCorpusStatus(reply, { admin });
    expect(reply.calls[0]).toEqual({ kind: 'defer', ephemeral: true });
    expect(reply.last()?.content).toBe(
      `**1** documents, **27** paragraphs, **40** passages from \`corpus\`, loaded <t:${loadedAt}:R>.\nAll 2 shards serve the same: 1 document, 27 paragraphs, 40 passages, no problems.`,
    );
  });

  it('groups the shards by what they serve, so one that differs or does not answer stands out', () => {
    const text = describeShards([
      { shard: 0, serving },
      { shard: 3 },
      { shard: 2, serving },
      { shard: 1, serving: { documents: 2, paragraphs: 30, passages: 44, problems: 1 } },
    ]);
    expect(text).toBe(
      [
        'Shards 0, 2: 1 document, 27 paragraphs, 40 passages, no problems.',
        'Shard 1: 2 documents, 30 paragraphs, 44 passages, 1 problem.',
        'Shard 3: not answering (starting or restarting).',
      ].join('\n'),
    );
    expect(describeShards([{ shard: 0 }, { shard: 1 }])).toBe('Shards 0, 1: not answering (starting or restarting).');
  });
});

describe('/corpus reload', () => {
  it('defers, reloads and reports the new status', async () => {
    const reply = fakeReply();
    await handleCorpusReload(
      reply,
      { admin: fakeAdmin(() => Promise.resolve({ ok: true, swapped: true, status })), logger: fakeLogger() },
      {},
    );
    expect(reply.calls[0]).toEqual({ kind: 'defer', ephemeral: true });
    expect(reply.last()?.content).toBe(
      `Reloaded. **1** documents, **27** paragraphs, **40** passages from \`corpus\`, loaded <t:${loadedAt}:R>.`,
    );
  });

  it('reports each problem file by file, and which bad files keep their last good version', async () => {
    const reply = fakeReply();
    const problems = [{ file: 'corpus/x.md', problem: 'front matter: url: expected a web address' }];
    await handleCorpusReload(
      reply,
      {
        admin: fakeAdmin(() => Promise.resolve({ ok: false, swapped: true, problems, status: { ...status, keptLastGood: ['x.md'] } })),
        logger: fakeLogger(),
      },
      {},
    );
    expect(reply.last()?.content).toBe(
      'The reload found 1 problem; the good files are served.\nStill serving the last good version of: `x.md`.\n- corpus/x.md: front matter: url: expected a web address',
    );
  });

  it('says sorry and logs when the reload itself throws', async () => {
    const reply = fakeReply();
    const logger = fakeLogger();
    await handleCorpusReload(reply, { admin: fakeAdmin(() => Promise.reject(new Error('EACCES /srv/corpus'))), logger }, { userId: '1' });
    expect(reply.last()).toMatchObject({ ephemeral: true, content: 'Sorry, something went wrong. Please try again later.' });
    expect(logger.entries.map((e) => e.code)).toEqual(['discord.reload.failed']);
  });
});

describe('describeReloadAlert', () => {
  const problems = [{ file: 'corpus/x_y.md', line: 4, problem: 'front matter: published: expected a date like 2026-01 or 2026-01-15' }];

  it('lists file: line: problem and the files kept at their last good version', () => {
    expect(describeReloadAlert({ ok: false, swapped: true, problems, status: { ...status, keptLastGood: ['x_y.md'] } }, false)).toBe(
      '**Corpus reload found 1 problem.** The good files are served.\nStill serving the last good version of: `x_y.md`.\n- corpus/x\\_y.md:4: front matter: published: expected a date like 2026\\-01 or 2026\\-01\\-15',
    );
  });

  it('says the corpus recovered after a reload with problems, and nothing after an ordinary reload', () => {
    expect(describeReloadAlert({ ok: true, swapped: true, status }, true)).toBe(
      '**Corpus recovered:** 1 document, 27 paragraphs, no problems left.',
    );
    expect(describeReloadAlert({ ok: true, swapped: true, status }, false)).toBeUndefined();
  });

  it('stays within 2000 characters', () => {
    const many = Array.from({ length: 300 }, (_, i) => ({
      file: `corpus/${'long-name-'.repeat(5)}${i}.md`,
      line: i,
      problem: 'has no front matter',
    }));
    const text = describeReloadAlert({ ok: false, swapped: true, problems: many, status }, false) ?? '';
    expect(text.length).toBeLessThanOrEqual(2000);
    expect(text.endsWith('… and more (see the log).')).toBe(true);
  });
});
