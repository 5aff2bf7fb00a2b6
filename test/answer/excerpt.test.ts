import { fc, test } from '../support/property.js';
import { describe, expect, it } from 'vitest';
import { Storybot, type Result } from '../../src/index.js';
import { analyze } from '../../src/text/analyze.js';
import { relatedTerms } from '../../src/text/related.js';
import { splitSentences } from '../../src/text/sentences.js';
import { fixtureDir, storyDir } from '../support/builders.js';

const bot = await Storybot.load(storyDir);
const fixtures = await Storybot.load(fixtureDir);

const questions = [
  "Who's Mexico's security chief?",
  'fentanyl labs',
  'drone strikes against drug labs',
  'What did Sheinbaum say about U.S. forces?',
  'Who captured Maduro?',
  'Did the CIA fly drones over Mexico?',
  'What is responsible for the bulk of overdose deaths?',
  'How many times has the United States invaded Mexico?',
];

/** The excerpt starts at a sentence start and ends at a sentence end of the paragraph it cites. */
function expectWholeSentences(on: Storybot, result: Result): void {
  const paragraph = on.paragraph(result.citation.documentId, result.citation.paragraph)?.text ?? '';
  const at = paragraph.indexOf(result.text);
  expect(at).toBeGreaterThanOrEqual(0);
  const spans = splitSentences(paragraph);
  expect(spans.map((s) => s.start)).toContain(at);
  expect(spans.map((s) => s.end)).toContain(at + result.text.length);
  const inside = spans.filter((s) => s.start >= at && s.end <= at + result.text.length);
  if (result.text.length > 400) expect(inside).toHaveLength(1);
}

/** Highlights are in bounds, sorted, non-overlapping, and each one is a word the question asked about or a word related to one. */
function expectGoodHighlights(question: string, result: Result): void {
  const asked = new Set(analyze(question).flatMap((t) => [t.term, ...relatedTerms(t.term)]));
  let last = 0;
  for (const [start, end] of result.highlights) {
    expect(start).toBeGreaterThanOrEqual(last);
    expect(end).toBeGreaterThan(start);
    expect(end).toBeLessThanOrEqual(result.text.length);
    expect(analyze(result.text.slice(start, end)).some((t) => asked.has(t.term))).toBe(true);
    last = end;
  }
}

describe('excerpts', () => {
  it.each(questions)('quotes whole sentences of about 400 characters at most when asked %j', (question) => {
    for (const result of bot.ask(question).results) expectWholeSentences(bot, result);
  });

  it('keeps a whole sentence longer than the limit rather than cutting it when asked for less', () => {
    for (const result of bot.ask('fentanyl labs', { excerptChars: 40 }).results) {
      expectWholeSentences(bot, result);
      expect(splitSentences(result.text)).toHaveLength(1);
    }
  });

  it.each(questions)('highlights words of the question, in order, when asked %j', (question) => {
    for (const result of bot.ask(question).results) expectGoodHighlights(question, result);
  });

  it('highlights the asked words in the first result when the question is clear', () => {
    const first = bot.ask("Who's Mexico's security chief?").results[0];
    const words = first?.highlights.map(([start, end]) => first.text.slice(start, end));
    expect(words).toEqual(expect.arrayContaining(['security', 'chief']));
  });

  it('highlights a synonym the text uses when the question uses another member of its group', () => {
    const first = fixtures.ask('How much did the Pentagon ask Congress for?').results[0];
    expect(first?.highlights.map(([start, end]) => first.text.slice(start, end))).toContain('Defense Department');
  });

  test.prop([fc.array(fc.constantFrom(...questions.flatMap((q) => q.split(' '))), { minLength: 1, maxLength: 8 })], {
    seed: 7,
    numRuns: 150,
  })('gives whole-sentence excerpts with good highlights when the question mixes story words', (words) => {
    const question = words.join(' ');
    for (const result of bot.ask(question).results) {
      if (result.citation.paragraph === 0) continue;
      expectWholeSentences(bot, result);
      expectGoodHighlights(question, result);
    }
  });
});
