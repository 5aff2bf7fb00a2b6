import { fc, test } from '../../support/property.js';
import { describe, expect, it } from 'vitest';
import type { Answer, Citation, Highlight, Result } from '../../../src/index.js';
import {
  citationMrkdwn,
  escapeMrkdwn,
  excerptMrkdwn,
  renderAnswer,
  renderMoreSources,
  renderParagraph,
  renderSlowDown,
  slackLimits,
} from '../../../adapters/slack/render.js';
import { buttonsOf, mrkdwnObjectsOf, textsOf } from '../../fakes/slack/blocks.js';

const citation = (overrides: Partial<Citation> = {}): Citation => ({ documentId: 'story', title: 'The Story', paragraph: 3, ...overrides });
const result = (text: string, highlights: Highlight[] = [], overrides: Partial<Citation> = {}): Result => ({
  text,
  highlights,
  score: 1,
  citation: citation(overrides),
});
const answered = (question: string, results: Result[]): Answer => ({
  question,
  outcome: 'answered',
  answered: true,
  confidence: 0.9,
  results,
});
const unescape = (text: string) => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

describe('renderAnswer', () => {
  it('shows the closest passage after a line saying it may not answer, with the same citation and buttons', () => {
    const closest: Answer = {
      question: 'street price?',
      outcome: 'closest',
      answered: false,
      confidence: 0.3,
      results: [result('Fentanyl is cheap.'), result('Other.')],
    };
    const message = renderAnswer(closest);
    expect(textsOf(message.blocks)).toEqual([
      ":grey_question: _I'm not sure the story answers that. The closest it comes:_",
      'Fentanyl is cheap.',
      '*The Story* · ¶3',
      'More sources',
      'Full paragraph',
      'Helpful',
      'Not helpful',
    ]);
    expect(message.text).toBe("I'm not sure the story answers that. The closest it comes: Fentanyl is cheap. (The Story, ¶3)");
  });

  it('bolds the matched words, cites the paragraph and offers every button when there are more sources', () => {
    const message = renderAnswer(
      answered('who leads?', [
        result('Ana Ruiz leads the team.', [
          [0, 3],
          [4, 8],
        ]),
        result('Other.'),
      ]),
    );
    expect(textsOf(message.blocks)).toEqual([
      '*Ana Ruiz* leads the team.',
      '*The Story* · ¶3',
      'More sources',
      'Full paragraph',
      'Helpful',
      'Not helpful',
    ]);
    expect(buttonsOf(message.blocks)).toEqual({
      storybot_more_sources: 'who leads?',
      storybot_full_paragraph: 'story#3',
      storybot_helpful: 'story#3',
      storybot_not_helpful: 'story#3',
    });
    expect(message.text).toBe('Ana Ruiz leads the team. (The Story, ¶3)');
  });

  it('adds the Share button for /ask and names who asked once shared', () => {
    expect(Object.keys(buttonsOf(renderAnswer(answered('q', [result('A.')]), { share: true }).blocks))).toEqual([
      'storybot_share',
      'storybot_full_paragraph',
      'storybot_helpful',
      'storybot_not_helpful',
    ]);
    const shared = renderAnswer(answered('is <b> & c?', [result('A.')]), { askedBy: 'U0ASKER' });
    expect(textsOf(shared.blocks).slice(0, 2)).toEqual(['<@U0ASKER> asked:', 'is &lt;b&gt; &amp; c?']);
  });

  it('shows the asker’s *bold*, ~strike~, _italic_ and backticks as typed once shared, not as formatting', () => {
    const shared = renderAnswer(answered('is *this* ~that~ _it_ `code`?', [result('A.')]), { askedBy: 'U0ASKER' });
    const [context] = shared.blocks;
    expect(context).toEqual({
      type: 'context',
      elements: [
        { type: 'mrkdwn', text: '<@U0ASKER> asked:', verbatim: true },
        { type: 'plain_text', text: 'is *this* ~that~ _it_ `code`?', emoji: false },
      ],
    });
  });

  it('keeps a citation within a context text’s 3,000 characters however long the url, leaving out a link too long', () => {
    const url = `https://example.com/${'a&b'.repeat(1673)}`;
    expect(url.length).toBe(5_039);
    const mrkdwn = citationMrkdwn(citation({ title: '&'.repeat(400), source: '<'.repeat(300), url }));
    expect(mrkdwn.length).toBeLessThanOrEqual(slackLimits.sectionText);
    expect(mrkdwn).not.toContain('<https://');
    expect(citationMrkdwn(citation({ url: 'https://example.com/a&b' }))).toBe('<https://example.com/a&amp;b|The Story> · ¶3');
  });

  it('says "article details" instead of ¶0 and links the title only to an http(s) url', () => {
    expect(citationMrkdwn(citation({ paragraph: 0, source: 'The Times', url: 'https://x.test/a?b=1&c=2' }))).toBe(
      '<https://x.test/a?b=1&amp;c=2|The Story> · The Times · article details',
    );
    expect(citationMrkdwn(citation({ url: 'javascript:alert(1)' }))).toBe('*The Story* · ¶3');
  });

  it('offers no Full paragraph for the article’s metadata (paragraph 0), but takes readers’ marks on it', () => {
    const message = renderAnswer(answered('who wrote it?', [result('author: Ana Ruiz', [[8, 16]], { paragraph: 0 })]));
    expect(textsOf(message.blocks)).toEqual(['author: *Ana Ruiz*', '*The Story* · article details', 'Helpful', 'Not helpful']);
    expect(buttonsOf(message.blocks)).toEqual({ storybot_helpful: 'story#0', storybot_not_helpful: 'story#0' });
  });

  it('declines kindly with the suggestions, escaped', () => {
    const message = renderAnswer({
      question: 'x',
      outcome: 'declined',
      answered: false,
      confidence: 0,
      results: [],
      reason: 'no-match',
      suggestions: ['What about <!here>?'],
    });
    expect(message.text).toBe(
      "Sorry, the story doesn't say. I only answer with the story's own words.\nYou could ask:\n• What about &lt;!here&gt;?",
    );
    const empty = renderAnswer({
      question: '',
      outcome: 'declined',
      answered: false,
      confidence: 0,
      results: [],
      reason: 'empty',
      suggestions: [],
    });
    expect(empty.text).toBe('Ask me a question about the story and I will answer with its own words.');
  });
});

