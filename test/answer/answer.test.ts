import { fc, test } from '../support/property.js';
import { describe, expect, it } from 'vitest';
import { answerQuestion, maxQuestionChars, PassageIndex, Storybot, type Answer } from '../../src/index.js';
import { fixtureDir, makeArticle, storyDir, storyId } from '../support/builders.js';

const bot = await Storybot.load(storyDir);
const fixtures = await Storybot.load(fixtureDir);

/** Every result quotes the paragraph it cites (or, for paragraph 0, is a metadata line of the article). */
function expectVerbatim(on: Storybot, answer: Answer): void {
  for (const { text, citation } of answer.results) {
    if (citation.paragraph === 0) {
      const article = on.articles().find((a) => a.id === citation.documentId);
      expect([
        `author: ${article?.author}`,
        `source: ${article?.source}`,
        `published: ${article?.published}`,
        `title: ${article?.title}`,
      ]).toContain(text);
    } else {
      expect(on.paragraph(citation.documentId, citation.paragraph)?.text).toContain(text);
    }
  }
}

const storyWords = bot.articles().flatMap((a) => a.paragraphs.flatMap((p) => p.text.split(/\s+/)));
const storyQuestion = fc
  .array(fc.oneof(fc.constantFrom(...storyWords), fc.constantFrom('who', 'when', 'how many', 'why', '?', 'the')), { maxLength: 12 })
  .map((w) => w.join(' '));

