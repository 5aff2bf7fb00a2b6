import { describe, expect, it } from 'vitest';
import { answerToJson, formatAnswer, formatCitation, highlightText } from '../../../adapters/terminal/format.js';
import type { Answer, Result } from '../../../src/index.js';

const result: Result = {
  text: 'Mexico’s security chief, Omar García Harfuch, said.',
  highlights: [
    [9, 17],
    [18, 23],
  ],
  score: 1.234,
  citation: { documentId: 'story', title: 'The Story', paragraph: 23, source: 'The Paper', url: 'https://example.com/s' },
};
const answered: Answer = {
  question: 'Who is the security chief?',
  outcome: 'answered',
  answered: true,
  confidence: 0.9,
  results: [result],
};
const declined: Answer = {
  question: 'guacamole?',
  outcome: 'declined',
  answered: false,
  confidence: 0,
  results: [],
  reason: 'no-match',
  suggestions: ['What does the story say about Harfuch?'],
};

describe('highlightText', () => {
  it('returns the plain text when color is off', () => {
    expect(highlightText(result, { color: false })).toBe(result.text);
  });

  it('wraps each highlight in bold yellow when color is on', () => {
    expect(highlightText(result, { color: true })).toBe(
      'Mexico’s \u001B[1m\u001B[33msecurity\u001B[0m \u001B[1m\u001B[33mchief\u001B[0m, Omar García Harfuch, said.',
    );
  });

  it('strips control characters from corpus text whether or not color is on', () => {
    const evil = { text: 'a\u001B[2Jb\u0007c', highlights: [] };
    expect(highlightText(evil, { color: false })).toBe('a[2Jbc');
    expect(highlightText(evil, { color: true })).toBe('a[2Jbc');
  });
});

describe('formatCitation', () => {
  it('names source, title, paragraph and url when the citation has them', () => {
    expect(formatCitation(result.citation)).toBe('The Paper, “The Story”, ¶23 <https://example.com/s>');
  });

  it('says article details when the paragraph is 0 and skips missing parts', () => {
    expect(formatCitation({ documentId: 'x', title: 'X', paragraph: 0 })).toBe('“X”, article details');
  });
});

describe('formatAnswer', () => {
  it('shows the excerpt then its citation when there is one result', () => {
    expect(formatAnswer(answered, { color: false })).toBe(`${result.text}\n   — The Paper, “The Story”, ¶23 <https://example.com/s>`);
  });

  it('numbers the results when there are several', () => {
    const two: Answer = { ...answered, results: [result, { ...result, citation: { ...result.citation, paragraph: 24 } }] };
    expect(formatAnswer(two, { color: false })).toMatch(/^1\. .+\n {3}— .+¶23 .+\n\n2\. .+\n {3}— .+¶24 /);
  });

  it('explains how to ask, with the first suggestion as the example, when the question was empty or small talk', () => {
    const noQuestion = (reason: 'empty' | 'help', suggestions: string[]): Answer => ({
      question: '',
      outcome: 'declined',
      answered: false,
      confidence: 0,
      results: [],
      reason,
      suggestions,
    });
    const ask = 'Ask anything about the story in your own words; answers quote it and say which paragraph.';
    expect(formatAnswer(noQuestion('empty', ['What does the story say about the Sable River?']), { color: false })).toBe(
      `${ask} For example:\n  What does the story say about the Sable River?`,
    );
    expect(formatAnswer(noQuestion('help', []), { color: false })).toBe(`${ask} Type :help for commands.`);
  });

  it('offers the suggestions when the question was declined', () => {
    expect(formatAnswer(declined, { color: false })).toBe(
      "The story doesn't say. It can't answer that one.\nYou could ask:\n  • What does the story say about Harfuch?",
    );
  });
});

describe('formatAnswer for the closest tier', () => {
  it('says first that the story may not answer, then shows the passages as usual', () => {
    const closest: Answer = { question: 'price?', outcome: 'closest', answered: false, confidence: 0.3, results: [result] };
    expect(formatAnswer(closest, { color: false })).toBe(
      "I'm not sure the story answers that. The closest it comes:\n" +
        'Mexico’s security chief, Omar García Harfuch, said.\n   — The Paper, “The Story”, ¶23 <https://example.com/s>',
    );
  });
});

describe('answerToJson', () => {
  it('gives the outcome and confidence, and the closest passages as results without suggestions', () => {
    const closest: Answer = { question: 'price?', outcome: 'closest', answered: false, confidence: 0.31, results: [result] };
    expect(answerToJson(closest)).toEqual({ question: 'price?', outcome: 'closest', answered: false, confidence: 0.31, results: [result] });
  });

  it('emits only the contract keys when the answer has more', () => {
    const withExtras = {
      question: 'q',
      outcome: 'answered' as const,
      answered: true as const,
      confidence: 0.9,
      results: [{ ...result, passageId: 7 }],
      internal: 1,
    };
    const extra: Answer = withExtras;
    expect(answerToJson(extra)).toEqual({ question: 'q', outcome: 'answered', answered: true, confidence: 0.9, results: [result] });
    expect(Object.keys(answerToJson(extra))).toEqual(['question', 'outcome', 'answered', 'confidence', 'results']);
  });

  it('adds the reason and the suggestions when the answer is declined', () => {
    expect(answerToJson(declined)).toEqual({
      question: 'guacamole?',
      outcome: 'declined',
      answered: false,
      confidence: 0,
      results: [],
      reason: 'no-match',
      suggestions: ['What does the story say about Harfuch?'],
    });
  });
});