describe('the other renderers', () => {
  it('say when to try again, in whole seconds', () => {
    expect(renderSlowDown(12_300).text).toBe("You're asking faster than I can keep up. Please try again in 13 seconds.");
    expect(renderSlowDown(200).text).toBe("You're asking faster than I can keep up. Please try again in 1 second.");
  });

  it('say so when there is no other source or the paragraph is gone', () => {
    expect(renderMoreSources(answered('q', [result('Only.')])).text).toBe('The story has no other passage on that.');
    expect(renderParagraph(undefined).text).toBe(
      'That paragraph is no longer in the story; it may have been updated. Ask again for a fresh answer.',
    );
  });

  it('escapes &, < and >', () => {
    expect(escapeMrkdwn('<!channel> & <@U1>')).toBe('&lt;!channel&gt; &amp; &lt;@U1&gt;');
  });
});

const nasty = fc.constantFrom(
  '<',
  '>',
  '&',
  '!',
  '@',
  '|',
  '*',
  '#',
  ' ',
  '.',
  '\n',
  'a',
  'é',
  '😀',
  'channel',
  'here',
  'http://x.y',
  'U0VICTIM',
  '. ',
);
// size: 'max' so that long texts are really generated, not just the default handful of characters.
const text = (maxLength: number) =>
  fc.oneof(
    fc.string({ unit: nasty, maxLength, size: 'max' }),
    fc.string({ unit: 'binary', maxLength, size: 'max' }),
    fc.string({ maxLength }),
  );
const citationArb = fc.record(
  {
    documentId: text(300),
    title: text(500),
    paragraph: fc.nat(500),
    source: text(200),
    url: fc.oneof(
      fc.webUrl(),
      text(100),
      fc
        .tuple(fc.webUrl(), fc.string({ unit: fc.constantFrom('a', '&', '/'), maxLength: 6_000, size: 'max' }))
        .map(([u, tail]) => u + tail),
    ),
  },
  { requiredKeys: ['documentId', 'title', 'paragraph'] },
);
const resultArb = fc.record({
  text: text(8_000),
  highlights: fc.array(fc.tuple(fc.integer({ min: -5, max: 9_000 }), fc.integer({ min: -5, max: 9_000 })), { maxLength: 40, size: 'max' }),
  score: fc.double(),
  citation: citationArb,
});
const answerArb: fc.Arbitrary<Answer> = fc.oneof(
  fc.record({
    question: text(600),
    outcome: fc.constant('answered' as const),
    answered: fc.constant(true as const),
    confidence: fc.double({ min: 0, max: 1, noNaN: true }),
    results: fc.array(resultArb, { minLength: 1, maxLength: 30, size: 'max' }),
  }),
  fc.record({
    question: text(600),
    outcome: fc.constant('declined' as const),
    answered: fc.constant(false as const),
    confidence: fc.constant(0),
    results: fc.constant([] as const),
    reason: fc.constantFrom('empty' as const, 'no-match' as const),
    suggestions: fc.array(text(800), { maxLength: 5 }),
  }),
);
const viewArb = fc.record({ share: fc.boolean(), askedBy: fc.oneof(fc.constant('U0ASKER'), text(20)) });

