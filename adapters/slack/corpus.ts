import type { BotCore, Logger } from '../../src/index.js';
import { guard, type ReplyPort } from './ask.js';
import { renderNotice } from './render.js';
import { renderReloadReply, renderStatus } from './render-corpus.js';

/** The part of the core admins drive with /corpus. */
export type AdminCore = Pick<BotCore, 'status' | 'reload'>;

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
    if (subcommand === 'status') return reply.send(renderStatus(deps.bot.status()));
    if (subcommand !== 'reload') return reply.send(renderNotice('Usage: /corpus status, or /corpus reload'));
    const outcome = await deps.bot.reload();
    deps.logger('info', 'corpus reload requested from Slack', 'slack.corpus_reload', { ...context, ok: outcome.ok });
    await reply.send(renderReloadReply(outcome));
  });
}
