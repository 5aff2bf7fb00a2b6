import { describe, expect, it } from 'vitest';
import type { Answer } from '../../../src/index.js';
import {
  handleFeedback,
  handleFullParagraph,
  handleMoreSources,
  handleQuestion,
  handleShare,
  parseCitedValue,
  questionFromSlack,
  type AskDeps,
} from '../../../adapters/slack/ask.js';
import { actionIds } from '../../../adapters/slack/render.js';
import { MemoryStateStore } from '../../../adapters/slack/state.js';
import { buttonsOf, textsOf } from '../../fakes/slack/blocks.js';
import { answerFor, fakeBot, fakeReply } from '../../fakes/slack/core.js';
import { fakeLogger } from '../../fakes/slack/logger.js';

const apology = 'Sorry, something went wrong. Please try again later.';

function deps(overrides: Partial<AskDeps> = {}): AskDeps & { entries: ReturnType<typeof fakeLogger>['entries'] } {
  const { logger, entries } = fakeLogger();
  return { bot: fakeBot(), state: new MemoryStateStore(), logger, entries, ...overrides };
}

describe('handleQuestion', () => {
  it('replies with the cited answer, asking the core for the configured number of excerpts', async () => {
    const bot = fakeBot();
    const reply = fakeReply();
    const d = deps({ bot, top: 5 });
    await handleQuestion({ userId: 'U1', text: 'who leads?', via: 'mention' }, reply, d);
    expect(bot.asked).toEqual([{ question: 'who leads?', options: { top: 5, platform: 'slack' } }]);
    expect(d.entries.find((entry) => entry.code === 'slack.asked')?.context).toMatchObject({
      platform: 'slack',
      latencyMs: expect.any(Number),
    });
    expect(reply.sent.map((m) => m.text)).toEqual(['Ana leads. (The Story, ¶2)']);
  });

  it('refuses the sixth question in 30 seconds with when to try again, and lets the member back in after', async () => {
    let now = 0;
    const d = deps({ state: new MemoryStateStore({ now: () => now }) });
    const reply = fakeReply();
    for (let i = 0; i < 6; i += 1) await handleQuestion({ userId: 'U1', text: 'who?', via: 'dm' }, reply, d);
    expect(reply.sent.at(-1)?.text).toBe("You're asking faster than I can keep up. Please try again in 30 seconds.");
    expect(d.entries).toContainEqual(
      expect.objectContaining({ code: 'slack.rate_limited', context: expect.objectContaining({ userId: 'U1' }) }),
    );
    now = 30_000;
    await handleQuestion({ userId: 'U1', text: 'who?', via: 'dm' }, reply, d);
    expect(reply.sent.at(-1)?.text).toBe('Ana leads. (The Story, ¶2)');
  });

  it('replies with the safe message and logs the detail when the core throws', async () => {
    const d = deps({
      bot: fakeBot(() => {
        throw new Error('index missing at /srv/x');
      }),
    });
    const reply = fakeReply();
    await handleQuestion({ userId: 'U2', text: 'who?', via: 'command' }, reply, d);
    expect(reply.sent.map((m) => m.text)).toEqual([apology]);
    expect(d.entries).toContainEqual(
      expect.objectContaining({
        level: 'error',
        code: 'slack.handler_failed',
        context: expect.objectContaining({ userId: 'U2', via: 'command' }),
      }),
    );
  });

  it('logs both failures when Slack refuses the answer and the apology', async () => {
    const d = deps();
    await handleQuestion({ userId: 'U3', text: 'who?', via: 'dm' }, fakeReply({ fails: true }), d);
    expect(d.entries.filter((e) => e.level === 'error').map((e) => e.code)).toEqual(['slack.handler_failed', 'slack.reply_failed']);
  });
});

describe('handleFullParagraph', () => {
  it('looks the paragraph up by document id and number, even when the id holds a #', async () => {
    const bot = fakeBot();
    const reply = fakeReply();
    await handleFullParagraph('notes#2026#7', 'U1', reply, deps({ bot }));
    expect(bot.paragraphs).toEqual([['notes#2026', 7]]);
    expect(reply.sent[0]?.text).toBe('The whole paragraph. (The Story, ¶7)');
  });

  it('says the paragraph is gone for a malformed value', async () => {
    const bot = fakeBot();
    const reply = fakeReply();
    await handleFullParagraph('no-number', 'U1', reply, deps({ bot }));
    expect(bot.paragraphs).toEqual([]);
    expect(reply.sent[0]?.text).toMatch(/^That paragraph is no longer in the story/);
  });
});

describe('questionFromSlack', () => {
  it('removes the bot’s mention and reduces Slack markup to plain words', () => {
    expect(
      questionFromSlack('<@U0BOT> who is <@U0ANA|ana> in <#C1|news>? see <https://x.test|this> &amp; &lt;that&gt; <!here>', 'U0BOT'),
    ).toBe('who is @ana in #news? see this & <that>');
    expect(questionFromSlack('  <@U0BOT|storybot>   ', 'U0BOT')).toBe('');
  });
});

const unknownArticle = (question: string): Answer => ({
  question,
  outcome: 'declined',
  answered: false,
  confidence: 0,
  results: [],
  reason: 'unknown-article',
  suggestions: [],
});

