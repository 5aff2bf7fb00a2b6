import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { answerQuestion, PassageIndex } from '../../src/index.js';
import { analyze } from '../../src/text/analyze.js';
import { relatedTerms } from '../../src/text/related.js';
import { makeArticle } from '../support/builders.js';

const term = (word: string) => analyze(word)[0]?.term ?? '';

describe('relatedTerms', () => {
  it('gives the words WordNet derives from a word, both ways, analyzed as text is', () => {
    expect(relatedTerms(term('married'))).toContain(term('marriage'));
    expect(relatedTerms(term('marriage'))).toContain(term('married'));
    expect(relatedTerms(term('seller'))).toContain(term('sell'));
  });

  it('gives every line of related.txt for its term, and nothing for a word between two of them', () => {
    const lines = readFileSync(new URL('../../src/text/related.txt', import.meta.url), 'utf8')
      .trimEnd()
      .split('\n');
    const words = new Set(lines.map((line) => line.split(' ')[0]));
    for (const line of lines) {
      const [word = '', ...others] = line.split(' ');
      expect(relatedTerms(word)).toEqual(others);
      if (!words.has(`${word}q`)) expect(relatedTerms(`${word}q`)).toEqual([]);
    }
    expect(relatedTerms('')).toEqual([]);
    expect(relatedTerms('zzzzzz')).toEqual([]);
    expect(relatedTerms('a')).toEqual([]);
  });

  it('gives nothing for a word WordNet does not know, or a prototype key', () => {
    expect(relatedTerms('quokkaish')).toEqual([]);
    expect(relatedTerms('__proto__')).toEqual([]);
    expect(relatedTerms('hasOwnProperty')).toEqual([]);
  });
});

describe('related words in answers', () => {
  it('finds a passage that uses another form of the question word, and highlights it', () => {
    const index = new PassageIndex([
      makeArticle({
        paragraphs: ['Their marriage took place in Lisbon in 1990, in a small chapel.', 'The couple later moved to Porto.'],
      }),
    ]);
    const answer = answerQuestion(index, 'Where did they get married?');
    const first = answer.results[0];
    expect(first?.citation.paragraph).toBe(1);
    const highlighted = first?.highlights.map(([start, end]) => first.text.slice(start, end));
    expect(highlighted).toContain('marriage');
  });
});
