import { describe, expect, it } from 'vitest';
import { Storybot } from '../../src/index.js';
import { fixtureDir, storyDir } from '../support/builders.js';

const bot = await Storybot.load(storyDir);
const fixtures = await Storybot.load(fixtureDir);

describe('suggestions for declined questions', () => {
  it.each(['who won the 2022 world cup', "What's a good recipe for guacamole?", ''])('offers up to 3 questions the story answers when asked %j', (question) => {
    const answer = bot.ask(question);
    expect(answer.answered).toBe(false);
    if (answer.answered) return;
    expect(answer.suggestions.length).toBeGreaterThan(0);
    expect(answer.suggestions.length).toBeLessThanOrEqual(3);
    expect(new Set(answer.suggestions).size).toBe(answer.suggestions.length);
    for (const suggestion of answer.suggestions) {
      expect(suggestion).toMatch(/^What does the story say about .+\?$/);
      expect(bot.ask(suggestion).answered).toBe(true);
    }
  });

  it('puts a suggestion about a name the question mentions first when the question is declined', () => {
    const answer = bot.ask('Harfuch recipe for guacamole and the 2022 world cup');
    expect(answer.answered === false && answer.suggestions[0]).toMatch(/^What does the story say about .*Harfuch\?$/);
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
