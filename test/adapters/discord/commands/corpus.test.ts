import { describe, expect, it } from 'vitest';
import { describeStatus, handleCorpusReload, handleCorpusStatus } from '../../../../adapters/discord/commands/corpus.js';
import { fakeLogger } from '../../../fakes/discord/logger.js';
import { fakeAdmin, fakeReply, status } from '../../../fakes/discord/ports.js';

const loadedAt = Math.floor(status.loadedAt.getTime() / 1000);

describe('/corpus status', () => {
  it('shows documents, passages, when and where from, ephemerally', async () => {
    const reply = fakeReply();
    await handleCorpusStatus(reply, { admin: fakeAdmin(() => Promise.reject(new Error('unused'))) });
    expect(reply.last()).toMatchObject({ ephemeral: true, content: `**1** documents, **27** paragraphs, **40** passages from \`corpus\`, loaded <t:${loadedAt}:R>.` });
  });

  it('lists the files the last reload rejected, and stays within 2000 characters', () => {
    const rejected = Array.from({ length: 200 }, (_, i) => ({ file: `corpus/bad-${i}.md`, line: 3, problem: 'front matter: title: is required', since: new Date() }));
    const text = describeStatus({ ...status, rejected, rejectedAt: new Date() });
    expect(text).toContain('The last reload was rejected:\n- corpus/bad\\-0.md:3: front matter: title: is required');
    expect(text.length).toBeLessThanOrEqual(2000);
    expect(text.endsWith('… and more (see the log).')).toBe(true);
  });
});

describe('/corpus reload', () => {
  it('defers, reloads and reports the new status', async () => {
    const reply = fakeReply();
    await handleCorpusReload(reply, { admin: fakeAdmin(() => Promise.resolve({ ok: true, status })), logger: fakeLogger() }, {});
    expect(reply.calls[0]).toEqual({ kind: 'defer', ephemeral: true });
    expect(reply.last()?.content).toBe(`Reloaded. **1** documents, **27** paragraphs, **40** passages from \`corpus\`, loaded <t:${loadedAt}:R>.`);
  });

  it('reports a rejected corpus file by file, and that the previous one keeps serving', async () => {
    const reply = fakeReply();
    const problems = [{ file: 'corpus/x.md', problem: 'front matter: url: expected a web address' }];
    await handleCorpusReload(reply, { admin: fakeAdmin(() => Promise.resolve({ ok: false, problems, status })), logger: fakeLogger() }, {});
    expect(reply.last()?.content).toBe('The new corpus was rejected; the previous one keeps serving.\n- corpus/x.md: front matter: url: expected a web address');
  });

  it('says sorry and logs when the reload itself throws', async () => {
    const reply = fakeReply();
    const logger = fakeLogger();
    await handleCorpusReload(reply, { admin: fakeAdmin(() => Promise.reject(new Error('EACCES /srv/corpus'))), logger }, { userId: '1' });
    expect(reply.last()).toMatchObject({ ephemeral: true, content: 'Sorry, something went wrong. Please try again later.' });
    expect(logger.entries.map((e) => e.code)).toEqual(['discord.reload.failed']);
  });
});
