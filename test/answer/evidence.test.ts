import { fc, test } from '../support/property.js';
import { describe, expect, it } from 'vitest';
import { SentenceEvidence, hasEvidence, type EvidenceContext } from '../../src/answer/evidence.js';
import type { QuestionType } from '../../src/answer/question.js';
import { loadCorpus } from '../../src/index.js';
import { splitSentences } from '../../src/text/sentences.js';
import { storyDir } from '../support/builders.js';

const sentences = (await loadCorpus(storyDir)).articles.flatMap((article) =>
  article.paragraphs.flatMap(({ text }) => splitSentences(text).map((span) => text.slice(span.start, span.end))),
);
const types: readonly QuestionType[] = ['person', 'time', 'count', 'share', 'place', 'reason', 'other'];
const contextOf = fc.record({
  type: fc.constantFrom(...types),
  questionWords: fc
    .uniqueArray(fc.constantFrom('mexico', 'sheinbaum', 'trump', 'harfuch', 'washington', 'the', 'cia'), { maxLength: 4 })
    .map((w) => new Set(w)),
  matched: fc.array(
    fc.tuple(fc.nat(300), fc.integer({ min: 1, max: 12 })).map(([from, length]) => [from, from + length] as const),
    { maxLength: 4 },
  ),
}) satisfies fc.Arbitrary<EvidenceContext>;

describe('SentenceEvidence', () => {
  it('finds each kind of answer a question type wants', () => {
    const words = new Set(['who', 'leads', 'mexico']);
    expect(hasEvidence('The president, Claudia Sheinbaum, said no.', { type: 'person', questionWords: words, matched: [] })).toBe(true);
    expect(hasEvidence('The president of Mexico said no.', { type: 'person', questionWords: words, matched: [] })).toBe(false);
    expect(hasEvidence('The vote was set for Jan. 5.', { type: 'time', questionWords: words, matched: [] })).toBe(true);
    expect(hasEvidence('The vote was delayed.', { type: 'time', questionWords: words, matched: [] })).toBe(false);
    expect(hasEvidence('About 200 troops took part.', { type: 'count', questionWords: words, matched: [[10, 16]] })).toBe(true);
    expect(hasEvidence('On Jan. 5, 2026, troops took part.', { type: 'count', questionWords: words, matched: [[17, 23]] })).toBe(false);
    expect(hasEvidence('It was delayed because of the attack.', { type: 'reason', questionWords: words, matched: [] })).toBe(true);
  });

  // Answers are kept per sentence and reused by the next question: a sentence asked many different
  // questions in turn must answer each as a fresh reading of it would.
  test.prop([fc.constantFrom(...sentences), fc.array(contextOf, { minLength: 1, maxLength: 12 })], { seed: 11, numRuns: 300 })(
    'answers a run of different questions as a fresh reading of the sentence does',
    (sentence, contexts) => {
      const kept = new SentenceEvidence(sentence);
      for (const context of contexts) expect(kept.holds(context)).toBe(new SentenceEvidence(sentence).holds(context));
    },
  );
});