describe('handleQuestion with in:<document-id>', () => {
  it('asks that article only, without the in: token, and its buttons keep the scope', async () => {
    const bot = fakeBot();
    const reply = fakeReply();
    await handleQuestion({ userId: 'U1', text: 'in:story who leads?', via: 'command' }, reply, deps({ bot }), { share: true });
    expect(bot.asked).toEqual([{ question: 'who leads?', options: { top: 3, platform: 'slack', article: 'story' } }]);
    expect(buttonsOf(reply.sent[0]?.blocks ?? [])[actionIds.share]).toBe('in:story who leads?');
  });

  it('declines an unknown id listing a few valid ids to use instead', async () => {
    const ids = ['a-one', 'b-two', 'c-three', 'd-four', 'e-five', 'f-six', 'g-seven'];
    const reply = fakeReply();
    await handleQuestion({ userId: 'U1', text: 'in:nope who?', via: 'dm' }, reply, deps({ bot: fakeBot(unknownArticle, ids) }));
    expect(textsOf(reply.sent[0]?.blocks ?? [])).toEqual([
      'There is no article with that id.\nStart your question with one of these:\n• in:a-one\n• in:b-two\n• in:c-three\n• in:d-four\n• in:e-five\n• and 2 more',
    ]);
  });

  it('keeps the scope when More sources and Share re-ask', async () => {
    const bot = fakeBot();
    await handleMoreSources('in:story who leads?', 'U1', fakeReply(), deps({ bot }));
    await handleShare('in:story who leads?', 'U1', fakeReply(), deps({ bot }));
    expect(bot.asked.map((a) => a.options?.article)).toEqual(['story', 'story']);
    expect(bot.asked.map((a) => a.question)).toEqual(['who leads?', 'who leads?']);
  });
});

describe('handleFeedback', () => {
  const feedbackDeps = (bot = fakeBot()) => ({ ...deps({ bot }), state: new MemoryStateStore() });

  it('records the mark on the cited paragraph and thanks the clicker', async () => {
    const bot = fakeBot();
    const reply = fakeReply();
    await handleFeedback('notes#2026#7', false, 'U1', reply, feedbackDeps(bot));
    expect(bot.marks).toEqual([{ platform: 'slack', helpful: false, cited: { documentId: 'notes#2026', paragraph: 7 } }]);
    expect(reply.sent.map((m) => m.text)).toEqual(['Thanks — noted.']);
  });

  it('records nothing and says so for a malformed value', async () => {
    const bot = fakeBot();
    const d = feedbackDeps(bot);
    const reply = fakeReply();
    await handleFeedback('story#', true, 'U1', reply, d);
    expect(bot.marks).toEqual([]);
    expect(reply.sent.map((m) => m.text)).toEqual(['Sorry, I could not note that. Ask again for a fresh answer.']);
    expect(d.entries).toContainEqual(expect.objectContaining({ level: 'warn', code: 'slack.feedback_malformed' }));
  });

  it('records nothing for a paragraph or an article the corpus does not have', async () => {
    const bot = {
      ...fakeBot(),
      paragraph: (documentId: string, paragraph: number) => (paragraph <= 3 ? fakeBot().paragraph(documentId, paragraph) : undefined),
    };
    const d = { ...feedbackDeps(), bot };
    for (const value of ['story#999999', 'forged#0']) await handleFeedback(value, true, 'U1', fakeReply(), d);
    await handleFeedback('story#0', true, 'U1', fakeReply(), d);
    expect(bot.marks).toEqual([{ platform: 'slack', helpful: true, cited: { documentId: 'story', paragraph: 0 } }]);
  });

  it('counts one mark per member per answer', async () => {
    const bot = fakeBot();
    const d = feedbackDeps(bot);
    const replies = [fakeReply(), fakeReply(), fakeReply(), fakeReply()];
    await handleFeedback('story#2', true, 'U1', replies[0] ?? fakeReply(), d, 'C1:1.0');
    await handleFeedback('story#2', false, 'U1', replies[1] ?? fakeReply(), d, 'C1:1.0');
    await handleFeedback('story#2', true, 'U2', replies[2] ?? fakeReply(), d, 'C1:1.0');
    await handleFeedback('story#2', true, 'U1', replies[3] ?? fakeReply(), d, 'C1:2.0');
    expect(bot.marks.map((m) => m.helpful)).toEqual([true, true, true]);
    expect(replies[1]?.sent.map((m) => m.text)).toEqual(['You have already marked this answer. Thanks!']);
  });
});

describe('parseCitedValue', () => {
  it('splits at the last # and wants a whole number after it', () => {
    expect(parseCitedValue('story#0')).toEqual({ documentId: 'story', paragraph: 0 });
    expect(parseCitedValue('a#b#12')).toEqual({ documentId: 'a#b', paragraph: 12 });
    for (const bad of ['', '#3', 'story', 'story#', 'story#1.5', 'story#-1', 'story# 2']) expect(parseCitedValue(bad)).toBeUndefined();
  });
});

describe('answer buttons', () => {
  it('offer Helpful and Not helpful naming the cited paragraph', async () => {
    const reply = fakeReply();
    await handleQuestion({ userId: 'U1', text: 'who leads?', via: 'mention' }, reply, deps({ bot: fakeBot(answerFor) }));
    expect(buttonsOf(reply.sent[0]?.blocks ?? [])).toEqual({
      [actionIds.fullParagraph]: 'story#2',
      [actionIds.helpful]: 'story#2',
      [actionIds.notHelpful]: 'story#2',
    });
  });
});
