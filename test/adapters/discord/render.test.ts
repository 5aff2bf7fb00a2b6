import { fc, test } from '../../support/property.js';
import { describe, expect, it } from 'vitest';
import { decodeCustomId } from '../../../adapters/discord/custom-ids.js';
import {
  escapeMarkdown,
  renderAnswer,
  renderDeclined,
  renderMoreSources,
  renderParagraph,
  type OutgoingMessage,
} from '../../../adapters/discord/render.js';
import type { Answer, Citation, Result } from '../../../src/index.js';
import { messageProblems } from '../../fakes/discord/limits.js';
import { apiBody, pingPattern, plainText, unescapedMarkdown, visibleTexts } from './markdown.js';

const citation: Citation = {
  documentId: 'mexico',
  title: 'The U.S. Is Pressing Mexico',
  paragraph: 23,
  source: 'The New York Times',
  url: 'https://example.com/story',
};
const result = (text: string, highlights: Result['highlights'] = [], cite: Citation = citation): Result => ({
  text,
  highlights,
  score: 1,
  citation: cite,
});
const answered = (question: string, results: Result[]): Answer => ({
  question,
  outcome: 'answered',
  answered: true,
  confidence: 0.9,
  results,
});

// Characters that stress escaping: every markdown sigil, mentions, quotes, sentence ends, a surrogate pair.
const tricky = fc.constantFrom(
  'a',
  'b',
  'Z',
  ' ',
  ' ',
  '.',
  '. ',
  '\n',
  '*',
  '_',
  '~',
  '`',
  '|',
  '>',
  '#',
  '-',
  '[',
  ']',
  '(',
  ')',
  '<',
  '@',
  '\\',
  ':',
  '&',
  '1',
  '9',
  'everyone',
  'here',
  '<@123456789012345678>',
  '<@&1>',
  '😀',
  '’',
);
// size 'max' lets lengths reach maxLength, so the over-long cases the limits are about do occur.
const trickyText = (maxLength: number) => fc.string({ unit: tricky, maxLength, size: 'max' });
const highlightsFor = fc.array(
  fc.tuple(fc.nat(20_000), fc.nat(400)).map(([start, length]): [number, number] => [start, start + length]),
  { maxLength: 12 },
);
const citationArb: fc.Arbitrary<Citation> = fc.record(
  {
    documentId: fc.string({ minLength: 1, maxLength: 120 }),
    title: trickyText(400),
    paragraph: fc.nat(500),
    source: trickyText(300),
    url: fc.oneof(fc.webUrl(), fc.constant('https://example.com/a_(b)'), fc.constant('javascript:alert(1)'), fc.string({ maxLength: 600 })),
  },
  { requiredKeys: ['documentId', 'title', 'paragraph'] },
);
const resultArb = fc.record({
  text: trickyText(12_000),
  highlights: highlightsFor,
  score: fc.double({ noNaN: true }),
  citation: citationArb,
});
const answerArb: fc.Arbitrary<Answer> = fc.oneof(
  fc.record({
    question: trickyText(600),
    outcome: fc.constant('answered' as const),
    answered: fc.constant(true as const),
    confidence: fc.double({ min: 0, max: 1, noNaN: true }),
    results: fc.array(resultArb, { minLength: 1, maxLength: 30 }),
  }),
  fc.record({
    question: trickyText(600),
    outcome: fc.constant('declined' as const),
    answered: fc.constant(false as const),
    confidence: fc.constant(0),
    results: fc.constant([] as const),
    reason: fc.constantFrom('empty' as const, 'no-match' as const, 'unknown-article' as const),
    suggestions: fc.array(trickyText(300), { maxLength: 30 }),
  }),
);

function expectSafe(message: OutgoingMessage): void {
  expect(messageProblems(apiBody(message))).toEqual([]);
  expect(message.allowedMentions).toEqual({ parse: [] });
  for (const text of visibleTexts(message)) expect(text).not.toMatch(pingPattern);
}

