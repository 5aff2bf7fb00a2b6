import { fc, test } from '../support/property.js';
import { describe, expect, it } from 'vitest';
import { Storybot } from '../../src/index.js';
import { analyze, foldText } from '../../src/text/analyze.js';
import { fixtureDir } from '../support/builders.js';

const terms = (text: string) => analyze(text).map((t) => t.term);
const sameTerms = (a: string, b: string) => expect(terms(a)).toEqual(terms(b));

const fixtures = await Storybot.load(fixtureDir);

describe('analyze', () => {
  it('gives the documented terms and offsets when the text has a possessive and a number', () => {
    expect(analyze("Mexico's 2,000-mile border")).toEqual([
      { term: 'mexico', start: 0, end: 8 },
      { term: '2000', start: 9, end: 14 },
      { term: 'mile', start: 15, end: 19 },
      { term: 'border', start: 20, end: 26 },
    ]);
  });

  it.each([
    ['García', 'Garcia'],
    ['GARCÍA', 'garcia'],
    ['Ibáñez', 'Ibanez'],
  ])('folds case and accents when comparing %s and %s', (a, b) => sameTerms(a, b));

  it.each([
    ["Mexico's", 'Mexico'],
    ['Mexico’s', 'Mexico'],
    ["cartels'", 'cartels'],
  ])('drops the possessive when the word is %s', (a, b) => sameTerms(a, b));

  it.each([
    ['U.S.', 'US'],
    ['C.I.A.', 'CIA'],
    ['D.E.A.', 'DEA'],
    ['c.i.a.', 'CIA'],
  ])('joins the dotted abbreviation %s to %s', (a, b) => sameTerms(a, b));

  it.each([
    ['raids', 'raid'],
    ['operations', 'operation'],
    ['smuggled', 'smuggling'],
  ])('stems %s and %s to one term when they are inflections', (a, b) => sameTerms(a, b));

  it('splits a hyphenated number into the number without separators and the word', () => {
    expect(terms('2,000-mile')).toEqual(['2000', 'mile']);
    expect(terms('about 9,500 vehicles')).toContain('9500');
  });

  it.each([
    ['Pentagon', 'Defense Department'],
    ['Pentagon', 'department of defense'],
    ['America', 'United States'],
    ['American', 'United States'],
    ['U.S.', 'America'],
  ])('folds the synonyms %s and %s to one term', (a, b) => sameTerms(a, b));

  it('keeps a one-phrase group whole when the phrase contains a synonym', () => {
    expect(terms('Latin America')).not.toEqual(terms('America'));
  });

  it('drops stop words when the text is all filler', () => {
    expect(terms('What is the and of who')).toEqual([]);
    expect(terms('What is the fentanyl')).toEqual(terms('fentanyl'));
  });

  test.prop([fc.string({ unit: 'grapheme', maxLength: 80 })])('gives in-bounds, ordered offsets when the text is arbitrary', (text) => {
    let last = 0;
    for (const { start, end } of analyze(text)) {
      expect(start).toBeGreaterThanOrEqual(last);
      expect(end).toBeGreaterThan(start);
      expect(end).toBeLessThanOrEqual(text.length);
      last = end;
    }
  });
});

describe('foldText', () => {
  it('lower-cases and strips accents when the text has them', () => {
    expect(foldText('EL PAÍS, Señor García')).toBe('el pais, senor garcia');
  });

  // Plain ASCII skips the Unicode normalization: the result must be the same as going through it.
  test.prop(
    [
      fc.oneof(
        fc.string({ unit: 'binary-ascii', maxLength: 60 }),
        fc.string({ unit: 'grapheme', maxLength: 60 }),
        fc.string({ unit: fc.constantFrom(...Array.from('aÁéÑ ñ.ΣσﬁK')), maxLength: 20 }),
      ),
    ],
    { seed: 3, numRuns: 500 },
  )('folds any text as Unicode decomposition, mark removal and lower-casing do', (text) => {
    expect(foldText(text)).toBe(text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase());
  });
});

describe('analysis at search time', () => {
  it.each([
    ['Garcia', 'garcia-election', 1],
    ['How much did the Pentagon ask Congress for?', 'pentagon-drones', 1],
    ['What did the CIA and DEA share?', 'pentagon-drones', 3],
    ['How many vehicles crossed the bridge each day?', 'mill-bridge', 3],
  ])('finds the passage when asked %s in other words than the text', (question, documentId, paragraph) => {
    const answer = fixtures.ask(question);
    expect(answer.results[0]?.citation).toMatchObject({ documentId, paragraph });
  });
});
