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
});
