import { userMessageFor, type Answer, type AskOptions, type Logger, type ParagraphText, type RateDecision } from '../../src/index.js';
import { choiceLimits, matchArticles, type ArticleRef, type Choice } from './article-choices.js';
import { decodeCustomId, type ButtonAction } from './custom-ids.js';
import type { FirstResponses } from './first-responses.js';
import type { MarkedAnswers } from './marked-answers.js';
import { renderAnswer, renderMoreSources, renderNotice, renderParagraph, type OutgoingMessage } from './render.js';
import { within } from './within.js';

/**
 * How a handler answers one interaction: the few things Discord lets a bot do with it. `commands.ts`
 * implements this over discord.js; tests use a recording fake.
 */
export type ReplyPort = {
  /**
   * When Discord created the interaction (ms since the epoch, from its snowflake id). Discord's 3 s for the
   * first response run from then, not from when a busy bot gets round to the handler. @default the handler's start
   */
  readonly createdAt?: number;
  /** The first and only immediate response (callback type 4). */
  reply(message: OutgoingMessage): Promise<void>;
  /** Acknowledges now and answers later (callback type 5, "Storybot is thinking…"). */
  defer(ephemeral: boolean): Promise<void>;
  /** Replaces the deferred response. */
  editReply(message: OutgoingMessage): Promise<void>;
  /** Sends another message after the first response. */
  followUp(message: OutgoingMessage): Promise<void>;
  /** Deletes the first response. */
  deleteReply(): Promise<void>;
};

/** The part of the core the handlers use; `BotCore` (and so `Storybot`) fits, and so would an asynchronous core. */
export type StoryPort = {
  ask(question: string, options?: Pick<AskOptions, 'top' | 'article' | 'platform'>): Answer | PromiseLike<Answer>;
  paragraph(documentId: string, paragraph: number): ParagraphText | undefined | PromiseLike<ParagraphText | undefined>;
  suggest(typed: string, limit?: number): readonly string[] | PromiseLike<readonly string[]>;
  articles(): readonly ArticleRef[] | PromiseLike<readonly ArticleRef[]>;
  recordFeedback(
    platform: string,
    helpful: boolean,
    cited: { readonly documentId: string; readonly paragraph: number },
  ): void | PromiseLike<void>;
};

/** Recorded in the usage log beside each question and mark. */
export const platform = 'discord';

/** What every handler needs. */
export type HandlerDeps = {
  readonly story: StoryPort;
  readonly logger: Logger;
  /** Per-member flood limit; `RateLimiter` fits. */
  readonly limiter: { take(key: string): RateDecision };
  /** Excerpts per answer (the first in the reply, the rest behind "More sources"). @default 3 */
  readonly maxExcerpts?: number;
  /**
   * How long after Discord created the interaction its answer may still go as the first response; past this
   * it is deferred, so it is acknowledged well within Discord's 3 s even when the bot is busy. @default 1500
   */
  readonly deferAfterMs?: number;
  /** The clock (ms since the epoch), for tests. @default Date.now */
  readonly now?: () => number;
  /** When a deferred answer may be worked out: after every first response due, so none misses Discord's 3 s. @default at once */
  readonly firstResponses?: Pick<FirstResponses, 'turn'>;
  /** Who has marked which answer, so that a member's mark on an answer counts once. @default none kept (every mark counts) */
  readonly marked?: Pick<MarkedAnswers, 'markFirst'>;
};

/** Who asked what, from a slash command or a button; `article` (a document id) limits the answer to that article. */
export type AskRequest = { readonly question: string; readonly isPrivate: boolean; readonly userId: string; readonly article?: string };

export type { Choice } from './article-choices.js';

const { choices: maxChoices, chars: maxChoiceChars } = choiceLimits;

/** `/ask question:<text> [private:<bool>] [article:<id>]`: the best excerpt with its citation, or a friendly decline. */
export async function handleAsk(request: AskRequest, reply: ReplyPort, deps: HandlerDeps): Promise<void> {
  if (await refuseFlood(request.userId, reply, deps)) return;
  const top = deps.maxExcerpts ?? 3;
  const article = request.article?.trim() || undefined;
  const scope = article === undefined ? {} : { article };
  await respond(reply, request.isPrivate, deps, { command: 'ask', userId: request.userId, ...scope }, async () =>
    renderAnswer(await deps.story.ask(request.question, { top, platform, ...scope }), request.isPrivate, article),
  );
}

