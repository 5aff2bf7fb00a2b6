import { fc, test } from '../support/property.js';
import { describe, expect } from 'vitest';
import { featureNames } from '../../src/answer/features.js';
import { rankOf } from '../../src/answer/model.js';
import { queryOf } from '../../src/answer/query.js';
import { parseQuestion } from '../../src/answer/question.js';
import { rankPassages, shownOf } from '../../src/answer/rank.js';
import { loadCorpus, PassageIndex } from '../../src/index.js';
import { fixtureDir, storyDir } from '../support/builders.js';

const story = new PassageIndex((await loadCorpus(storyDir)).articles);
const fixtures = new PassageIndex((await loadCorpus(fixtureDir)).articles);

/** Questions of words from the corpus's own paragraphs and question words, typos included. */
const questionOver = (index: PassageIndex) => {
  const words = [...index.articles.values()].flatMap((a) => a.paragraphs.flatMap((p) => p.text.split(/\s+/))).filter((w) => w.length > 2);
  const word = fc.oneof(
    fc.constantFrom(...words),
    fc.constantFrom('who', 'when', 'how many', 'what share', 'why', 'where', 'not', '?'),
    fc.constantFrom(...words).map((w) => w.slice(1)),
  );
  return fc.array(word, { minLength: 1, maxLength: 10 }).map((w) => w.join(' '));
};

describe.each([
  ['the story', story],
  ['the fixture corpus', fixtures],
])('rankPassages over %s', (_, index) => {
  test.prop([questionOver(index), fc.integer({ min: 1, max: 4 })], { seed: 13, numRuns: 300 })(
    'ranks measured candidates best first, each with features from 0 to 1 and an excerpt of whole sentences within its passage',
    (question, top) => {
      const parsed = parseQuestion(question);
      const ranked = rankPassages(index, parsed, queryOf(index, parsed), { excerptChars: 400 });
      ranked.forEach((candidate, i) => {
        expect(candidate.rank).toBeCloseTo(rankOf(candidate.features), 12);
        if (i > 0) expect(candidate.rank).toBeLessThanOrEqual(ranked[i - 1]?.rank ?? Infinity);
        for (const name of featureNames) expect(candidate.features[name]).toBeGreaterThanOrEqual(0);
        for (const name of featureNames) expect(candidate.features[name]).toBeLessThanOrEqual(1 + 1e-9);
        expect(candidate.relevance).toBeGreaterThan(0);
        expect(candidate.relevance).toBeGreaterThanOrEqual(candidate.features.coverage - 1e-9);
        const { span } = candidate.excerpt;
        const sentences = candidate.passage.sentences;
        expect(sentences.some((s) => s.start === span.start)).toBe(true);
        expect(sentences.some((s) => s.end === span.end)).toBe(true);
        const spanned = sentences.filter((s) => s.start >= span.start && s.end <= span.end);
        expect(span.end - span.start <= 400 || spanned.length === 1).toBe(true);
      });
      const shown = shownOf(ranked, top);
      expect(shown.length).toBeLessThanOrEqual(top);
      const paragraphs = shown.map((s) => `${s.passage.documentId}#${s.passage.paragraph}`);
      expect(new Set(paragraphs).size).toBe(paragraphs.length);
    },
  );
});
