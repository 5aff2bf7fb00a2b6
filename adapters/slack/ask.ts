import {
  formatCorpusProblem,
  userMessageFor,
  type CorpusProblem,
  type CorpusStatus,
  type LogContext,
  type Logger,
  type RateLimiter,
  type Storybot,
} from '../../src/index.js';
import type { SeenEvents } from './dedupe.js';
import { renderAnswer, renderMoreSources, renderNotice, renderParagraph, renderSlowDown, type AnswerView, type SlackMessage } from './render.js';

/** The part of the core that answers: narrow, so tests pass a fake. */
export type AskCore = Pick<Storybot, 'ask' | 'paragraph'>;
/** The part of the core admins drive with /corpus. */
export type AdminCore = Pick<Storybot, 'status' | 'reload'>;

/** Where a handler's reply goes (a thread, a DM, the asker only, the channel); the listeners decide. */
export type ReplyPort = { send(message: SlackMessage): Promise<void> };

/** What the question handlers need besides a reply port. */
export type AskDeps = {
  readonly bot: AskCore;
  readonly limiter: Pick<RateLimiter, 'take'>;
  readonly logger: Logger;
  /** How many cited excerpts to ask the core for (the first is shown, the rest behind "More sources"). @default 3 */
  readonly top?: number;
};

/** One question as it reached the bot: who asked, the plain text, and through which door. */
export type Question = { readonly userId: string; readonly text: string; readonly via: 'mention' | 'dm' | 'command' };

/**
 * Answers one question: the flood limit first, then the core, then the cited answer (or the decline).
 * The one catch boundary: any failure is logged with context and becomes a short apology.
 */
export async function handleQuestion(question: Question, reply: ReplyPort, deps: AskDeps, view: AnswerView = {}): Promise<void> {
  const context = { handler: 'ask', via: question.via, userId: question.userId };
  await guard(reply, deps.logger, context, async () => {
    const decision = deps.limiter.take(question.userId);
    if (!decision.allowed) {
      deps.logger('info', 'question refused by the flood limit', 'slack.rate_limited', { ...context, retryAfterMs: decision.retryAfterMs });
      await reply.send(renderSlowDown(decision.retryAfterMs));
      return;
    }
    const answer = deps.bot.ask(question.text, topOf(deps));
    deps.logger('info', 'question answered', 'slack.asked', { ...context, answered: answer.answered, results: answer.results.length });
    await reply.send(renderAnswer(answer, view));
  });
}

/** "Share in channel": answers the question again, for everyone, saying who asked. */
export async function handleShare(question: string, userId: string, channel: ReplyPort, deps: AskDeps): Promise<void> {
  await guard(channel, deps.logger, { handler: 'share', userId }, async () => {
    await channel.send(renderAnswer(deps.bot.ask(question, topOf(deps)), { askedBy: userId }));
  });
}

/** "More sources": the answer's other cited excerpts, to the clicker only. */
export async function handleMoreSources(question: string, userId: string, clicker: ReplyPort, deps: AskDeps): Promise<void> {
  await guard(clicker, deps.logger, { handler: 'more-sources', userId }, async () => {
    await clicker.send(renderMoreSources(deps.bot.ask(question, topOf(deps))));
  });
}

/** "Full paragraph": the cited paragraph whole, to the clicker only. `value` is `documentId#paragraph`. */
export async function handleFullParagraph(value: string, userId: string, clicker: ReplyPort, deps: AskDeps): Promise<void> {
  await guard(clicker, deps.logger, { handler: 'full-paragraph', userId }, async () => {
    const at = value.lastIndexOf('#');
    const paragraph = Number(value.slice(at + 1));
    const found = at > 0 && Number.isInteger(paragraph) ? deps.bot.paragraph(value.slice(0, at), paragraph) : undefined;
    await clicker.send(renderParagraph(found));
  });
}

/** What /corpus needs. */
export type AdminDeps = { readonly bot: AdminCore; readonly adminUserIds: readonly string[]; readonly logger: Logger };

/** `/corpus status` and `/corpus reload`, for the listed admins; everyone else is told politely. */
export async function handleCorpusCommand(command: { userId: string; text: string }, reply: ReplyPort, deps: AdminDeps): Promise<void> {
  const context = { handler: 'corpus', userId: command.userId, subcommand: command.text.trim() };
  await guard(reply, deps.logger, context, async () => {
    if (!deps.adminUserIds.includes(command.userId)) {
      await reply.send(renderNotice('Sorry, /corpus is for the bot’s admins. You can still ask questions with /ask.'));
      return;
    }
    const subcommand = command.text.trim().toLowerCase();
    if (subcommand === 'status') return reply.send(renderNotice(describeStatus(deps.bot.status())));
    if (subcommand !== 'reload') return reply.send(renderNotice('Usage: /corpus status, or /corpus reload'));
    const outcome = await deps.bot.reload();
    deps.logger('info', 'corpus reload requested from Slack', 'slack.corpus_reload', { ...context, ok: outcome.ok });
    const text = outcome.ok
      ? `Reloaded. ${describeStatus(outcome.status)}`
      : `That corpus was rejected; the previous one is still in use.\n${listProblems(outcome.problems)}\n${describeServing(outcome.status)}`;
    await reply.send(renderNotice(text));
  });
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

function describeStatus(status: CorpusStatus): string {
  const lines = [describeServing(status)];
  if (status.rejected.length > 0) lines.push(`The last reload (${formatTime(status.rejectedAt)}) was rejected:`, listProblems(status.rejected));
  return lines.join('\n');
}

function describeServing(status: CorpusStatus): string {
  const articles = status.documents === 1 ? '1 article' : `${status.documents} articles`;
  return `Serving ${articles} (${status.paragraphs} paragraphs, ${status.passages} passages) from ${status.dir}, loaded ${formatTime(status.loadedAt)}.`;
}

function listProblems(problems: readonly CorpusProblem[]): string {
  const shown = problems.slice(0, 10).map((problem) => `• ${formatCorpusProblem(problem)}`);
  if (problems.length > shown.length) shown.push(`• and ${problems.length - shown.length} more (see the log)`);
  return shown.join('\n');
}

function formatTime(date: Date | undefined): string {
  return date === undefined ? 'unknown' : `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

function topOf(deps: AskDeps): { top: number } {
  return { top: deps.top ?? 3 };
}

/** The one catch boundary of every handler: log the whole error once, show the user one safe sentence. */
async function guard(reply: ReplyPort, logger: Logger, context: LogContext, work: () => Promise<void>): Promise<void> {
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

/** Everything the listeners pass to the handlers. */
export type SlackDeps = AskDeps & { readonly admin: AdminDeps; readonly seen: SeenEvents };
