import { fc, test } from '../../support/property.js';
import { describe, expect, it } from 'vitest';
import type { CorpusStatus, ReportedProblem } from '../../../src/index.js';
import { dateToken, fitLines, renderReloadAlert, renderReloadReply, renderStatus } from '../../../adapters/slack/render-corpus.js';
import { mrkdwnObjectsOf, textsOf } from '../../fakes/slack/blocks.js';

const loadedAt = new Date('2026-01-15T08:30:00Z');
const since = new Date('2026-01-14T22:05:00Z');
const clean: CorpusStatus = {
  dir: 'corpus',
  documents: 2,
  paragraphs: 40,
  passages: 90,
  loadedAt,
  rejected: [],
  rejectedAt: undefined,
  keptLastGood: [],
};
const problem: ReportedProblem = { file: 'corpus/a.md', line: 3, problem: 'front matter: title: is required', since };
const broken: CorpusStatus = {
  ...clean,
  rejected: [problem, { file: 'corpus/b.md', problem: 'is empty', since: loadedAt }],
  rejectedAt: loadedAt,
  keptLastGood: ['a.md'],
};
const token = (date: Date) =>
  `<!date^${date.getTime() / 1000}^{date_short_pretty} {time}|${date.toISOString().slice(0, 16).replace('T', ' ')} UTC>`;

describe('renderStatus', () => {
  it('says what is served, with a Slack date token and a UTC fallback', () => {
    const message = renderStatus(clean);
    expect(textsOf(message.blocks)).toEqual([`Serving 2 articles (40 paragraphs, 90 passages) from corpus, loaded ${token(loadedAt)}.`]);
    expect(message.text).toBe('Serving 2 articles (40 paragraphs, 90 passages) from corpus, loaded 2026-01-15 08:30 UTC.');
  });

  it('lists each problem with file, line, what is wrong and since when, and the files kept at their last good version', () => {
    expect(textsOf(renderStatus(broken).blocks)[0]?.split('\n')).toEqual([
      `Serving 2 articles (40 paragraphs, 90 passages) from corpus, loaded ${token(loadedAt)}.`,
      `The last reload (${token(loadedAt)}) found problems:`,
      `• corpus/a.md:3: front matter: title: is required (since ${token(since)})`,
      `• corpus/b.md: is empty (since ${token(loadedAt)})`,
      'Still serving the last good version of: a.md.',
    ]);
    expect(renderStatus(broken).text).toContain('• corpus/a.md:3: front matter: title: is required (since 2026-01-14 22:05 UTC)');
  });

  it('cuts a long list at a whole line, never inside a date token, and ends it with an ellipsis', () => {
    const rejected = Array.from({ length: 10 }, (_, i): ReportedProblem => ({
      file: `corpus/${i}.md`,
      line: i + 1,
      problem: 'Bad. '.repeat(200),
      since,
    }));
    const text = textsOf(renderStatus({ ...broken, rejected }).blocks)[0] ?? '';
    expect(text.length).toBeLessThanOrEqual(3000);
    expect(text.endsWith('\n…')).toBe(true);
    const lines = text.split('\n');
    expect(lines.filter((line) => line.startsWith('• ')).every((line) => line.endsWith(`(since ${token(since)})`))).toBe(true);
    expect(lines.length).toBeGreaterThan(3);
  });
});

describe('renderReloadAlert', () => {
  it('says nothing after an ordinary successful reload', () => {
    expect(renderReloadAlert({ ok: true, swapped: true, status: clean }, false)).toBeUndefined();
  });

  it('says the corpus recovered after a reload that had problems', () => {
    expect(renderReloadAlert({ ok: true, swapped: true, status: clean }, true)?.text).toBe(
      "Corpus recovered: 2 documents (40 paragraphs) now served from corpus. The last reload's problems are gone.",
    );
  });

  it('lists the problems, with since when, and the files kept', () => {
    const text = renderReloadAlert({ ok: false, swapped: true, problems: broken.rejected, status: broken }, false)?.text ?? '';
    expect(text.split('\n')).toEqual([
      'Corpus reload found 2 problems:',
      '• corpus/a.md:3: front matter: title: is required (since 2026-01-14 22:05 UTC)',
      '• corpus/b.md: is empty (since 2026-01-15 08:30 UTC)',
      'Still serving the last good version of: a.md.',
      'Serving 2 articles (40 paragraphs, 90 passages) from corpus, loaded 2026-01-15 08:30 UTC.',
    ]);
  });
});

describe('renderReloadReply', () => {
  it('names the kept files after a rejected reload', () => {
    expect(renderReloadReply({ ok: false, swapped: true, problems: broken.rejected, status: broken }).text).toContain(
      'Still serving the last good version of: a.md.',
    );
  });
});

describe('dateToken', () => {
  it('says unknown for no date', () => {
    expect(dateToken(undefined)).toBe('unknown');
  });
});

describe('fitLines', () => {
  it('keeps whole lines and ends a cut with an ellipsis', () => {
    expect(fitLines(['aaaa', 'bbbb', 'cccc'], 14)).toBe('aaaa\nbbbb\ncccc');
    expect(fitLines(['aaaa', 'bbbb', 'cccc'], 13)).toBe('aaaa\nbbbb\n…');
    expect(fitLines(['aaaaaaa'], 3)).toBe('…');
  });
});

const arbitraryProblem = fc
  .record({
    file: fc.string({ maxLength: 300 }),
    line: fc.option(fc.integer({ min: 1, max: 100_000 }), { nil: undefined }),
    problem: fc.string({ maxLength: 2000 }),
    since: fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }),
  })
  .map(({ line, ...rest }): ReportedProblem => (line === undefined ? rest : { ...rest, line }));

describe('admin messages', () => {
  test.prop([
    fc.array(arbitraryProblem, { maxLength: 60 }),
    fc.array(fc.string({ maxLength: 200 }), { maxLength: 60 }),
    fc.string({ maxLength: 300 }),
  ])('stay inside Slack’s limits, cut with an ellipsis, and let no text form a mention or a link', (rejected, keptLastGood, dir) => {
    const status: CorpusStatus = { ...clean, dir, rejected, rejectedAt: rejected.length > 0 ? loadedAt : undefined, keptLastGood };
    const messages = [
      renderStatus(status),
      renderReloadReply({ ok: false, swapped: true, problems: rejected, status }),
      renderReloadAlert({ ok: false, swapped: true, problems: rejected, status }, true),
    ];
    for (const message of messages) {
      const [text = '', ...rest] = mrkdwnObjectsOf(message?.blocks ?? []).map((o) => (o.verbatim === true ? o.text : 'not verbatim'));
      expect(rest).toEqual([]);
      expect(text.length).toBeLessThanOrEqual(3000);
      expect(message?.text.length).toBeLessThanOrEqual(3000);
      expect(text.replace(/<!date\^\d+\^\{date_short_pretty\} \{time\}\|[0-9: -]+ UTC>/g, '')).not.toMatch(/[<>]/);
    }
  });
});
