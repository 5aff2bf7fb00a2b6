import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  PermissionFlagsBits,
} from 'discord.js';
import { userMessageFor, type CorpusStatus, type Logger, type ReloadOutcome } from '../../../src/index.js';
import type { ReplyPort } from '../ask.js';
import type { Command } from '../commands.js';
import { describeReload, describeShards, describeStatus, fitLines, type ShardSummary } from '../corpus-text.js';
import { renderNotice } from '../render.js';

/** The admin side of the core: `Storybot` fits. */
export type AdminPort = {
  status(): CorpusStatus;
  reload(): Promise<ReloadOutcome>;
  /** Under a ShardingManager: what every shard serves (each process has its own index). */
  shards?(): Promise<readonly ShardSummary[]>;
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
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'status',
        description: 'What is being served, and what the last reload found wrong.',
      },
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'reload',
        description: 'Re-read the corpus directory; a bad file keeps its last good version.',
      },
    ],
  },
  async execute(interaction, deps, reply) {
    const context = { userId: interaction.user.id };
    const refusal = corpusRefusal({
      inServer: interaction.inGuild(),
      canManageServer: interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) === true,
    });
    if (refusal !== undefined) {
      deps.logger('warn', 'refused /corpus to a member who may not run it', 'discord.corpus.refused', { ...context, refusal });
      return reply.reply(renderNotice(refusal));
    }
    if (interaction.options.getSubcommand(true) === 'reload') await handleCorpusReload(reply, deps, context);
    else await handleCorpusStatus(reply, deps);
  },
} satisfies Command;

/**
 * Why a member may not run `/corpus`, or undefined when they may. Discord hides the command from members
 * without Manage Server and outside servers, but a server's admins can change who sees it, and a client can
 * send it anyway: the handler checks the permissions Discord sends with the interaction, and refuses DMs.
 */
export function corpusRefusal(member: { readonly inServer: boolean; readonly canManageServer: boolean }): string | undefined {
  if (!member.inServer) return '/corpus works in a server only, not in direct messages.';
  return member.canManageServer ? undefined : 'Sorry, /corpus is for members with the Manage Server permission.';
}

/** Replies with the corpus's status, ephemerally; under a ShardingManager, with what every shard serves. */
export async function handleCorpusStatus(reply: ReplyPort, deps: { readonly admin: AdminPort }): Promise<void> {
  const { admin } = deps;
  if (admin.shards === undefined) {
    await reply.reply(renderNotice(describeStatus(admin.status())));
    return;
  }
  // Asking the other shards takes a round trip through the manager: acknowledge first.
  await reply.defer(true);
  const shards = await admin.shards();
  await reply.editReply(renderNotice(fitLines(`${describeStatus(admin.status())}\n${describeShards(shards)}`)));
}

/** Defers (a reload reads and indexes files), reloads, and reports what happened, ephemerally. */
export async function handleCorpusReload(
  reply: ReplyPort,
  deps: { readonly admin: AdminPort; readonly logger: Logger },
  context: Record<string, unknown>,
): Promise<void> {
  await reply.defer(true);
  try {
    await reply.editReply(renderNotice(describeReload(await deps.admin.reload())));
  } catch (error) {
    deps.logger('error', 'corpus reload failed', 'discord.reload.failed', { ...context, error });
    await reply.editReply(renderNotice(userMessageFor(error)));
  }
}