/** A click on one of our buttons; the custom id says what to do, so clicks work across restarts. */
export async function handleButton(
  request: { readonly customId: string; readonly userId: string; readonly messageId?: string },
  reply: ReplyPort,
  deps: HandlerDeps,
): Promise<void> {
  const action = decodeCustomId(request.customId);
  const context = { command: 'button', userId: request.userId, customId: request.customId };
  switch (action?.kind) {
    case undefined:
      deps.logger('warn', 'unknown button', 'discord.button.unknown', context);
      return reply.reply(renderNotice('That button is from an older version of the bot. Please ask again with /ask.'));
    case 'suggestion': {
      const scope = action.article === undefined ? {} : { article: action.article };
      return handleAsk({ question: action.question, isPrivate: action.isPrivate, userId: request.userId, ...scope }, reply, deps);
    }
    case 'more': {
      if (await refuseFlood(request.userId, reply, deps)) return;
      const top = Math.max(2, deps.maxExcerpts ?? 3);
      const scope = action.article === undefined ? {} : { article: action.article };
      return respond(reply, true, deps, context, async () =>
        renderMoreSources(await deps.story.ask(action.question, { top, platform, ...scope })),
      );
    }
    case 'paragraph':
      return respond(reply, true, deps, context, async () =>
        renderParagraph(await deps.story.paragraph(action.documentId, action.paragraph)),
      );
    case 'feedback':
      return handleMark(action, { userId: request.userId, messageId: request.messageId }, reply, deps, context);
  }
}

/**
 * "Helpful" / "Not helpful": records the mark on the cited paragraph and thanks only the clicker. A custom
 * id naming an article or paragraph the served corpus does not have (forged, or from a corpus since
 * changed) records nothing; a member's mark on one answer (the message with the buttons) counts once.
 * No flood limit: a mark costs nothing to answer, and each click is its own interaction.
 */
async function handleMark(
  mark: Extract<ButtonAction, { kind: 'feedback' }>,
  clicker: { readonly userId: string; readonly messageId: string | undefined },
  reply: ReplyPort,
  deps: HandlerDeps,
  context: Record<string, unknown>,
): Promise<void> {
  await respond(reply, true, deps, { ...context, helpful: mark.helpful }, async () => {
    const cited = { documentId: mark.documentId, paragraph: mark.paragraph };
    if (!(await isServed(deps.story, cited))) {
      deps.logger('warn', 'a mark named a paragraph the corpus does not have', 'discord.feedback.unknown', { ...context, ...cited });
      return renderNotice('Sorry, I could not note that: the story no longer has that paragraph. Ask again for a fresh answer.');
    }
    if (clicker.messageId !== undefined && deps.marked?.markFirst(clicker.messageId, clicker.userId) === false)
      return renderNotice('You have already marked this answer. Thanks!');
    await deps.story.recordFeedback(platform, mark.helpful, cited);
    return renderNotice('Thanks — noted.');
  });
}

/** Whether the served corpus has the paragraph (or, for paragraph 0, the article whose metadata it is). */
async function isServed(story: StoryPort, cited: { readonly documentId: string; readonly paragraph: number }): Promise<boolean> {
  if (cited.paragraph > 0) return (await story.paragraph(cited.documentId, cited.paragraph)) !== undefined;
  return (await story.articles()).some((article) => article.id === cited.documentId);
}

/** Autocomplete on `article`: up to 25 articles whose title or id matches what the member typed (ignoring case and accents). */
export async function handleArticleAutocomplete(
  typed: string,
  respondWith: (choices: Choice[]) => Promise<void>,
  deps: Pick<HandlerDeps, 'story' | 'logger'>,
): Promise<void> {
  let choices: Choice[] = [];
  try {
    choices = matchArticles(await deps.story.articles(), typed, maxChoices);
  } catch (error) {
    deps.logger('error', 'autocomplete failed', 'discord.autocomplete.failed', { error, typed, option: 'article' });
  }
  await respondWith(choices);
}

