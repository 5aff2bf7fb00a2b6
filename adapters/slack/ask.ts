import { userMessageFor, type Answer, type BotCore, type CitedParagraph, type LogContext, type Logger } from '../../src/index.js';
import type { AdminDeps } from './corpus.js';
import {
  renderAnswer,
  renderMoreSources,
  renderNotice,
  renderParagraph,
  renderSlowDown,
  type AnswerView,
  type SlackMessage,
} from './render.js';
import { parseScope, type ScopedQuestion } from './scope.js';
import type { SlackStateStore } from './state.js';

/** The part of the core that answers and takes readers' marks: narrow, so tests pass a fake. */
export type AskCore = Pick<BotCore, 'ask' | 'paragraph' | 'articles' | 'recordFeedback'>;

/** Where a handler's reply goes (a thread, a DM, the asker only, the channel); the listeners decide. */
export type ReplyPort = { send(message: SlackMessage): Promise<void> };

/** What the question handlers need besides a reply port. */
export type AskDeps = {
  readonly bot: AskCore;
  /** The flood limit (in memory, or shared through Redis). */
  readonly state: Pick<SlackStateStore, 'allow'>;
  readonly logger: Logger;
  /** How many cited excerpts to ask the core for (the first is shown, the rest behind "More sources"). @default 3 */
  readonly top?: number;
};

/** One question as it reached the bot: who asked, the plain text, and through which door. */
export type Question = { readonly userId: string; readonly text: string; readonly via: 'mention' | 'dm' | 'command' };

/** The platform name questions and readers' marks are recorded under in the usage log. */
const platform = 'slack';

/**
 * Answers one question: the flood limit first, then the core, then the cited answer (or the decline).
 * A question starting with `in:<document-id>` is answered from that article only.
 * The one catch boundary: any failure is logged with context and becomes a short apology.
 */
export async function handleQuestion(question: Question, reply: ReplyPort, deps: AskDeps, view: AnswerView = {}): Promise<void> {
  const context = { handler: 'ask', via: question.via, userId: question.userId };
  await guard(reply, deps.logger, context, async () => {
    const decision = await deps.state.allow(question.userId);
    if (!decision.allowed) {
      deps.logger('info', 'question refused by the flood limit', 'slack.rate_limited', { ...context, retryAfterMs: decision.retryAfterMs });
      await reply.send(renderSlowDown(decision.retryAfterMs));
      return;
    }
    const started = performance.now();
    const scoped = parseScope(question.text);
    const answer = ask(scoped, deps);
    await reply.send(renderAnswer(answer, { ...view, ...scopeView(scoped, answer, deps) }));
    // One line per question, with how long the member waited (until Slack accepted the reply).
    const latencyMs = Math.round(performance.now() - started);
    deps.logger('info', 'question answered', 'slack.asked', {
      ...context,
      platform: 'slack',
      article: scoped.article,
      answered: answer.answered,
      results: answer.results.length,
      latencyMs,
    });
  });
}

/** "Share in channel": answers the question (`value`, with its `in:` scope) again, for everyone, saying who asked. */
export async function handleShare(value: string, userId: string, channel: ReplyPort, deps: AskDeps): Promise<void> {
  await guard(channel, deps.logger, { handler: 'share', userId }, async () => {
    const scoped = parseScope(value);
    const answer = ask(scoped, deps);
    await channel.send(renderAnswer(answer, { askedBy: userId, ...scopeView(scoped, answer, deps) }));
  });
}

/** "More sources": the answer's other cited excerpts (from the same article when scoped), to the clicker only. */
export async function handleMoreSources(value: string, userId: string, clicker: ReplyPort, deps: AskDeps): Promise<void> {
  await guard(clicker, deps.logger, { handler: 'more-sources', userId }, async () => {
    await clicker.send(renderMoreSources(ask(parseScope(value), deps)));
  });
}

/** "Full paragraph": the cited paragraph whole, to the clicker only. `value` is `documentId#paragraph`. */
export async function handleFullParagraph(value: string, userId: string, clicker: ReplyPort, deps: AskDeps): Promise<void> {
  await guard(clicker, deps.logger, { handler: 'full-paragraph', userId }, async () => {
    const cited = parseCitedValue(value);
    await clicker.send(renderParagraph(cited === undefined ? undefined : deps.bot.paragraph(cited.documentId, cited.paragraph)));
  });
}

