import { fc, test } from '../support/property.js';
import { describe, expect, it } from 'vitest';
import { matchSuggestions } from '../../src/answer/suggest.js';
import { Storybot } from '../../src/index.js';
import { foldText } from '../../src/text/analyze.js';
import { fixtureDir, storyDir } from '../support/builders.js';

const bot = await Storybot.load(storyDir);
const fixtures = await Storybot.load(fixtureDir);

describe('suggestions for declined questions', () => {
  it.each(['who won the 2022 world cup', "What's a good recipe for guacamole?", ''])(
    'offers up to 3 questions the story answers when asked %j',
    (question) => {
      const answer = bot.ask(question);
      expect(answer.outcome).toBe('declined');
      if (answer.outcome !== 'declined') return;
      expect(answer.suggestions.length).toBeGreaterThan(0);
      expect(answer.suggestions.length).toBeLessThanOrEqual(3);
      expect(new Set(answer.suggestions).size).toBe(answer.suggestions.length);
      for (const suggestion of answer.suggestions) {
        expect(suggestion).toMatch(/^What does the story say about .+\?$/);
        expect(bot.ask(suggestion).answered).toBe(true);
      }
    },
  );

  it('puts a suggestion about a name the question mentions first when the question is declined', () => {
    const answer = bot.ask('Harfuch recipe for guacamole and the 2022 world cup');
    expect(answer.outcome === 'declined' && answer.suggestions[0]).toMatch(/^What does the story say about .*Harfuch\?$/);
  });
});

describe('Storybot.suggest', () => {
  it('returns suggestions mentioning Harfuch when the user has typed harf', () => {
    const suggestions = bot.suggest('harf');
    expect(suggestions.length).toBeGreaterThan(0);
    for (const suggestion of suggestions) expect(suggestion).toContain('Harfuch');
  });

  it('matches accent-free typing against accented names when the user types garcia', () => {
    const suggestions = fixtures.suggest('garcia');
    expect(suggestions.length).toBeGreaterThan(0);
    for (const suggestion of suggestions) expect(suggestion).toContain('García');
  });

  it('returns at most the limit when there are more suggestions', () => {
    expect(bot.suggest('', 2)).toHaveLength(2);
    expect(bot.suggest('harf', 1).length).toBeLessThanOrEqual(1);
    expect(bot.suggest('').length).toBeLessThanOrEqual(25);
  });

  it('returns nothing when nothing matches what was typed', () => {
    expect(bot.suggest('guacamole')).toEqual([]);
  });

  it('only offers questions the corpus answers, over either corpus', () => {
    for (const on of [bot, fixtures]) for (const suggestion of on.suggest('')) expect(on.ask(suggestion).answered).toBe(true);
  });

  it('treats regex metacharacters as text when the user types them', () => {
    expect(() => bot.suggest('(harf[*')).not.toThrow();
    expect(bot.suggest('(harf[*').every((s) => s.includes('Harfuch'))).toBe(true);
  });
});

describe('matchSuggestions', () => {
  /** The rule read plainly: one point per typed word that begins a word of the suggestion. */
  const plainReading = (suggestions: readonly string[], typed: string, limit: number) => {
    const wordsOf = (text: string) => foldText(text).split(/[^\p{L}\p{N}]+/u);
    const typedWords = wordsOf(typed).filter((word) => word.length > 1);
    if (typedWords.length === 0) return suggestions.slice(0, limit);
    return suggestions
      .map((suggestion) => ({ suggestion, score: typedWords.filter((t) => wordsOf(suggestion).some((word) => word.startsWith(t))).length }))
      .filter((entry) => entry.score > 0)
      .sort((a, b) => b.score - a.score)
      .slice(0, limit)
      .map((entry) => entry.suggestion);
  };
  const wordOf = fc.string({ unit: fc.constantFrom(...Array.from('abcé É')), maxLength: 6 });
  const textOf = fc.array(wordOf, { maxLength: 6 }).map((words) => words.join(' '));

  test.prop([fc.array(textOf, { maxLength: 12 }), textOf, fc.integer({ min: 0, max: 5 })], { seed: 5, numRuns: 500 })(
    'picks what a plain reading of the rule picks, in the same order',
    (suggestions, typed, limit) => {
      expect(matchSuggestions(suggestions, typed, limit)).toEqual(plainReading(suggestions, typed, limit));
    },
  );
});
