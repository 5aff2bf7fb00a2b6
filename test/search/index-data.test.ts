import { fc, test } from '../support/property.js';
import MiniSearch from 'minisearch';
import { describe, expect } from 'vitest';
import { loadCorpus } from '../../src/index.js';
import { analyze } from '../../src/text/analyze.js';
import {
  buildPassageData,
  invert,
  loadMiniSearch,
  loadMiniSearchAsync,
  loadTermMiniSearch,
  miniSearchOptions,
  postingsOf,
  type PassageData,
  type TermDocument,
} from '../../src/search/index-data.js';
import { makeArticle, storyDir } from '../support/builders.js';

/** MiniSearch as its documentation builds it: every passage added with its terms. */
function addedOneByOne(data: PassageData): MiniSearch<TermDocument> {
  const miniSearch = new MiniSearch<TermDocument>(miniSearchOptions);
  for (let id = 0; id < data.article.length; id += 1) {
    const ids = data.termIds.subarray(data.termStart[id], data.termStart[id + 1]);
    miniSearch.add({ id, terms: Array.from(ids, (term) => data.terms[term]).join(' ') });
  }
  return miniSearch;
}

/** Every passage's score for every term, and for the first few terms asked together. */
function scores(miniSearch: MiniSearch<TermDocument>, terms: readonly string[]) {
  const options = { tokenize: (text: string) => text.split(' '), processTerm: (term: string) => term };
  const queries = [...terms, terms.slice(0, 5).join(' ')];
  return queries.map((query) => miniSearch.search(query, options).map(({ id, score }) => ({ id: id as number, score })));
}

const everyTerm = Infinity;
const story = buildPassageData((await loadCorpus(storyDir)).articles);
const words = ['cartel', 'cartels', 'border', 'drone', 'mexico', 'raid', 'senate', 'labs', 'troops', 'the', 'of'];

describe('loadMiniSearch', () => {
  test('scores the story exactly as MiniSearch built passage by passage does', () => {
    const expected = scores(addedOneByOne(story), story.terms);
    expect(scores(loadMiniSearch(story, everyTerm), story.terms)).toEqual(expected);
  });

  test('reads the same index asynchronously', async () => {
    const expected = scores(addedOneByOne(story), story.terms);
    expect(scores(await loadMiniSearchAsync(story, everyTerm, invert(story)), story.terms)).toEqual(expected);
  });

  test.prop([
    fc.array(
      fc.array(fc.constantFrom(...words), { maxLength: 15 }).map((w) => `${w.join(' ')}.`),
      { minLength: 1, maxLength: 12 },
    ),
  ])('matches MiniSearch built passage by passage on any corpus, repeated and missing words included', (paragraphs) => {
    const data = buildPassageData([makeArticle({ paragraphs })]);
    expect(scores(loadMiniSearch(data, everyTerm), data.terms)).toEqual(scores(addedOneByOne(data), data.terms));
  });

  test('leaves out terms held by more passages than asked, and only those', () => {
    const data = buildPassageData([makeArticle({ paragraphs: ['Cartel drone raid.', 'Cartel raid.', 'Cartel labs.'] })]);
    const miniSearch = loadMiniSearch(data, 2);
    expect(['cartel', 'raid', 'drone'].map((word) => miniSearch.search(analyze(word)[0]?.term ?? '').length)).toEqual([0, 2, 1]);
  });

  test.prop([
    fc.array(
      fc.array(fc.constantFrom(...words), { maxLength: 15 }).map((w) => `${w.join(' ')}.`),
      { minLength: 1, maxLength: 12 },
    ),
  ])("indexes one term on its own, scored as in the whole corpus's index", (paragraphs) => {
    const data = buildPassageData([makeArticle({ paragraphs })]);
    const whole = scores(addedOneByOne(data), data.terms);
    const inverted = invert(data);
    data.terms.forEach((term, id) => {
      expect(scores(loadTermMiniSearch(term, data.article.length, postingsOf(inverted, id), inverted), [term])[0]).toEqual(whole[id]);
    });
  });
});
