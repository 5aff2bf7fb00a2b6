import { fc, test } from '../support/property.js';
import { describe, expect, it } from 'vitest';
import { Spellings } from '../../src/search/spelling.js';
import { levenshtein, optimalStringAlignment } from '../support/edit-distance.js';

/** Few letters, so that many words are near one another; a digit, an accent and "_" (phrase terms) too. */
const wordOf = fc.string({ unit: fc.constantFrom(...Array.from('abcde9é_')), minLength: 1, maxLength: 9 });
/** What `near` promises, read plainly: every other word within reach, in vocabulary order. */
const reachable = (vocabulary: readonly string[], word: string, edits: number) =>
  vocabulary.flatMap((candidate, id) =>
    candidate !== word && (edits === 1 ? optimalStringAlignment(word, candidate) <= 1 : levenshtein(word, candidate) <= edits) ? [id] : [],
  );

describe('Spellings', () => {
  test.prop([fc.uniqueArray(wordOf, { maxLength: 300 }), wordOf, fc.constantFrom(1, 2)], { seed: 11, numRuns: 400 })(
    'finds exactly the words within reach that a scan of every word finds',
    (vocabulary, word, edits) => {
      expect(new Spellings(vocabulary).near(word, edits).sort((a, b) => a - b)).toEqual(reachable(vocabulary, word, edits));
    },
  );

  it('takes a swap of neighbouring letters as one edit, and two swaps as more', () => {
    const spellings = new Spellings(['design', 'cartel', 'senate']);
    expect(spellings.near('desgin', 1)).toEqual([0]);
    expect(spellings.near('edsgin', 1)).toEqual([]);
    expect(spellings.near('catrle', 2)).toEqual([]); // two swaps are four Levenshtein edits
    expect(spellings.near('sentae', 2)).toEqual([2]);
  });

  it('finds nothing in an empty vocabulary, or for a word longer than any it holds', () => {
    expect(new Spellings([]).near('anything', 2)).toEqual([]);
    expect(new Spellings(['ab', 'abc']).near('abcdefgh', 2)).toEqual([]);
  });
});
