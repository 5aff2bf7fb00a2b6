import { describe, expect, it } from 'vitest';
import { suggestQuestions } from '../../src/answer/suggest.js';
import { topicsOf } from '../../src/answer/topics.js';
import { PassageIndex } from '../../src/index.js';
import { makeArticle } from '../support/builders.js';

const namesOf = (...paragraphs: string[]) => topicsOf(makeArticle({ paragraphs }), 100).map((topic) => topic.name);

describe('topicsOf', () => {
  it('offers the country, never the adjective: Mexico, not Mexican or American', () => {
    const names = namesOf('Mexican officials met American envoys in Mexico.', 'The Mexican Senate met in Mexico City. Mexico agreed.');
    expect(names).toContain('Mexico');
    expect(names).toContain('Mexico City');
    expect(names.filter((name) => /Mexican|American/.test(name))).toEqual([]);
  });

  it('says "the" where the article does, and not for a name that only qualifies the next word', () => {
    const names = namesOf(
      'The Defense Department asked for drones. Officials at the Defense Department agreed.',
      'Mr. Trump said so. The Trump administration agreed, Mr. Trump added.',
    );
    expect(names).toContain('the Defense Department');
    expect(names).toContain('Trump');
    expect(names).not.toContain('the Trump');
  });

  it('leaves out names only ever used to qualify another word, and words that are capitalised only to start a sentence', () => {
    const names = namesOf(
      'Special Operation forces trained them. Special Operation troops stayed.',
      'What happened? Nobody knows, said Sheinbaum.',
    );
    expect(names.filter((name) => /Special|What|Nobody/.test(name))).toEqual([]);
    expect(names).toContain('Sheinbaum');
  });
});

describe('suggestQuestions', () => {
  it('takes topics from every article in turn, not only from the one that names the most', () => {
    const busy = makeArticle({
      id: 'busy',
      paragraphs: Array.from({ length: 12 }, (_, i) => `Ana Ruiz met Boris Pol and Carla Diaz in Lima on day ${i}.`),
    });
    const quiet = makeArticle({
      id: 'quiet',
      paragraphs: ['The Sable River flooded the valley.', 'Farmers along the Sable River lost crops.'],
    });
    const index = new PassageIndex([busy, quiet]);
    const suggestions = suggestQuestions(index, () => true, 3);
    expect(suggestions).toHaveLength(3);
    expect(suggestions.slice(0, 2)).toContain('What does the story say about the Sable River?');
    for (const question of suggestions) expect(question).toMatch(/^What does the story say about (the )?[A-Z][^?]*\?$/);
  });
});