/** Autocomplete on `question`: up to 25 questions the story answers that match what the member typed. */
export async function handleAutocomplete(
  typed: string,
  respondWith: (choices: Choice[]) => Promise<void>,
  deps: Pick<HandlerDeps, 'story' | 'logger'>,
): Promise<void> {
  let choices: Choice[] = [];
  try {
    const suggestions = await deps.story.suggest(typed, maxChoices);
    choices = suggestions
      .map((s) => s.trim())
      .filter((s) => s !== '' && s.length <= maxChoiceChars)
      .slice(0, maxChoices)
      .map((s) => ({ name: s, value: s }));
  } catch (error) {
    deps.logger('error', 'autocomplete failed', 'discord.autocomplete.failed', { error, typed });
  }
  await respondWith(choices);
}

/** Answers with an ephemeral note and returns true when the member has asked too much lately. */
async function refuseFlood(userId: string, reply: ReplyPort, deps: HandlerDeps): Promise<boolean> {
  const decision = deps.limiter.take(userId);
  if (decision.allowed) return false;
  const seconds = Math.max(1, Math.ceil(decision.retryAfterMs / 1000));
  const at = Math.ceil(decision.retryAt.getTime() / 1000);
  deps.logger('info', 'member rate limited', 'discord.rate-limited', { userId, retryAfterMs: decision.retryAfterMs });
  await reply.reply(renderNotice(`You're asking faster than I can keep up. Please try again in ${seconds} s (<t:${at}:R>).`));
  return true;
}

type Settled = { readonly ok: true; readonly message: OutgoingMessage } | { readonly ok: false; readonly error: unknown };

/**
 * The one catch boundary of every handler. Answers directly when `produce` is done before `deferAfterMs`
 * have passed since Discord created the interaction, else defers so Discord gets its acknowledgement in
 * time: at once, before any work, when the interaction is already that old (it waited behind others);
 * any failure becomes an ephemeral safe sentence for the member and the whole error in the log.
 */
async function respond(
  reply: ReplyPort,
  ephemeral: boolean,
  deps: HandlerDeps,
  context: Record<string, unknown>,
  produce: () => Promise<OutgoingMessage>,
): Promise<void> {
  const started = performance.now();
  await respondTimed(reply, ephemeral, deps, context, produce);
  // One line per interaction, with how long the member waited (until the reply was accepted).
  deps.logger('info', 'interaction answered', 'discord.answered', {
    ...context,
    platform,
    latencyMs: Math.round(performance.now() - started),
  });
}

async function respondTimed(
  reply: ReplyPort,
  ephemeral: boolean,
  deps: HandlerDeps,
  context: Record<string, unknown>,
  produce: () => Promise<OutgoingMessage>,
): Promise<void> {
  const now = deps.now ?? Date.now;
  const left = Math.min(reply.createdAt ?? now(), now()) + (deps.deferAfterMs ?? 1500) - now();
  // Already late (it waited behind others): acknowledge before doing any work, and do the work once the
  // other interactions waiting for their first response have had theirs.
  if (left <= 0) {
    await reply.defer(ephemeral);
    await deps.firstResponses?.turn();
  }
  const settled: Promise<Settled> = produce().then(
    (message) => ({ ok: true, message }),
    (error: unknown) => ({ ok: false, error }),
  );
  const quick = left <= 0 ? undefined : await within(settled, left);
  if (quick !== undefined) {
    if (quick.ok) return reply.reply(quick.message);
    logFailure(deps.logger, quick.error, context);
    return reply.reply(renderNotice(userMessageFor(quick.error)));
  }
  if (left > 0) await reply.defer(ephemeral);
  const late = await settled;
  if (late.ok) return reply.editReply(late.message);
  logFailure(deps.logger, late.error, context);
  const sorry = renderNotice(userMessageFor(late.error));
  if (ephemeral) return reply.editReply(sorry);
  // A public "thinking…" cannot turn ephemeral: remove it and tell only the member.
  await reply.deleteReply();
  return reply.followUp(sorry);
}

function logFailure(logger: Logger, error: unknown, context: Record<string, unknown>): void {
  logger('error', 'interaction failed', 'discord.interaction.failed', { ...context, error });
}
