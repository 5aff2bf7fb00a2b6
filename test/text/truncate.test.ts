import { fc, test } from '../support/property.js';
import { describe, expect, it } from 'vitest';
import { truncateAtSentence } from '../../src/index.js';

describe('truncateAtSentence', () => {
  it('returns the text unchanged when it fits', () => {
    expect(truncateAtSentence('One. Two three.', 15)).toBe('One. Two three.');
  });

  it('cuts after the last whole sentence and adds an ellipsis when the text is too long', () => {
    expect(truncateAtSentence('One. Two three.', 8)).toBe('One. …');
    expect(truncateAtSentence('Mr. Trump spoke. Mexico refused. Talks go on.', 36)).toBe('Mr. Trump spoke. Mexico refused. …');
  });

  it('cuts at a word when the first sentence alone is too long', () => {
    expect(truncateAtSentence('The quick brown fox jumps over the lazy dog.', 20)).toBe('The quick brown fox…');
  });

  it('returns at most the ellipsis when the limit is tiny', () => {
    expect(truncateAtSentence('Hello there.', 1)).toBe('…');
    expect(truncateAtSentence('Hello there.', 0)).toBe('');
  });

  test.prop([fc.string({ unit: 'grapheme', maxLength: 300 }), fc.integer({ min: 0, max: 320 })])(
    'never exceeds the limit and ends with an ellipsis exactly when it cuts',
    (text, limit) => {
      const out = truncateAtSentence(text, limit);
      expect(out.length).toBeLessThanOrEqual(limit);
      if (text.length <= limit) expect(out).toBe(text);
      else if (limit > 0) expect(out.endsWith('…')).toBe(true);
    },
  );

  test.prop([
    fc.array(
      fc.constantFrom('Mr. Smith left.', 'He came back!', 'Why?', 'Jan. 3 came.', 'A long sentence about the U.S. border and cartels.'),
      { minLength: 1, maxLength: 12 },
    ),
    fc.integer({ min: 2, max: 400 }),
  ])('keeps a prefix of the original text when it cuts sentences', (parts, limit) => {
    const text = parts.join(' ');
    const out = truncateAtSentence(text, limit);
    const kept = out.endsWith('…') ? out.slice(0, -1).trimEnd() : out;
    expect(text.startsWith(kept)).toBe(true);
  });

  it('does not leave half a surrogate pair when it cuts inside an emoji', () => {
    const out = truncateAtSentence('😀'.repeat(20), 10);
    expect(out.length).toBeLessThanOrEqual(10);
    expect(out).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });
});
