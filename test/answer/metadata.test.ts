import { describe, expect, it } from 'vitest';
import { Storybot } from '../../src/index.js';
import { fixtureDir, storyDir, storyId } from '../support/builders.js';

const bot = await Storybot.load(storyDir);
const fixtures = await Storybot.load(fixtureDir);

const storyCitation = {
  documentId: storyId,
  title: 'The U.S. Is Pressing Mexico to Allow U.S. Forces to Fight Cartels',
  paragraph: 0,
  source: 'The New York Times',
};

describe('metadata answers', () => {
  it.each([
    ['who wrote this article?', 'author: Maria Abi-Habib'],
    ['Who wrote this?', 'author: Maria Abi-Habib'],
    ['which paper published this?', 'source: The New York Times'],
    ['Which newspaper published the story?', 'source: The New York Times'],
    ['when was it published?', 'published: 2026-01'],
    ['When was the article published?', 'published: 2026-01'],
  ])('answers %j from the front matter, cited to paragraph 0', (question, text) => {
    const answer = bot.ask(question);
    expect(answer.answered).toBe(true);
    expect(answer.results).toHaveLength(1);
    const [result] = answer.results;
    expect(result?.text).toBe(text);
    expect(result?.citation).toEqual(storyCitation);
    expect(result?.highlights).toEqual([[text.indexOf(': ') + 2, text.length]]);
  });

  it('answers from the article the question is about when the corpus has several', () => {
    expect(fixtures.ask('Who wrote the article about the lighthouse?').results).toEqual([
      {
        text: 'author: Ines Duarte',
        highlights: [[8, 19]],
        score: 1,
        citation: {
          documentId: 'lighthouse-keeper',
          title: 'Last Keeper of the Harbor Light Retires',
          paragraph: 0,
          source: 'The Coastal Herald',
          url: 'https://example.com/harbor-light',
        },
      },
    ]);
    expect(fixtures.ask('Which paper published the bridge story?').results[0]?.text).toBe('source: Valley Gazette');
    expect(fixtures.ask('When was the story about the election published?').results[0]?.text).toBe('published: 2026');
  });

  it('does not invent a field when the article does not record it', () => {
    const answer = fixtures.ask('Who wrote the article about the bridge?');
    expect(answer.results.map((r) => r.text)).not.toContainEqual(expect.stringMatching(/^author:/));
  });
});
