import { fc, test } from '../support/property.js';
import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../src/text/sentences.js';

const sentences = (text: string) => splitSentences(text).map(({ start, end }) => text.slice(start, end));

describe('splitSentences', () => {
  it('splits at the end of each sentence when there are two', () => {
    expect(sentences('Mexico refused. The talks go on!')).toEqual(['Mexico refused.', 'The talks go on!']);
  });

  it.each([
    ['Mr. Trump spoke. Mexico said no.', ['Mr. Trump spoke.', 'Mexico said no.']],
    ['Ms. Sheinbaum and Dr. Lee met. Talks ended.', ['Ms. Sheinbaum and Dr. Lee met.', 'Talks ended.']],
    ['On Jan. 3 the raid began. It ended fast.', ['On Jan. 3 the raid began.', 'It ended fast.']],
    ['The U.S. Navy sailed. It came back.', ['The U.S. Navy sailed.', 'It came back.']],
    ['The C.I.A. Director spoke. Nobody listened.', ['The C.I.A. Director spoke.', 'Nobody listened.']],
    ['Agents of the D.E.A. Office met. Then they left.', ['Agents of the D.E.A. Office met.', 'Then they left.']],
    ['He met J. Smith. Then he left.', ['He met J. Smith.', 'Then he left.']],
  ])('does not break after an abbreviation when the text is %j', (text, expected) => {
    expect(sentences(text)).toEqual(expected);
  });

  it('keeps closing quotes with their sentence when a quote ends it', () => {
    expect(sentences('“We always say no,” she said. “It is not necessary.” He agreed.')).toEqual([
      '“We always say no,” she said.',
      '“It is not necessary.”',
      'He agreed.',
    ]);
  });

  it('does not break before a lower-case word when a period is followed by one', () => {
    expect(sentences('It cost $2.4 billion. e.g. this stays.')).toEqual(['It cost $2.4 billion. e.g. this stays.']);
  });

  it('gives no spans when the text is blank', () => {
    expect(splitSentences('  \n ')).toEqual([]);
  });

  test.prop([
    fc.array(fc.constantFrom('Mr.', 'U.S.', 'Jan.', '3', 'Word', 'word', 'end.', 'Yes!', '“Quote.”', ' ', '  ', '\n'), { maxLength: 30 }),
  ])('covers every non-blank character in order with trimmed spans when the text is made of sentence-like pieces', (pieces) => {
    const text = pieces.join(' ');
    const spans = splitSentences(text);
    let last = 0;
    for (const { start, end } of spans) {
      expect(start).toBeGreaterThanOrEqual(last);
      expect(text.slice(start, end)).toBe(text.slice(start, end).trim());
      expect(text.slice(last, start).trim()).toBe('');
      last = end;
    }
    expect(text.slice(last).trim()).toBe('');
  });
});
