import { fc, test } from '../support/property.js';
import { describe, expect } from 'vitest';
import { minConfidence, rankPassages, shownOf, type Scored } from '../../src/answer/rank.js';
import { parseQuestion } from '../../src/answer/question.js';
import { loadCorpus, PassageIndex } from '../../src/index.js';
import { fixtureDir, storyDir } from '../support/builders.js';

const story = new PassageIndex((await loadCorpus(storyDir)).articles);
const fixtures = new PassageIndex((await loadCorpus(fixtureDir)).articles);

/** Questions of words from the corpus's own paragraphs, question words and metadata words, typos included. */
const questionOver = (index: PassageIndex) => {
  const words = [...index.articles.values()].flatMap((a) => a.paragraphs.flatMap((p) => p.text.split(/\s+/))).filter((w) => w.length > 2);
  const word = fc.oneof(
    fc.constantFrom(...words),
    fc.constantFrom('who', 'when', 'how many', 'what share', 'why', 'where', '?'),
    fc.constantFrom('who wrote', 'this article', 'the story', 'headline', 'published in', 'first appear', 'when was it published'),
    fc.constantFrom(...words).map((w) => w.slice(1)),
  );
  return fc.array(word, { minLength: 1, maxLength: 10 }).map((w) => w.join(' '));
};

/**
 * What an answer is made of: whether the question is answered, what is shown if it is, and for a
 * metadata question the best passage (whose article it reads).
 */
const outcome = (ranked: readonly Scored[], top: number, isMeta: boolean) => {
  const answered = ranked.some((scored) => scored.confidence >= minConfidence);
  return {
    answered,
    shown: answered
      ? shownOf(ranked, top).map(({ passage, excerpt, rank }) => [passage.documentId, passage.paragraph, excerpt.span, rank])
      : [],
    best: isMeta ? ranked[0] && [ranked[0].passage.documentId, ranked[0].passage.paragraph] : undefined,
  };
};

describe.each([
  ['the story', story],
  ['the fixture corpus', fixtures],
])('rankPassages over %s', (_, index) => {
  test.prop([questionOver(index), fc.integer({ min: 1, max: 4 })], { seed: 13, numRuns: 400 })(
    'answers as it would if it scored every candidate: stopping early leaves out only what could never be shown',
    (question, top) => {
      const parsed = parseQuestion(question);
      const resolved = index.resolve(parsed.terms.map((term) => term.term));
      const pruned = rankPassages(index, parsed, resolved, { excerptChars: 400, top });
      const every = rankPassages(index, parsed, resolved, { excerptChars: 400, top, exhaustive: true });
      expect(outcome(pruned, top, parsed.meta !== undefined)).toEqual(outcome(every, top, parsed.meta !== undefined));
      expect(pruned.length).toBeLessThanOrEqual(every.length);
    },
  );
});
