import { fc, test } from '../../support/property.js';
import { describe, expect, it } from 'vitest';
import { fold, matchArticles, type ArticleRef } from '../../../adapters/discord/article-choices.js';

const fixture: ArticleRef[] = [
  { id: 'garcia-election', title: 'García Wins Mayoral Race in San Lucas' },
  { id: 'lighthouse-keeper', title: 'Last Keeper of the Harbor Light Retires' },
  { id: 'mill-bridge', title: 'Old Mill Bridge Reopens After Two-Year Repair' },
  { id: 'pentagon-drones', title: 'Pentagon Asks for More Drone Funding' },
  { id: 'town-bakery', title: 'Town Bakery' },
];

const text = (maxLength: number) =>
  fc.string({ unit: fc.constantFrom('a', 'á', 'B', 'é', 'E\u0301', ' ', '\n', '-', '😀', 'z', 'İ'), maxLength, size: 'max' });
const articlesArb = fc.uniqueArray(fc.record({ id: fc.string({ minLength: 1, maxLength: 130 }), title: text(200) }), {
  selector: (a) => a.id,
  maxLength: 60,
});

describe('matchArticles', () => {
  it('matches titles ignoring case and accents, and ids, titles that start with it first', () => {
    expect(matchArticles(fixture, 'garcia')).toEqual([{ name: 'García Wins Mayoral Race in San Lucas', value: 'garcia-election' }]);
    expect(matchArticles(fixture, 'GARCÍA').map((c) => c.value)).toEqual(['garcia-election']);
    expect(matchArticles(fixture, 'mill-b').map((c) => c.value)).toEqual(['mill-bridge']);
    expect(matchArticles(fixture, 'dr').map((c) => c.value)).toEqual(['pentagon-drones']);
    expect(matchArticles(fixture, 'r').map((c) => c.value)).toEqual([
      'garcia-election',
      'lighthouse-keeper',
      'mill-bridge',
      'pentagon-drones',
      'town-bakery',
    ]);
    expect(matchArticles(fixture, 'guacamole')).toEqual([]);
  });

  it('offers every article, by title, when nothing is typed', () => {
    expect(matchArticles(fixture, '  ').map((c) => c.name)).toEqual([
      'García Wins Mayoral Race in San Lucas',
      'Last Keeper of the Harbor Light Retires',
      'Old Mill Bridge Reopens After Two-Year Repair',
      'Pentagon Asks for More Drone Funding',
      'Town Bakery',
    ]);
  });

  it('cuts long titles to 100 characters and tells two articles with one title apart', () => {
    const long = 'A very long headline about the harbor '.repeat(5);
    const [choice] = matchArticles([{ id: 'long', title: long }], '');
    expect(choice?.name).toHaveLength(100);
    expect(choice?.name.endsWith('…')).toBe(true);
    expect(
      matchArticles(
        [
          { id: 'a-1', title: 'Same' },
          { id: 'a-2', title: 'Same' },
        ],
        'same',
      ).map((c) => c.name),
    ).toEqual(['Same (a-1)', 'Same (a-2)']);
  });

  test.prop([articlesArb, text(30)])(
    'offers valid choices: at most 25, names 1 to 100 characters, values ids of articles, each once',
    (articles, typed) => {
      const choices = matchArticles(articles, typed);
      expect(choices.length).toBeLessThanOrEqual(25);
      expect(new Set(choices.map((c) => c.value)).size).toBe(choices.length);
      const ids = new Set(articles.map((a) => a.id));
      for (const choice of choices) {
        expect(choice.name.length).toBeGreaterThanOrEqual(1);
        expect(choice.name.length).toBeLessThanOrEqual(100);
        expect(choice.name).not.toMatch(/[\uD800-\uDBFF]$/);
        expect(ids.has(choice.value)).toBe(true);
        expect(choice.value.length).toBeLessThanOrEqual(100);
      }
    },
  );

  test.prop([articlesArb, text(30)])('offers exactly the articles a plain substring search finds, up to 25', (articles, typed) => {
    const wanted = fold(typed).trim();
    const expected = articles.filter((a) => a.id.length <= 100 && (fold(a.title).includes(wanted) || fold(a.id).includes(wanted)));
    const choices = matchArticles(articles, typed);
    expect(choices.length).toBe(Math.min(25, expected.length));
    const expectedIds = new Set(expected.map((a) => a.id));
    for (const choice of choices) expect(expectedIds.has(choice.value)).toBe(true);
  });
});
