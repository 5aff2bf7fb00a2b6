import { describe, expect, it } from 'vitest';
import { summarizeUsage, type UsageEntry } from '../../src/index.js';

const time = '2026-01-20T10:00:00.000Z';
const declined = (question: string): UsageEntry => ({ kind: 'declined', time, platform: 'cli', question });
const answered = (...paragraphs: number[]): UsageEntry => ({
  kind: 'answered',
  time,
  platform: 'cli',
  cited: paragraphs.map((paragraph) => ({ documentId: 'a', paragraph })),
});
const mark = (paragraph: number, helpful: boolean): UsageEntry => ({
  kind: 'feedback',
  time,
  platform: 'slack',
  helpful,
  cited: { documentId: 'a', paragraph },
});

describe('summarizeUsage', () => {
  it('counts closest-tier questions apart from declined ones, without counting their passages as cited', () => {
    const closest = (question: string): UsageEntry => ({
      kind: 'closest',
      time,
      platform: 'web',
      question,
      cited: [{ documentId: 'a', paragraph: 4 }],
    });
    const report = summarizeUsage([closest('Street price?'), closest('street price'), declined('World cup')]);
    expect(report.closest).toEqual([{ question: 'Street price?', count: 2 }]);
    expect(report.declined).toEqual([{ question: 'World cup', count: 1 }]);
    expect(report.cited).toEqual([]);
    expect(report.totals).toEqual({ answered: 0, closest: 2, declined: 1, helpful: 0, notHelpful: 0 });
  });

  it('counts declined questions with case, spacing and end punctuation folded, most frequent first', () => {
    const report = summarizeUsage([
      declined('Guacamole recipe?'),
      declined('guacamole   RECIPE'),
      declined('World cup'),
      declined('guacamole recipe!'),
    ]);
    expect(report.declined).toEqual([
      { question: 'Guacamole recipe?', count: 3 },
      { question: 'World cup', count: 1 },
    ]);
    expect(report.totals).toEqual({ answered: 0, closest: 0, declined: 4, helpful: 0, notHelpful: 0 });
  });

  it('counts cited paragraphs with readers’ marks, most cited first', () => {
    const report = summarizeUsage([answered(23, 25), answered(23), mark(23, true), mark(25, false), mark(25, false)]);
    expect(report.cited).toEqual([
      { documentId: 'a', paragraph: 23, count: 2, helpful: 1, notHelpful: 0 },
      { documentId: 'a', paragraph: 25, count: 1, helpful: 0, notHelpful: 2 },
    ]);
    expect(report.totals).toEqual({ answered: 2, closest: 0, declined: 0, helpful: 1, notHelpful: 2 });
  });

  it('skips lines that are not usage entries', () => {
    const report = summarizeUsage([
      null,
      'text',
      42,
      { kind: 'declined' },
      { kind: 'answered', cited: [{ documentId: 1 }] },
      { kind: 'other' },
      declined('q'),
    ]);
    expect(report.totals).toEqual({ answered: 0, closest: 0, declined: 1, helpful: 0, notHelpful: 0 });
  });

  it('keeps at most top entries in each list', () => {
    const report = summarizeUsage([declined('a'), declined('b'), declined('c'), answered(1, 2, 3)], 2);
    expect(report.declined).toHaveLength(2);
    expect(report.cited).toHaveLength(2);
  });

  it('counts questions per day by outcome, oldest day first, leaving out marks', () => {
    const on = (entry: UsageEntry, day: string): UsageEntry => ({ ...entry, time: `${day}T08:30:00.000Z` });
    const report = summarizeUsage([
      on(declined('a'), '2026-01-21'),
      on(answered(1), '2026-01-20'),
      on(answered(2), '2026-01-21'),
      on(declined('b'), '2026-01-21'),
      on(mark(1, true), '2026-01-22'),
      { kind: 'closest', time: '2026-01-20T23:59:59.999Z', platform: 'web', question: 'c', cited: [] },
    ]);
    expect(report.daily).toEqual([
      { day: '2026-01-20', answered: 1, closest: 1, declined: 0 },
      { day: '2026-01-21', answered: 1, closest: 0, declined: 2 },
    ]);
  });

  it('counts readers’ marks per article, most marked first', () => {
    const markOn = (documentId: string, helpful: boolean): UsageEntry => ({
      kind: 'feedback',
      time,
      platform: 'web',
      helpful,
      cited: { documentId, paragraph: 3 },
    });
    const report = summarizeUsage([markOn('a', true), markOn('b', false), markOn('b', true), markOn('b', false), answered(4)]);
    expect(report.marksByArticle).toEqual([
      { documentId: 'b', helpful: 1, notHelpful: 2 },
      { documentId: 'a', helpful: 1, notHelpful: 0 },
    ]);
  });

  it('skips entries without a time', () => {
    expect(summarizeUsage([{ kind: 'declined', platform: 'cli', question: 'q' }]).totals.declined).toBe(0);
  });
});