describe('render properties', () => {
  test.prop([answerArb, fc.boolean(), fc.option(fc.string({ minLength: 1, maxLength: 120 }), { nil: undefined })], { numRuns: 60 })(
    'every answer fits Discord and pings nobody',
    (answer, isPrivate, article) => {
      expectSafe(renderAnswer(answer, isPrivate, article));
      expectSafe(renderMoreSources(answer));
    },
  );

  test.prop([answerArb, fc.boolean(), fc.option(fc.string({ minLength: 1, maxLength: 120 }), { nil: undefined })], { numRuns: 60 })(
    'marks point at the cited paragraph, and buttons that ask again keep to the article or to none',
    (answer, isPrivate, article) => {
      const actions = renderAnswer(answer, isPrivate, article).components.flatMap((row) =>
        row.components.map((b) => decodeCustomId(b.custom_id)),
      );
      expect(actions).not.toContain(undefined);
      const best = answer.results[0]?.citation;
      for (const action of actions) {
        if (action?.kind === 'feedback')
          expect({ documentId: action.documentId, paragraph: action.paragraph }).toEqual({
            documentId: best?.documentId,
            paragraph: best?.paragraph,
          });
        if (action?.kind === 'more' || action?.kind === 'suggestion')
          expect([undefined, answer.outcome !== 'declined' || answer.reason !== 'unknown-article' ? article : undefined]).toContain(
            action.article,
          );
      }
      expect(actions.filter((a) => a?.kind === 'feedback').map((a) => a.helpful)).toEqual(
        answer.answered && actions.some((a) => a?.kind === 'feedback') ? [true, false] : [],
      );
    },
  );

  test.prop([resultArb], { numRuns: 60 })('a full paragraph fits Discord and pings nobody', (r) => {
    expectSafe(renderParagraph({ text: r.text, citation: r.citation }));
  });

  test.prop([trickyText(2000)])('escaped text shows exactly as written and leaves no markdown active', (text) => {
    const escaped = escapeMarkdown(text);
    expect(plainText(escaped)).toBe(text);
    expect(unescapedMarkdown(escaped, false)).toEqual([]);
    expect(escaped).not.toMatch(pingPattern);
  });

  test.prop([resultArb, trickyText(600)], { numRuns: 60 })(
    'the excerpt is the story verbatim: all of it, or a prefix cut with an ellipsis',
    (r, question) => {
      const description = renderAnswer(answered(question, [r]), false).embeds[0]?.description ?? '';
      const shown = plainText(description.slice(0, description.lastIndexOf('\n\n— ')));
      const [kept, cut] = shown.endsWith('…') && shown !== r.text ? [shown.replace(/ ?…$/, ''), true] : [shown, false];
      expect(r.text.startsWith(kept)).toBe(true);
      if (!cut) expect(kept).toBe(r.text);
    },
  );

  test.prop([resultArb], { numRuns: 60 })('the only markdown in an excerpt is bold, and only when words matched', (r) => {
    const description = renderAnswer(answered('q', [r]), false).embeds[0]?.description ?? '';
    const excerpt = description.slice(0, description.lastIndexOf('\n\n— '));
    expect(unescapedMarkdown(excerpt)).toEqual([]);
    if (r.highlights.every(([s, e]) => r.text.slice(Math.max(0, s), e).trim() === ''))
      expect(unescapedMarkdown(excerpt, false)).toEqual([]);
  });
});