const hasLoneSurrogate = (s: string) => /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);

/**
 * Removes the markup the renderer itself writes, leaving what came from text: the citation's link, and the
 * mention of who asked (a user id Slack gave, e.g. `U0ASKER`, never typed text).
 */
function withoutOwnMarkup(mrkdwn: string, askedBy = 'U0ASKER'): string {
  const asker = /^[UW][A-Z0-9]+$/.test(askedBy) ? `<@${askedBy}> asked:` : undefined;
  const withoutAsker = asker !== undefined && mrkdwn.startsWith(asker) ? mrkdwn.slice(asker.length) : mrkdwn;
  return withoutAsker.replace(/<https?:\/\/[^\s<>|]+\|[^<>]*>/g, '');
}

// Shrinking thirty 8,000-character results takes minutes; a failure reports its unshrunk counterexample instead.
const bigRuns = { numRuns: 100, endOnFailure: true };

describe('renderAnswer, for any answer (properties)', () => {
  test.prop([answerArb, viewArb], bigRuns)('stays inside Slack’s limits', (answer, view) => {
    for (const message of [renderAnswer(answer, view), renderMoreSources(answer)]) {
      expect(message.blocks.length).toBeLessThanOrEqual(slackLimits.blocks);
      expect(message.text.length).toBeLessThanOrEqual(slackLimits.fallbackText);
      for (const { text: t } of mrkdwnObjectsOf(message.blocks)) expect(t.length).toBeLessThanOrEqual(slackLimits.sectionText);
      for (const t of textsOf(message.blocks)) expect(t.length).toBeLessThanOrEqual(slackLimits.sectionText);
      for (const value of Object.values(buttonsOf(message.blocks))) {
        expect(value.length).toBeLessThanOrEqual(slackLimits.buttonValue);
        if (!hasLoneSurrogate(answer.question)) expect(hasLoneSurrogate(value)).toBe(false);
      }
    }
  });

  test.prop([answerArb, viewArb], bigRuns)('lets no text form a mention or a link, and escapes every &', (answer, view) => {
    for (const message of [renderAnswer(answer, view), renderMoreSources(answer)]) {
      const objects = mrkdwnObjectsOf(message.blocks);
      expect(objects.every((o) => o.verbatim === true)).toBe(true);
      for (const { text: t } of objects) {
        expect(withoutOwnMarkup(t, view.askedBy)).not.toMatch(/[<>]/);
        expect(t).not.toMatch(/&(?!amp;|lt;|gt;)/);
      }
      const links = objects.flatMap((o) => [...o.text.matchAll(/<(https?:\/\/[^\s<>|]+)\|/g)].map((m) => unescape(m[1] ?? '')));
      const urls = answer.results.map((r) => r.citation.url);
      expect(links.every((link) => urls.includes(link))).toBe(true);
      expect(withoutOwnMarkup(message.text)).not.toMatch(/[<>]/);
    }
  });
});

describe('excerptMrkdwn (properties)', () => {
  const plain = fc.string({ unit: fc.constantFrom('a', 'b', ' ', '.', '<', '>', '&', 'é', '\n'), maxLength: 400 });
  const highlightsFor = (s: string) => fc.array(fc.tuple(fc.nat(s.length), fc.nat(s.length)), { maxLength: 10 });

  test.prop([plain.chain((s) => fc.tuple(fc.constant(s), highlightsFor(s)))])(
    'loses no text when it fits: unbolded and unescaped, it is the text',
    ([s, highlights]) => {
      expect(unescape(excerptMrkdwn(s, highlights).replace(/\*/g, ''))).toBe(s);
    },
  );

  test.prop([plain.chain((s) => fc.tuple(fc.constant(s), highlightsFor(s))), fc.integer({ min: 1, max: 400 })])(
    'cuts to a prefix of the text that fits',
    ([s, highlights], max) => {
      const out = excerptMrkdwn(s, highlights, max);
      expect(out.length).toBeLessThanOrEqual(max);
      expect(s.startsWith(unescape(out.replace(/\*/g, '')).replace(/ ?…$/, '').trimEnd())).toBe(true);
    },
  );
});
