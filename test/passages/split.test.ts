import { fc, test } from '../support/property.js';
import { describe, expect, it } from 'vitest';
import { splitIntoPassages } from '../../src/passages/split.js';
import { makeArticle } from '../support/builders.js';

const noSpace = (text: string) => text.replace(/\s/g, '');

/** Paragraph text: sentence-like pieces and arbitrary strings, so long paragraphs and long words both occur. */
const paragraphText = fc
  .array(
    fc.oneof(
      fc.constantFrom('Mr. Trump spoke.', 'The U.S. pressed Mexico.', 'Why?', 'x'.repeat(120), '  ', 'a b c d e f g.'),
      fc.string({ maxLength: 60 }),
    ),
    { maxLength: 40 },
  )
  .map((pieces) => pieces.join(' '))
  .filter((text) => text.trim() !== '');

describe('splitIntoPassages', () => {
  it('makes one passage per paragraph when every paragraph fits', () => {
    const article = makeArticle({ id: 'doc', paragraphs: ['One. Two.', 'Three.'] });
    expect(splitIntoPassages(article)).toEqual([
      {
        documentId: 'doc',
        paragraph: 1,
        text: 'One. Two.',
        offset: 0,
        sentences: [
          { start: 0, end: 4 },
          { start: 5, end: 9 },
        ],
      },
      { documentId: 'doc', paragraph: 2, text: 'Three.', offset: 0, sentences: [{ start: 0, end: 6 }] },
    ]);
  });

  it('makes windows of whole sentences when a paragraph is longer than the budget', () => {
    const article = makeArticle({ paragraphs: ['First sentence here. Second sentence here. Third one.'] });
    expect(splitIntoPassages(article, { maxChars: 42 }).map((p) => [p.text, p.offset])).toEqual([
      ['First sentence here. Second sentence here.', 0],
      ['Third one.', 43],
    ]);
  });

  it('cuts at white space when one sentence is longer than the budget', () => {
    const passages = splitIntoPassages(makeArticle({ paragraphs: ['aaaa bbbb cccc dddd'] }), { maxChars: 10 });
    expect(passages.map((p) => p.text)).toEqual(['aaaa bbbb', 'cccc dddd']);
  });

  test.prop([fc.array(paragraphText, { minLength: 1, maxLength: 4 }), fc.integer({ min: 20, max: 800 })], { seed: 20260124, numRuns: 200 })(
    'fits the budget, keeps paragraph numbers and offsets, and loses no text when paragraphs are arbitrary',
    (texts, maxChars) => {
      const article = makeArticle({ id: 'prop', paragraphs: texts });
      const passages = splitIntoPassages(article, { maxChars });
      for (const passage of passages) {
        const paragraph = article.paragraphs.find((p) => p.number === passage.paragraph);
        expect(passage.documentId).toBe('prop');
        expect(passage.text.length).toBeLessThanOrEqual(maxChars);
        expect(passage.text.trim()).not.toBe('');
        expect(paragraph?.text.slice(passage.offset, passage.offset + passage.text.length)).toBe(passage.text);
      }
      for (const paragraph of article.paragraphs) {
        const own = passages.filter((p) => p.paragraph === paragraph.number);
        expect(own.map((p) => p.offset)).toEqual(own.map((p) => p.offset).sort((a, b) => a - b));
        expect(noSpace(own.map((p) => p.text).join(''))).toBe(noSpace(paragraph.text));
      }
    },
  );

  test.prop([paragraphText, fc.integer({ min: 20, max: 400 })])('gives sentence spans inside each passage when split', (text, maxChars) => {
    for (const passage of splitIntoPassages(makeArticle({ paragraphs: [text] }), { maxChars })) {
      for (const { start, end } of passage.sentences) {
        expect(start).toBeGreaterThanOrEqual(0);
        expect(end).toBeLessThanOrEqual(passage.text.length);
        expect(end).toBeGreaterThan(start);
      }
    }
  });
});