describe('renderAnswer', () => {
  it('shows the closest passage after a line saying it may not answer, in amber, with the same citation and buttons', () => {
    const closest: Answer = {
      question: 'What is the street price of fentanyl?',
      outcome: 'closest',
      answered: false,
      confidence: 0.3,
      results: [result('Fentanyl is cheap to make.'), result('Other.')],
    };
    const message = renderAnswer(closest, false);
    expect(message.embeds[0]?.description).toBe(
      "*I'm not sure the story answers that. The closest it comes:*\n\nFentanyl is cheap to make.\n\n" +
        '— [The U.S. Is Pressing Mexico](https://example.com/story) · The New York Times · ¶23',
    );
    expect(message.embeds[0]?.color).toBe(0xd69e2e);
    expect(message.embeds[0]?.color).not.toBe(renderAnswer(answered('q', [result('Text.')]), false).embeds[0]?.color);
    expect(message.components.flatMap((row) => row.components.map((b) => b.label))).toEqual([
      'More sources',
      'Full paragraph',
      'Helpful',
      'Not helpful',
    ]);
  });

  it('shows the question as the title, the excerpt with matched words in bold, and a linked citation', () => {
    const message = renderAnswer(
      answered("Who's Mexico's security chief?", [
        result('Omar García Harfuch is the chief.', [
          [0, 4],
          [5, 11],
          [27, 32],
        ]),
      ]),
      false,
    );
    expect(message.ephemeral).toBe(false);
    expect(message.embeds[0]?.title).toBe("Who's Mexico's security chief?");
    expect(message.embeds[0]?.description).toBe(
      '**Omar García** Harfuch is the **chief**.\n\n— [The U.S. Is Pressing Mexico](https://example.com/story) · The New York Times · ¶23',
    );
  });

  it('offers More sources only when there are other results, and Full paragraph for a real paragraph', () => {
    const one = renderAnswer(answered('q', [result('Text.')]), true);
    expect(one.ephemeral).toBe(true);
    expect(one.components.flatMap((row) => row.components.map((b) => b.label))).toEqual(['Full paragraph', 'Helpful', 'Not helpful']);
    const two = renderAnswer(answered('who?', [result('A.'), result('B.')]), false);
    expect(two.components).toHaveLength(1);
    const ids = two.components.flatMap((row) => row.components.map((b) => decodeCustomId(b.custom_id)));
    expect(ids).toEqual([
      { kind: 'more', question: 'who?' },
      { kind: 'paragraph', documentId: 'mexico', paragraph: 23 },
      { kind: 'feedback', helpful: true, documentId: 'mexico', paragraph: 23 },
      { kind: 'feedback', helpful: false, documentId: 'mexico', paragraph: 23 },
    ]);
  });

  it('keeps the article scope on More sources, and marks the best result', () => {
    const message = renderAnswer(answered('who?', [result('A.'), result('B.', [], { ...citation, paragraph: 4 })]), false, 'mexico');
    const ids = message.components.flatMap((row) => row.components.map((b) => decodeCustomId(b.custom_id)));
    expect(ids[0]).toEqual({ kind: 'more', question: 'who?', article: 'mexico' });
    expect(ids.slice(2)).toEqual([
      { kind: 'feedback', helpful: true, documentId: 'mexico', paragraph: 23 },
      { kind: 'feedback', helpful: false, documentId: 'mexico', paragraph: 23 },
    ]);
  });

  it('leaves out both marks when the cited article id is too long to carry', () => {
    const message = renderAnswer(answered('q', [result('Text.', [], { ...citation, documentId: 'd'.repeat(95) })]), false);
    expect(message.components.flatMap((row) => row.components.map((b) => b.label))).toEqual([]);
  });

  it('names the article details, not ¶0, for a metadata answer, and leaves out Full paragraph', () => {
    const message = renderAnswer(
      answered('Who wrote it?', [
        result('Maria Abi-Habib', [], { documentId: 'mexico', title: citation.title, paragraph: 0, source: 'The New York Times' }),
      ]),
      false,
    );
    expect(message.embeds[0]?.description).toBe(
      'Maria Abi\\-Habib\n\n— *The U.S. Is Pressing Mexico* · The New York Times · article details',
    );
    expect(message.components.flatMap((row) => row.components.map((b) => b.label))).toEqual(['Helpful', 'Not helpful']);
  });

  it('escapes markdown and breaks mentions in the question and the excerpt', () => {
    const message = renderAnswer(answered('@everyone *why* <@123456789012345678>?', [result('Say **@here** to `all`.')]), false);
    expect(message.embeds[0]?.title).toBe('@\u200beveryone \\*why\\* \\<@\u200b123456789012345678\\>?');
    expect(message.embeds[0]?.description?.startsWith('Say \\*\\*@\u200bhere\\*\\* to \\`all\\`.')).toBe(true);
  });
});

describe('renderDeclined', () => {
  it('keeps the article scope on suggestions, except when the article is unknown', () => {
    const scoped = renderAnswer(
      { question: 'q', outcome: 'declined', answered: false, confidence: 0, results: [], reason: 'no-match', suggestions: ['Who?'] },
      false,
      'mexico',
    );
    expect(decodeCustomId(scoped.components[0]?.components[0]?.custom_id ?? '')).toEqual({
      kind: 'suggestion',
      question: 'Who?',
      isPrivate: false,
      article: 'mexico',
    });
    const unknown = renderAnswer(
      { question: 'q', outcome: 'declined', answered: false, confidence: 0, results: [], reason: 'unknown-article', suggestions: ['Who?'] },
      true,
      'nope',
    );
    expect(unknown.content).toBe("There's no article with that id; pick one from the list. It does answer these:");
    expect(decodeCustomId(unknown.components[0]?.components[0]?.custom_id ?? '')).toEqual({
      kind: 'suggestion',
      question: 'Who?',
      isPrivate: true,
    });
  });

  it('says the story does not answer and offers the suggestions as buttons that ask them', () => {
    const message = renderDeclined('no-match', ['What does the story say about Mexico?'], true);
    expect(message.content).toBe("I couldn't find that in the story. It does answer these:");
    expect(message.ephemeral).toBe(true);
    const button = message.components[0]?.components[0];
    expect(button?.label).toBe('What does the story say about Mexico?');
    expect(decodeCustomId(button?.custom_id ?? '')).toEqual({
      kind: 'suggestion',
      question: 'What does the story say about Mexico?',
      isPrivate: true,
    });
  });
});
