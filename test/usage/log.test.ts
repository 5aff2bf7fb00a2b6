import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Storybot, UsageLog, type Answer, type UsageEntry, type UsageSink } from '../../src/index.js';
import { usageEntryFor } from '../../src/usage/log.js';
import { recordingLogger, storyDir, storyId, tempDirs } from '../support/builders.js';

const temp = tempDirs();
afterAll(temp.cleanup);

/** A fake usage sink that keeps what it was given. */
function recordingSink(): UsageSink & { entries: UsageEntry[] } {
  const entries: UsageEntry[] = [];
  return { entries, record: (entry) => void entries.push(entry) };
}

const at = () => new Date('2026-01-20T10:00:00.000Z');
const time = '2026-01-20T10:00:00.000Z';

describe('UsageLog', () => {
  it('appends one JSON line per entry, in order, to a file per month', async () => {
    const dir = path.join(await temp.make(), 'logs');
    const log = new UsageLog(dir);
    log.record({ kind: 'declined', time: '2026-01-31T23:59:59.000Z', platform: 'cli', question: 'guacamole?' });
    log.record({ kind: 'answered', time: '2026-02-01T00:00:00.000Z', platform: 'cli', cited: [{ documentId: 'a', paragraph: 2 }] });
    log.record({
      kind: 'feedback',
      time: '2026-02-02T00:00:00.000Z',
      platform: 'slack',
      helpful: true,
      cited: { documentId: 'a', paragraph: 2 },
    });
    await log.flush();
    expect(await readFile(path.join(dir, 'usage-2026-01.jsonl'), 'utf8')).toBe(
      '{"kind":"declined","time":"2026-01-31T23:59:59.000Z","platform":"cli","question":"guacamole?"}\n',
    );
    const february = (await readFile(path.join(dir, 'usage-2026-02.jsonl'), 'utf8')).trimEnd().split('\n');
    expect(february.map((line) => (JSON.parse(line) as UsageEntry).kind)).toEqual(['answered', 'feedback']);
  });

  it('logs a warning and does not throw when the directory cannot be written', async () => {
    const blocker = path.join(await temp.make(), 'not-a-dir');
    await writeFile(blocker, 'a file where the log directory should be');
    const logger = recordingLogger();
    const log = new UsageLog(blocker, logger.log);
    expect(() => log.record({ kind: 'declined', time, platform: 'cli', question: 'q' })).not.toThrow();
    await log.flush();
    expect(logger.entries).toEqual([expect.objectContaining({ level: 'warn', code: 'usage.write_failed' })]);
  });
});

describe('usageEntryFor', () => {
  it('keeps the question and the cited paragraphs of an answer that shows only the closest passages', () => {
    const citation = { documentId: storyId, title: 'T', paragraph: 20 };
    const answer: Answer = {
      question: 'street price?',
      outcome: 'closest',
      answered: false,
      confidence: 0.2,
      results: [{ text: 'Fentanyl is cheap.', highlights: [], score: 1, citation }],
    };
    expect(usageEntryFor(answer, 'slack', new Date(time))).toEqual({
      kind: 'closest',
      time,
      platform: 'slack',
      question: 'street price?',
      cited: [{ documentId: storyId, paragraph: 20 }],
    });
  });
});

describe('Storybot usage recording', () => {
  const bot = async (usage: UsageSink) => Storybot.load(storyDir, { usage, now: at });

  it('records the cited paragraphs when a question from a platform is answered', async () => {
    const sink = recordingSink();
    const answer = (await bot(sink)).ask("Who's Mexico's security chief?", { platform: 'terminal' });
    expect(sink.entries).toEqual([
      {
        kind: 'answered',
        time,
        platform: 'terminal',
        cited: answer.results.map((r) => ({ documentId: storyId, paragraph: r.citation.paragraph })),
      },
    ]);
  });

  it('records the declined question, and nothing for an empty one, small talk, or one without a platform', async () => {
    const sink = recordingSink();
    const storybot = await bot(sink);
    storybot.ask('  who won the 2022 world cup ', { platform: 'discord' });
    storybot.ask('   ', { platform: 'discord' });
    storybot.ask('hi', { platform: 'discord' });
    storybot.ask('who won the 2022 world cup');
    expect(sink.entries).toEqual([{ kind: 'declined', time, platform: 'discord', question: 'who won the 2022 world cup' }]);
  });

  it('records a reader mark on a cited paragraph', async () => {
    const sink = recordingSink();
    (await bot(sink)).recordFeedback('slack', false, { documentId: storyId, paragraph: 23 });
    expect(sink.entries).toEqual([
      { kind: 'feedback', time, platform: 'slack', helpful: false, cited: { documentId: storyId, paragraph: 23 } },
    ]);
  });
});
