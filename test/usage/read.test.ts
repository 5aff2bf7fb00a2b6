import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readUsageLog, summarizeUsage, UsageLog } from '../../src/index.js';
import { tempDirs } from '../support/builders.js';

const temp = tempDirs();
afterAll(temp.cleanup);

describe('readUsageLog', () => {
  it('reads back what UsageLog wrote, across months, oldest first', async () => {
    const dir = path.join(await temp.make(), 'logs');
    const log = new UsageLog(dir);
    log.record({ kind: 'declined', time: '2026-02-01T00:00:00.000Z', platform: 'web', question: 'later' });
    log.record({ kind: 'declined', time: '2026-01-31T23:59:59.000Z', platform: 'cli', question: 'earlier' });
    await log.flush();
    expect(await readUsageLog(dir)).toEqual([
      { kind: 'declined', time: '2026-01-31T23:59:59.000Z', platform: 'cli', question: 'earlier' },
      { kind: 'declined', time: '2026-02-01T00:00:00.000Z', platform: 'web', question: 'later' },
    ]);
  });

  it('keeps only entries since the given time, without opening older months', async () => {
    const dir = await temp.make();
    await writeFile(path.join(dir, 'usage-2025-12.jsonl'), 'not json, and never read\n');
    await writeFile(
      path.join(dir, 'usage-2026-01.jsonl'),
      [
        '{"kind":"declined","time":"2026-01-09T23:59:59.999Z","platform":"web","question":"too early"}',
        '{"kind":"declined","time":"2026-01-10T00:00:00.000Z","platform":"web","question":"just in"}',
        '',
        '{"kind":"declined","platform":"web","question":"no time"}',
      ].join('\n'),
    );
    const entries = await readUsageLog(dir, { since: new Date('2026-01-10T00:00:00.000Z') });
    expect(entries).toEqual([{ kind: 'declined', time: '2026-01-10T00:00:00.000Z', platform: 'web', question: 'just in' }]);
  });

  it('skips lines that are not JSON and files that are not monthly logs', async () => {
    const dir = await temp.make();
    await mkdir(path.join(dir, 'usage-2026-03.jsonl.d'));
    await writeFile(path.join(dir, 'notes.jsonl'), '{"kind":"declined","time":"2026-03-01T00:00:00.000Z","question":"x"}\n');
    await writeFile(
      path.join(dir, 'usage-2026-03.jsonl'),
      '{broken\n{"kind":"declined","time":"2026-03-02T00:00:00.000Z","platform":"web","question":"ok"}\n',
    );
    expect(summarizeUsage(await readUsageLog(dir)).declined).toEqual([{ question: 'ok', count: 1 }]);
  });

  it('returns an empty log when the directory does not exist', async () => {
    expect(await readUsageLog(path.join(await temp.make(), 'missing'))).toEqual([]);
  });
});
