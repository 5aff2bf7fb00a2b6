import { fc, test } from '../support/property.js';
import { describe, expect, it } from 'vitest';
import { evalSetSchema, foldForScoring, rankOfAnswer } from '../../scripts/eval-score.js';

describe('foldForScoring', () => {
  it('folds case, curly quotes, dashes and runs of white space', () => {
    expect(foldForScoring('  “Mexico’s  Security\tChief” — Harfuch\n')).toBe('"mexico\'s security chief" - harfuch');
  });

  it.each(['‘', '’', '‛', '′'])('turns the single quote %s into an apostrophe', (quote) => {
    expect(foldForScoring(`a${quote}b`)).toBe("a'b");
  });

  it.each(['‐', '‑', '‒', '–', '—', '―', '−'])('turns the dash %s into a hyphen', (dash) => {
    expect(foldForScoring(`a${dash}b`)).toBe('a-b');
  });

  test.prop([fc.string({ maxLength: 100 })])('is idempotent when the text is arbitrary', (text) => {
    expect(foldForScoring(foldForScoring(text))).toBe(foldForScoring(text));
  });
});

describe('rankOfAnswer', () => {
  const excerpts = ['Fentanyl is deadly.', 'Mexico’s security chief, Omar García Harfuch, said.', 'Omar García Harfuch again.'];

  it('returns the 1-based rank of the first excerpt holding an answer', () => {
    expect(rankOfAnswer(excerpts, ['Omar García Harfuch'])).toBe(2);
    expect(rankOfAnswer(excerpts, ['fentanyl'])).toBe(1);
  });

  it('matches across curly quotes and case when the answer is typed plainly', () => {
    expect(rankOfAnswer(excerpts, ["mexico's SECURITY chief"])).toBe(2);
  });

  it('takes any of the answers when several are accepted', () => {
    expect(rankOfAnswer(excerpts, ['not there', 'again'])).toBe(3);
  });

  it('returns undefined when no excerpt holds an answer', () => {
    expect(rankOfAnswer(excerpts, ['guacamole'])).toBeUndefined();
    expect(rankOfAnswer([], ['anything'])).toBeUndefined();
  });
});

describe('evalSetSchema', () => {
  it('defaults outOfScope to an empty list and requires at least one answer', () => {
    expect(evalSetSchema.parse({ questions: [{ id: 'q1', question: 'Who?', answers: ['Harfuch'] }] }).outOfScope).toEqual([]);
    expect(evalSetSchema.safeParse({ questions: [{ id: 'q1', question: 'Who?', answers: [] }] }).success).toBe(false);
  });
});