/**
 * "Helpful" / "Not helpful": records the reader's mark on the cited paragraph (`documentId#paragraph`) and
 * thanks them. A paragraph the served corpus does not have records nothing; with `answer` (the message the
 * buttons are on), a member's mark on it counts once, in the shared store when Redis is set.
 */
export async function handleFeedback(
  value: string,
  helpful: boolean,
  userId: string,
  clicker: ReplyPort,
  deps: AskDeps & { readonly state: Pick<SlackStateStore, 'firstSighting'> },
  answer?: string,
): Promise<void> {
  const context = { handler: 'feedback', userId, helpful };
  await guard(clicker, deps.logger, context, async () => {
    const cited = parseCitedValue(value);
    if (cited === undefined || !isServed(deps.bot, cited)) {
      deps.logger('warn', 'a feedback button named no paragraph the corpus has', 'slack.feedback_malformed', { ...context, value });
      return clicker.send(renderNotice('Sorry, I could not note that. Ask again for a fresh answer.'));
    }
    if (answer !== undefined && !(await deps.state.firstSighting([`mark:${answer}:${userId}`])))
      return clicker.send(renderNotice('You have already marked this answer. Thanks!'));
    deps.bot.recordFeedback(platform, helpful, cited);
    deps.logger('info', 'reader marked a cited paragraph', 'slack.feedback', { ...context, ...cited });
    await clicker.send(renderNotice('Thanks — noted.'));
  });
}

/** Whether the served corpus has the paragraph (or, for paragraph 0, the article whose metadata it is). */
function isServed(bot: AskCore, cited: CitedParagraph): boolean {
  if (cited.paragraph > 0) return bot.paragraph(cited.documentId, cited.paragraph) !== undefined;
  return bot.articles().some((article) => article.id === cited.documentId);
}

/** `documentId#paragraph` (the id may itself hold a `#`), or undefined when malformed. */
export function parseCitedValue(value: string): CitedParagraph | undefined {
  const at = value.lastIndexOf('#');
  const digits = value.slice(at + 1);
  if (at <= 0 || !/^\d+$/.test(digits)) return undefined;
  return { documentId: value.slice(0, at), paragraph: Number(digits) };
}

/**
 * Turns the text of a Slack message into a plain question: the bot's own mention removed, other
 * mentions, channels and links reduced to their labels, and Slack's `&amp;`/`&lt;`/`&gt;` undone.
 */
export function questionFromSlack(text: string, botUserId: string | undefined): string {
  return text
    .replace(/<([^<>]*)>/g, (_whole, inner: string) => plainToken(inner, botUserId))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

function plainToken(inner: string, botUserId: string | undefined): string {
  const [target = '', label] = inner.split('|', 2);
  if (target.startsWith('@')) return botUserId !== undefined && target === `@${botUserId}` ? ' ' : label === undefined ? ' ' : `@${label}`;
  if (target.startsWith('#')) return label === undefined ? ' ' : `#${label}`;
  if (target.startsWith('!')) return label ?? ' ';
  return label ?? target;
}

function ask({ article, question }: ScopedQuestion, deps: AskDeps): Answer {
  return deps.bot.ask(question, { top: deps.top ?? 3, platform, ...(article === undefined ? {} : { article }) });
}

/** The scope the answer's buttons keep, and the ids to offer when the scope named no article. */
function scopeView({ article }: ScopedQuestion, answer: Answer, deps: AskDeps): AnswerView {
  if (answer.outcome !== 'declined' || answer.reason !== 'unknown-article') return { article };
  return { article, articleIds: deps.bot.articles().map((a) => a.id) };
}

/** The one catch boundary of every handler: log the whole error once, show the user one safe sentence. */
export async function guard(reply: ReplyPort, logger: Logger, context: LogContext, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    logger('error', 'Slack handler failed', 'slack.handler_failed', { ...context, error });
    try {
      await reply.send(renderNotice(userMessageFor(error)));
    } catch (replyError) {
      logger('error', 'could not send the apology to Slack', 'slack.reply_failed', { ...context, error: replyError });
    }
  }
}

/** Everything the listeners pass to the handlers: the store also deduplicates events. */
export type SlackDeps = AskDeps & { readonly admin: AdminDeps; readonly state: SlackStateStore };
