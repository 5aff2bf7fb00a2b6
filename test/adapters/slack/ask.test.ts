import { describe, expect, it } from 'vitest';
import { CorpusError, RateLimiter, type Answer, type AnswerOptions, type CorpusStatus, type ParagraphText, type ReloadOutcome } from '../../../src/index.js';
import {
  handleCorpusCommand,
  handleFullParagraph,
  handleQuestion,
  questionFromSlack,
  type AdminCore,
  type AskCore,
  type AskDeps,
  type ReplyPort,
} from '../../../adapters/slack/ask.js';
import type { SlackMessage } from '../../../adapters/slack/render.js';
import { fakeLogger } from '../../fakes/slack/logger.js';

const apology = 'Sorry, something went wrong. Please try again later.';

function fakeReply(options: { fails?: boolean } = {}): ReplyPort & { sent: SlackMessage[] } {
  const sent: SlackMessage[] = [];
  return {
    sent,
    send: async (message) => {
      if (options.fails === true) throw new Error('Slack said: channel_not_found');
      sent.push(message);
    },
  };
}

function fakeBot(ask: (question: string) => Answer = answerFor): AskCore & { asked: { question: string; options: Omit<AnswerOptions, 'suggestions'> | undefined }[]; paragraphs: [string, number][] } {
  const asked: { question: string; options: Omit<AnswerOptions, 'suggestions'> | undefined }[] = [];
  const paragraphs: [string, number][] = [];
  return {
    asked,
    paragraphs,
    ask: (question, options) => {
      asked.push({ question, options });
      return ask(question);
    },
    paragraph: (documentId, paragraph): ParagraphText | undefined => {
      paragraphs.push([documentId, paragraph]);
      return { text: 'The whole paragraph.', citation: { documentId, title: 'The Story', paragraph } };
    },
  };
}

function answerFor(question: string): Answer {
  return { question, answered: true, results: [{ text: 'Ana leads.', highlights: [[0, 3]], score: 1, citation: { documentId: 'story', title: 'The Story', paragraph: 2 } }] };
}

function deps(overrides: Partial<AskDeps> = {}): AskDeps & { entries: ReturnType<typeof fakeLogger>['entries'] } {
  const { logger, entries } = fakeLogger();
  return { bot: fakeBot(), limiter: new RateLimiter(), logger, entries, ...overrides };
}

describe('handleQuestion', () => {
  it('replies with the cited answer, asking the core for the configured number of excerpts', async () => {
    const bot = fakeBot();
    const reply = fakeReply();
    await handleQuestion({ userId: 'U1', text: 'who leads?', via: 'mention' }, reply, deps({ bot, top: 5 }));
    expect(bot.asked).toEqual([{ question: 'who leads?', options: { top: 5 } }]);
    expect(reply.sent.map((m) => m.text)).toEqual(['Ana leads. (The Story, ¶2)']);
  });

  it('refuses the sixth question in 30 seconds with when to try again, and lets the member back in after', async () => {
    let now = 0;
    const d = deps({ limiter: new RateLimiter({ now: () => now }) });
    const reply = fakeReply();
    for (let i = 0; i < 6; i += 1) await handleQuestion({ userId: 'U1', text: 'who?', via: 'dm' }, reply, d);
    expect(reply.sent.at(-1)?.text).toBe("You're asking faster than I can keep up. Please try again in 30 seconds.");
    expect(d.entries).toContainEqual(expect.objectContaining({ code: 'slack.rate_limited', context: expect.objectContaining({ userId: 'U1' }) }));
    now = 30_000;
    await handleQuestion({ userId: 'U1', text: 'who?', via: 'dm' }, reply, d);
    expect(reply.sent.at(-1)?.text).toBe('Ana leads. (The Story, ¶2)');
  });

  it('replies with the safe message and logs the detail when the core throws', async () => {
    const d = deps({ bot: fakeBot(() => { throw new Error('index missing at /srv/x'); }) });
    const reply = fakeReply();
    await handleQuestion({ userId: 'U2', text: 'who?', via: 'command' }, reply, d);
    expect(reply.sent.map((m) => m.text)).toEqual([apology]);
    expect(d.entries).toContainEqual(expect.objectContaining({ level: 'error', code: 'slack.handler_failed', context: expect.objectContaining({ userId: 'U2', via: 'command' }) }));
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

const status: CorpusStatus = { dir: 'corpus', documents: 2, paragraphs: 40, passages: 90, loadedAt: new Date('2026-01-15T08:30:00Z'), rejected: [], rejectedAt: undefined, keptLastGood: [] };

function fakeAdminBot(outcome: ReloadOutcome): AdminCore & { reloads: number } {
  return {
    reloads: 0,
    status: () => status,
    async reload() {
      this.reloads += 1;
      return outcome;
    },
  };
}

describe('handleCorpusCommand', () => {
  const run = async (userId: string, text: string, bot: AdminCore = fakeAdminBot({ ok: true, swapped: true, status })) => {
    const reply = fakeReply();
    const { logger } = fakeLogger();
    await handleCorpusCommand({ userId, text }, reply, { bot, adminUserIds: ['U0ADMIN'], logger });
    return reply.sent.map((m) => m.text);
  };

  it('tells everyone else politely that it is for admins, without reloading', async () => {
    const bot = fakeAdminBot({ ok: true, swapped: true, status });
    expect(await run('U0MEMBER', 'reload', bot)).toEqual(['Sorry, /corpus is for the bot’s admins. You can still ask questions with /ask.']);
    expect(bot.reloads).toBe(0);
  });

  it('shows the status and explains the usage', async () => {
    expect(await run('U0ADMIN', ' Status ')).toEqual(['Serving 2 articles (40 paragraphs, 90 passages) from corpus, loaded 2026-01-15 08:30 UTC.']);
    expect(await run('U0ADMIN', '')).toEqual(['Usage: /corpus status, or /corpus reload']);
  });

  it('reports a rejected corpus file by file, at most ten, and says the previous one still serves', async () => {
    const problems = Array.from({ length: 12 }, (_, i) => ({ file: `corpus/${i}.md`, line: 2, problem: 'front matter: title: is required' }));
    const [text] = await run('U0ADMIN', 'reload', fakeAdminBot({ ok: false, swapped: true, problems, status }));
    expect(text?.split('\n')).toEqual([
      'That corpus was rejected; the previous one is still in use.',
      ...problems.slice(0, 10).map((p) => `• ${p.file}:2: front matter: title: is required`),
      '• and 2 more (see the log)',
      'Serving 2 articles (40 paragraphs, 90 passages) from corpus, loaded 2026-01-15 08:30 UTC.',
    ]);
  });

  it('apologises when the reload itself fails unexpectedly', async () => {
    const bot: AdminCore = { status: () => status, reload: () => Promise.reject(new CorpusError([{ file: 'corpus', problem: 'not a directory' }])) };
    expect(await run('U0ADMIN', 'reload', bot)).toEqual(['That corpus was rejected; the previous one is still in use.']);
  });
});

describe('questionFromSlack', () => {
  it('removes the bot’s mention and reduces Slack markup to plain words', () => {
    expect(questionFromSlack('<@U0BOT> who is <@U0ANA|ana> in <#C1|news>? see <https://x.test|this> &amp; &lt;that&gt; <!here>', 'U0BOT')).toBe(
      'who is @ana in #news? see this & <that>',
    );
    expect(questionFromSlack('  <@U0BOT|storybot>   ', 'U0BOT')).toBe('');
  });
});
