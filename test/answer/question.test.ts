import { fc, test } from '../support/property.js';
import { describe, expect, it } from 'vitest';
import { maxQuestionChars, parseQuestion } from '../../src/answer/question.js';
import { isWellFormedText } from '../support/builders.js';

describe('parseQuestion', () => {
  it.each([
    ["Who's Mexico's security chief?", 'person'],
    ['When did U.S. forces capture Maduro?', 'time'],
    ['How many times has the U.S. invaded Mexico?', 'count'],
    ['What percentage of drugs came by water?', 'share'],
    ['Where are the fentanyl labs?', 'place'],
    ['Why did the Senate delay the vote?', 'reason'],
    ['What did the Pentagon say?', 'other'],
    ['How did Sheinbaum react when Trump called?', 'other'],
  ])('reads %j as a %s question', (question, type) => {
    expect(parseQuestion(question).type).toBe(type);
  });

  it.each([
    ['who wrote this article?', 'author'],
    ['which paper published this?', 'source'],
    ['when was it published?', 'published'],
    ["What's the headline of the story?", 'title'],
    ['Who is the security chief?', undefined],
  ])('reads %j as about the article field %s', (question, meta) => {
    expect(parseQuestion(question).meta).toBe(meta);
  });

  it('trims, collapses white space and removes invisible characters when the question has them', () => {
    expect(parseQuestion('  who\u200B is\u0000\u0007 \u202EHarfuch?\n\n ').text).toBe('who is Harfuch?');
  });

  it('keeps each content term once, in question order', () => {
    expect(parseQuestion('Fentanyl labs? fentanyl LABS, Mexico').terms.map((t) => t.term)).toEqual(['fentanyl', 'lab', 'mexico']);
  });

  it('cuts a long question at a word boundary when it is longer than the maximum', () => {
    const text = parseQuestion(`${'word '.repeat(200)}end`).text;
    expect(text.length).toBeLessThanOrEqual(maxQuestionChars);
    expect(text).toMatch(/^(word )+word$/);
  });

  test.prop([fc.string({ unit: 'grapheme', maxLength: 2000 })])(
    'never exceeds the maximum and never keeps control characters',
    (question) => {
      const { text } = parseQuestion(question);
      expect(text.length).toBeLessThanOrEqual(maxQuestionChars);
      expect(text).not.toMatch(/[\u0000-\u001F\u007F-\u009F]/);
      expect(text).toBe(text.trim());
    },
  );

  it.each([
    ['at the 500-character cut', `${'a'.repeat(maxQuestionChars - 1)}😀 tail`],
    ['at the 1,000-character cut', `${'b'.repeat(maxQuestionChars * 2 - 1)}😀`],
    ['when emoji fill the question', '😀'.repeat(maxQuestionChars)],
  ])('never splits an emoji %s', (_where, question) => {
    const { text } = parseQuestion(question);
    expect(isWellFormedText(text)).toBe(true);
    expect(text.length).toBeLessThanOrEqual(maxQuestionChars);
    expect(JSON.stringify(text)).not.toMatch(/\\ud[89ab]/i);
  });

  it('replaces a lone surrogate the question came with', () => {
    expect(parseQuestion('who \uD83D is \uDE00 Harfuch?').text).toBe('who \uFFFD is \uFFFD Harfuch?');
  });

  test.prop([fc.string({ unit: 'binary', maxLength: 1200 })])('is always well-formed text', (question) => {
    expect(isWellFormedText(parseQuestion(question).text)).toBe(true);
  });
});