describe('answerQuestion over the bundled story', () => {
  it('quotes the story and cites the paragraph when it answers', () => {
    const answer = bot.ask("Who's Mexico's security chief?");
    expect(answer.answered).toBe(true);
    const first = answer.results[0];
    expect(first?.text).toContain('Omar García Harfuch');
    expect(first?.citation).toEqual({
      documentId: storyId,
      title: 'The U.S. Is Pressing Mexico to Allow U.S. Forces to Fight Cartels',
      paragraph: 23,
      source: 'The New York Times',
    });
    expectVerbatim(bot, answer);
  });

  it.each([
    ['What causes most overdose deaths in the United States?', 20],
    ['Who contributed reporting?', 35],
    ['Where is Maria Abi-Habib based?', 36],
    ['Who is Omar Garcia Harfuch?', 23],
  ])('cites the paragraph that says it first when asked the clear question %j', (question, paragraph) => {
    expect(bot.ask(question).results[0]?.citation).toMatchObject({ documentId: storyId, paragraph });
  });

  it('gives at most three results from distinct paragraphs when no top is given', () => {
    for (const question of ['fentanyl labs', 'Harfuch', 'drone strikes against drug labs', 'What did Sheinbaum say about U.S. forces?']) {
      const { results } = bot.ask(question);
      expect(results.length).toBeGreaterThan(0);
      expect(results.length).toBeLessThanOrEqual(3);
      expect(new Set(results.map((r) => r.citation.paragraph)).size).toBe(results.length);
    }
  });

  it.each([1, 2, 5, 10])('gives at most %i results when top is %i', (top) => {
    const { results } = bot.ask('fentanyl labs', { top });
    expect(results.length).toBeGreaterThan(0);
    expect(results.length).toBeLessThanOrEqual(top);
    expect(new Set(results.map((r) => r.citation.paragraph)).size).toBe(results.length);
  });

  it('orders results best first when it answers', () => {
    const scores = bot.ask('drone strikes against drug labs').results.map((r) => r.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it.each(['', '   ', '\n\t', '?', '.*+?^${}()|[]\\', '😀😀', 'the of and'])(
    'declines with reason empty when the question is %j',
    (question) => {
      const answer = bot.ask(question);
      expect(answer).toMatchObject({ answered: false, reason: 'empty', results: [] });
    },
  );

  it.each(['who won the 2022 world cup', "What's a good recipe for guacamole?"])(
    'declines with reason no-match when asked %j',
    (question) => {
      expect(bot.ask(question)).toMatchObject({ question, answered: false, reason: 'no-match', results: [] });
    },
  );

  it.each([
    ['control characters', 'Harfuch\u0000\u0007\u001b[31m security\u009b chief'],
    ['right-to-left text', 'مرحبا \u202Eبالعالم Harfuch'],
    ['emoji', '🇲🇽 who is 👮 Harfuch? 😀'],
    ['lone punctuation', '!!! ??? ...'],
    ['regex metacharacters', '(fentanyl|labs)+ [a-z]* \\d{3}'],
    ['SQL', "'; DROP TABLE articles; -- fentanyl"],
    ['@everyone', '@everyone @here who is Harfuch'],
    ['markdown', '**Harfuch** `code` [link](http://x) > quote'],
  ])('gives a normal answer without throwing when the question has %s', (_case, question) => {
    const answer = bot.ask(question);
    expect(typeof answer.answered).toBe('boolean');
    expect(answer.question).not.toMatch(/[\u0000-\u001F\u007F-\u009F\u202A-\u202E]/);
    expectVerbatim(bot, answer);
  });

  it('cuts the question to at most 500 characters and does not throw when it is 20,000 characters long', () => {
    for (const question of ['x'.repeat(20_000), 'fentanyl '.repeat(2_300), `${'Harfuch security chief '.repeat(900)}?`]) {
      const answer = bot.ask(question);
      expect(maxQuestionChars).toBe(500);
      expect(answer.question.length).toBeLessThanOrEqual(500);
      expect(question.startsWith(answer.question)).toBe(true);
      expectVerbatim(bot, answer);
    }
  });

  test.prop(
    [
      fc.oneof(
        fc.string({ maxLength: 200 }),
        fc.string({ unit: 'grapheme', maxLength: 200 }),
        fc.string({ unit: 'binary', maxLength: 200 }),
        storyQuestion,
      ),
    ],
    { numRuns: 300 },
  )('never throws and quotes only what it cites when the question is arbitrary', (question) => {
    const answer = bot.ask(question);
    expect(answer.question.length).toBeLessThanOrEqual(maxQuestionChars);
    if (answer.outcome === 'declined') expect(answer.results).toEqual([]);
    if (answer.outcome === 'closest') expect(answer.results.length).toBeGreaterThan(0);
    expect(answer.answered).toBe(answer.outcome === 'answered');
    expect(answer.confidence >= 0 && answer.confidence <= 1).toBe(true);
    expectVerbatim(bot, answer);
    for (const { text, highlights } of answer.results) {
      for (const [start, end] of highlights) {
        expect(0 <= start && start < end && end <= text.length).toBe(true);
      }
    }
  });
});

describe('answerQuestion for what is no question about the story', () => {
  it.each(['hi', 'Hello there!', 'help', 'Help me', 'thanks', 'thank you!', 'quit', 'bye', 'what can you do?', 'good morning'])(
    'declines %j as small talk, with suggestions to show how to ask',
    (question) => {
      const answer = bot.ask(question);
      expect(answer).toMatchObject({ outcome: 'declined', reason: 'help', results: [] });
      if (answer.outcome === 'declined') expect(answer.suggestions.length).toBeGreaterThan(0);
    },
  );

  it.each(['What help did the U.S. offer?', 'Who said hello to Sheinbaum?', 'Why did the talks stop?'])(
    'still answers %j, a question',
    (question) => {
      expect(bot.ask(question)).not.toMatchObject({ reason: 'help' });
    },
  );
});

describe('answerQuestion about the article itself, in a corpus of several', () => {
  it('names each article’s author when the question names no article', () => {
    const answer = fixtures.ask('Who wrote this article?');
    expect(answer.outcome).toBe('answered');
    expect(answer.results.map((r) => [r.citation.documentId, r.citation.paragraph, r.text])).toEqual([
      ['garcia-election', 0, 'author: Julián Peña'],
      ['lighthouse-keeper', 0, 'author: Ines Duarte'],
      ['pentagon-drones', 0, 'author: Sam Okafor'],
    ]);
  });

  it('answers from the article the question is about when it names one', () => {
    const answer = fixtures.ask('When was the story about the lighthouse published?');
    expect(answer.results).toEqual([expect.objectContaining({ text: 'published: 2026-01-15' })]);
    expect(answer.results[0]?.citation.documentId).toBe('lighthouse-keeper');
  });
});

describe('answerQuestion over the fixture corpus', () => {
  it.each([
    ['Who won the mayoral election in San Lucas?', 'garcia-election', 1, 'Lucía García won the mayoral election'],
    ['How many vehicles crossed the bridge each day?', 'mill-bridge', 3, '9,500 vehicles'],
    ['How much did the Pentagon ask Congress for?', 'pentagon-drones', 1, '$2.4 billion'],
    ['Who owns the bakery?', 'town-bakery', 2, 'Rosa Lindqvist'],
    ['When did the keeper take the job?', 'lighthouse-keeper', 2, 'in 1985'],
  ])('answers %j from the article that says it', (question, documentId, paragraph, quote) => {
    const answer = fixtures.ask(question);
    expect(answer.answered).toBe(true);
    const cited = answer.results.find((r) => r.citation.documentId === documentId && r.citation.paragraph === paragraph);
    expect(cited?.text).toContain(quote);
    expectVerbatim(fixtures, answer);
  });

  it('cites source and url when the article has them, and omits them when it does not', () => {
    expect(fixtures.ask('Who won the mayoral election in San Lucas?').results[0]?.citation).toEqual({
      documentId: 'garcia-election',
      title: 'García Wins Mayoral Race in San Lucas',
      paragraph: 1,
      source: 'El Diario del Valle',
    });
    expect(fixtures.ask('When did the keeper take the job?').results[0]?.citation).toMatchObject({
      url: 'https://example.com/harbor-light',
    });
    const bakery = fixtures.ask('Who owns the bakery?').results.find((r) => r.citation.documentId === 'town-bakery');
    expect(bakery?.citation).toEqual({ documentId: 'town-bakery', title: 'Town bakery', paragraph: bakery?.citation.paragraph });
  });

  it('cites only the chosen article when the question is asked of one', () => {
    expect(fixtures.ask('Which street?').results.map((r) => r.citation.documentId)).toContain('town-bakery');
    const answer = fixtures.ask('Which street?', { article: 'mill-bridge' });
    expect(answer.results.length).toBeGreaterThan(0);
    for (const result of answer.results) expect(result.citation.documentId).toBe('mill-bridge');
  });

  it('declines with reason unknown-article when the chosen article does not exist', () => {
    expect(fixtures.ask('Who owns the bakery?', { article: 'no-such-article' })).toMatchObject({
      answered: false,
      reason: 'unknown-article',
      results: [],
    });
  });

  it('declines with no suggestions when called without a suggestion source', () => {
    const index = new PassageIndex([makeArticle({ paragraphs: ['Ships sail at dawn.'] })]);
    expect(answerQuestion(index, 'guacamole recipe')).toEqual({
      question: 'guacamole recipe',
      outcome: 'declined',
      answered: false,
      confidence: 0,
      results: [],
      reason: 'no-match',
      suggestions: [],
    });
  });
});
