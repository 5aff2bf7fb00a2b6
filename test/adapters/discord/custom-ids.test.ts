import { fc, test } from '../../support/property.js';
import { describe, expect, it } from 'vitest';
import { decodeCustomId, encodeCustomId, maxCustomIdChars, type ButtonAction } from '../../../adapters/discord/custom-ids.js';

const question = fc
  .string({ unit: fc.constantFrom('a', 'é', ' ', ':', '?', '😀', 'x', '\n', 'Q', '1'), minLength: 1, maxLength: 600, size: 'max' })
  .filter((q) => q.trim() !== '');
// Document ids are file names; colons and digits stress the length-prefixed scope.
const documentId = fc.string({ unit: fc.constantFrom('a', 'z', '-', ':', '1', '.', 'é', '😀'), minLength: 1, maxLength: 120, size: 'max' });
const scope = fc.option(documentId, { nil: undefined }).map((article) => (article === undefined ? {} : { article }));
const reference = fc.tuple(documentId, fc.integer({ min: 0, max: 999_999 }));
const actionArb: fc.Arbitrary<ButtonAction> = fc.oneof(
  fc.tuple(question, scope).map(([q, s]) => ({ kind: 'more' as const, question: q, ...s })),
  fc.tuple(question, fc.boolean(), scope).map(([q, isPrivate, s]) => ({ kind: 'suggestion' as const, question: q, isPrivate, ...s })),
  reference.map(([id, paragraph]) => ({ kind: 'paragraph' as const, documentId: id, paragraph })),
  fc
    .tuple(reference, fc.boolean())
    .map(([[id, paragraph], helpful]) => ({ kind: 'feedback' as const, helpful, documentId: id, paragraph })),
);

const isReference = (action: ButtonAction) => action.kind === 'paragraph' || action.kind === 'feedback';

describe('custom ids', () => {
  test.prop([actionArb])('fit in 100 characters and decode to the same kind of action', (action) => {
    const id = encodeCustomId(action);
    if (id === undefined) {
      expect(isReference(action)).toBe(true);
      return;
    }
    expect(id.length).toBeLessThanOrEqual(maxCustomIdChars);
    expect(id).not.toMatch(/[\uD800-\uDBFF]$/);
    expect(decodeCustomId(id)?.kind).toBe(action.kind);
  });

  test.prop([actionArb])('round-trip exactly when the question or reference fits', (action) => {
    const id = encodeCustomId(action);
    if (isReference(action)) {
      if (id !== undefined) expect(decodeCustomId(id)).toEqual(action);
      return;
    }
    const head = action.article === undefined ? 5 : `sb:ma:${action.article.length}:${action.article}:`.length;
    if (head + action.question.trim().length <= maxCustomIdChars)
      expect(decodeCustomId(id ?? '')).toEqual({ ...action, question: action.question.trim() });
  });

  test.prop([actionArb])('never ask of another article: the scope is kept whole or dropped', (action) => {
    const decoded = decodeCustomId(encodeCustomId(action) ?? '');
    if (decoded === undefined || isReference(decoded) || isReference(action)) return;
    expect([undefined, action.article]).toContain(decoded.article);
    expect(action.question.trim().startsWith(decoded.question)).toBe(true);
  });

  test.prop([fc.string({ maxLength: 120 })])('never throw on ids from elsewhere', (id) => {
    expect(() => decodeCustomId(id)).not.toThrow();
  });

  it('cuts a long question at a word so the button still asks nearly the same thing', () => {
    const long = `${'What did the officials say about the fentanyl labs '.repeat(3)}in Mexico?`;
    const decoded = decodeCustomId(encodeCustomId({ kind: 'more', question: long }) ?? '');
    expect(decoded).toEqual({
      kind: 'more',
      question: 'What did the officials say about the fentanyl labs What did the officials say about the',
    });
  });

  it('reads a paragraph reference whose document id contains colons', () => {
    expect(decodeCustomId('sb:p:23:news:mexico')).toEqual({ kind: 'paragraph', paragraph: 23, documentId: 'news:mexico' });
    expect(decodeCustomId('sb:p:x:mexico')).toBeUndefined();
    expect(decodeCustomId('sb:m:   ')).toBeUndefined();
  });

  it('carries an article scope on More sources and suggestions', () => {
    expect(encodeCustomId({ kind: 'more', question: 'Who?', article: 'mexico' })).toBe('sb:ma:6:mexico:Who?');
    expect(encodeCustomId({ kind: 'suggestion', question: 'Who?', isPrivate: true, article: 'a:b' })).toBe('sb:Sa:3:a:b:Who?');
    expect(decodeCustomId('sb:Sa:3:a:b:Who?')).toEqual({ kind: 'suggestion', question: 'Who?', isPrivate: true, article: 'a:b' });
    expect(decodeCustomId('sb:sa:6:mexico:Who?')).toEqual({ kind: 'suggestion', question: 'Who?', isPrivate: false, article: 'mexico' });
  });

  it('drops a scope that would leave the question too little room, and says nothing', () => {
    const article = 'a'.repeat(80);
    expect(decodeCustomId(encodeCustomId({ kind: 'more', question: 'What did the harbor office count in April?', article }) ?? '')).toEqual(
      {
        kind: 'more',
        question: 'What did the harbor office count in April?',
      },
    );
    expect(decodeCustomId(encodeCustomId({ kind: 'more', question: 'Who?', article }) ?? '')).toEqual({
      kind: 'more',
      question: 'Who?',
      article,
    });
  });

  it('rejects a scoped id whose length does not match its article', () => {
    expect(decodeCustomId('sb:ma:9:mexico:Who?')).toBeUndefined();
    expect(decodeCustomId('sb:ma:6:mexico:')).toBeUndefined();
    expect(decodeCustomId('sb:ma:0::Who?')).toBeUndefined();
  });

  it("encodes readers' marks with the cited paragraph", () => {
    expect(encodeCustomId({ kind: 'feedback', helpful: true, documentId: 'mexico', paragraph: 23 })).toBe('sb:f+:23:mexico');
    expect(decodeCustomId('sb:f-:0:mexico')).toEqual({ kind: 'feedback', helpful: false, documentId: 'mexico', paragraph: 0 });
    expect(encodeCustomId({ kind: 'feedback', helpful: true, documentId: 'x'.repeat(95), paragraph: 1 })).toBeUndefined();
  });
});
