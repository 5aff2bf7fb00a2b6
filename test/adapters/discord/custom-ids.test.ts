import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { decodeCustomId, encodeCustomId, maxCustomIdChars, type ButtonAction } from '../../../adapters/discord/custom-ids.js';

const question = fc.string({ unit: fc.constantFrom('a', 'é', ' ', ':', '?', '😀', 'x', '\n', 'Q'), minLength: 1, maxLength: 600, size: 'max' }).filter((q) => q.trim() !== '');
const actionArb: fc.Arbitrary<ButtonAction> = fc.oneof(
  question.map((q) => ({ kind: 'more' as const, question: q })),
  fc.tuple(question, fc.boolean()).map(([q, isPrivate]) => ({ kind: 'suggestion' as const, question: q, isPrivate })),
  fc.tuple(fc.string({ minLength: 1, maxLength: 120 }), fc.integer({ min: 0, max: 999_999 })).map(([documentId, paragraph]) => ({ kind: 'paragraph' as const, documentId, paragraph })),
);

describe('custom ids', () => {
  test.prop([actionArb])('fit in 100 characters and decode to the same kind of action', (action) => {
    const id = encodeCustomId(action);
    if (id === undefined) {
      expect(action.kind).toBe('paragraph');
      return;
    }
    expect(id.length).toBeLessThanOrEqual(maxCustomIdChars);
    expect(id).not.toMatch(/[\uD800-\uDBFF]$/);
    expect(decodeCustomId(id)?.kind).toBe(action.kind);
  });

  test.prop([actionArb])('round-trip exactly when the question or reference fits', (action) => {
    const id = encodeCustomId(action);
    const fits = action.kind === 'paragraph' ? id !== undefined : action.question.trim().length <= 90;
    if (fits) expect(decodeCustomId(id ?? '')).toEqual(action.kind === 'paragraph' ? action : { ...action, question: action.question.trim() });
  });

  test.prop([fc.string({ maxLength: 120 })])('never throw on ids from elsewhere', (id) => {
    expect(() => decodeCustomId(id)).not.toThrow();
  });

  it('cuts a long question at a word so the button still asks nearly the same thing', () => {
    const long = `${'What did the officials say about the fentanyl labs '.repeat(3)}in Mexico?`;
    const decoded = decodeCustomId(encodeCustomId({ kind: 'more', question: long }) ?? '');
    expect(decoded).toEqual({ kind: 'more', question: 'What did the officials say about the fentanyl labs What did the officials say about the' });
  });

  it('reads a paragraph reference whose document id contains colons', () => {
    expect(decodeCustomId('sb:p:23:news:mexico')).toEqual({ kind: 'paragraph', paragraph: 23, documentId: 'news:mexico' });
    expect(decodeCustomId('sb:p:x:mexico')).toBeUndefined();
    expect(decodeCustomId('sb:m:   ')).toBeUndefined();
  });
});
