import { ApplicationCommandOptionType, ApplicationCommandType, ApplicationIntegrationType, InteractionContextType, PermissionFlagsBits } from 'discord.js';
import { formatCorpusProblem, userMessageFor, type CorpusProblem, type CorpusStatus, type Logger, type ReloadOutcome } from '../../../src/index.js';
import type { ReplyPort } from '../ask.js';
import type { Command } from '../commands.js';
import { escapeMarkdown, limits, renderNotice } from '../render.js';

/** The admin side of the core: `Storybot` fits. */
export type AdminPort = {
  status(): CorpusStatus;
  reload(): Promise<ReloadOutcome>;
};

/** `/corpus status` and `/corpus reload`: for members with Manage Server, answered ephemerally. */
export const corpusCommand = {
  data: {
    type: ApplicationCommandType.ChatInput,
    name: 'corpus',
    description: 'See or reload the articles the bot answers from.',
    // Discord hides the command from members without Manage Server; admins can change this per server.
    default_member_permissions: PermissionFlagsBits.ManageGuild.toString(),
    contexts: [InteractionContextType.Guild],
    integration_types: [ApplicationIntegrationType.GuildInstall],
    options: [
      { type: ApplicationCommandOptionType.Subcommand, name: 'status', description: 'What is being served, and what the last load rejected.' },
      { type: ApplicationCommandOptionType.Subcommand, name: 'reload', description: 'Re-read the corpus directory; a bad corpus keeps the old one serving.' },
    ],
  },
  async execute(interaction, deps, reply) {
    const context = { userId: interaction.user.id };
    if (interaction.options.getSubcommand(true) === 'reload') await handleCorpusReload(reply, deps, context);
    else await handleCorpusStatus(reply, deps);
  },
} satisfies Command;

/** Replies with the corpus's status, ephemerally. */
export async function handleCorpusStatus(reply: ReplyPort, deps: { readonly admin: AdminPort }): Promise<void> {
  await reply.reply(renderNotice(describeStatus(deps.admin.status())));
}

/** Defers (a reload reads and indexes files), reloads, and reports what happened, ephemerally. */
export async function handleCorpusReload(reply: ReplyPort, deps: { readonly admin: AdminPort; readonly logger: Logger }, context: Record<string, unknown>): Promise<void> {
  await reply.defer(true);
  try {
    const outcome = await deps.admin.reload();
    const text = outcome.ok
      ? `Reloaded. ${describeStatus(outcome.status)}`
      : `The new corpus was rejected; the previous one keeps serving.\n${describeProblems(outcome.problems)}`;
    await reply.editReply(renderNotice(fitLines(text)));
  } catch (error) {
    deps.logger('error', 'corpus reload failed', 'discord.reload.failed', { ...context, error });
    await reply.editReply(renderNotice(userMessageFor(error)));
  }
}

/** Documents, passages, when and where from, and what the last load rejected. */
export function describeStatus(status: CorpusStatus): string {
  const loaded = Math.floor(status.loadedAt.getTime() / 1000);
  const lines = [
    `**${status.documents}** documents, **${status.paragraphs}** paragraphs, **${status.passages}** passages from \`${status.dir.replace(/`/g, "'")}\`, loaded <t:${loaded}:R>.`,
  ];
  if (status.rejected.length > 0) lines.push(`The last reload was rejected:\n${describeProblems(status.rejected)}`);
  return fitLines(lines.join('\n'));
}

function describeProblems(problems: readonly CorpusProblem[]): string {
  return problems.map((problem) => `- ${escapeMarkdown(formatCorpusProblem(problem))}`).join('\n');
}

/** Keeps whole lines within Discord's content limit, saying how many were left out. */
function fitLines(text: string): string {
  if (text.length <= limits.content) return text;
  const lines = text.split('\n');
  while (lines.length > 1 && lines.join('\n').length > limits.content - 40) lines.pop();
  return `${lines.join('\n')}\n… and more (see the log).`;
}
