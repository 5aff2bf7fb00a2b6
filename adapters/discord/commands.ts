import {
  MessageFlags,
  REST,
  Routes,
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
  type RepliableInteraction,
} from 'discord.js';
import { handleButton, type HandlerDeps, type ReplyPort } from './ask.js';
import { askCommand } from './commands/ask.js';
import { corpusCommand, type AdminPort } from './commands/corpus.js';
import { restOptionsFor, type DiscordConfig } from './config.js';
import { renderNotice, type OutgoingMessage } from './render.js';

/** What command handlers are given: the ask handlers' needs plus the admin side of the core. */
export type CommandDeps = HandlerDeps & { readonly admin: AdminPort };

/** One slash command: its registration payload and its handlers (create-discord-bot's shape). */
export type Command = {
  readonly data: RESTPostAPIChatInputApplicationCommandsJSONBody;
  execute(interaction: ChatInputCommandInteraction, deps: CommandDeps, reply: ReplyPort): Promise<void>;
  autocomplete?(interaction: AutocompleteInteraction, deps: CommandDeps): Promise<void>;
};

/** Every command the bot registers and answers. */
export const commands: readonly Command[] = [askCommand, corpusCommand];

const byName = new Map(commands.map((command) => [command.data.name, command]));

/** Sends one interaction to its handler: slash commands by name, autocomplete, and our buttons. */
export async function routeInteraction(interaction: Interaction, deps: CommandDeps, onFirstResponse?: () => void): Promise<void> {
  if (interaction.isChatInputCommand()) {
    const command = byName.get(interaction.commandName);
    if (command !== undefined) return command.execute(interaction, deps, replyPortFor(interaction, onFirstResponse));
    deps.logger('warn', 'unknown command', 'discord.command.unknown', { command: interaction.commandName });
    return replyPortFor(interaction, onFirstResponse).reply(renderNotice('I no longer know that command. Try /ask.'));
  }
  if (interaction.isAutocomplete()) {
    const command = byName.get(interaction.commandName);
    return command?.autocomplete?.(interaction, deps) ?? interaction.respond([]);
  }
  if (interaction.isButton()) {
    const request = { customId: interaction.customId, userId: interaction.user.id, messageId: interaction.message.id };
    return handleButton(request, replyPortFor(interaction, onFirstResponse), deps);
  }
}

/**
 * The `ReplyPort` over a discord.js interaction: a few lines of glue, so handlers stay SDK-free.
 * `onFirstResponse` is told once the first response (an answer or a deferral) has been sent.
 */
export function replyPortFor(interaction: RepliableInteraction, onFirstResponse: () => void = () => undefined): ReplyPort {
  return {
    createdAt: interaction.createdTimestamp,
    async reply(message) {
      await interaction.reply({ ...body(message), ...flags(message.ephemeral) });
      onFirstResponse();
    },
    async defer(ephemeral) {
      await interaction.deferReply(flags(ephemeral));
      onFirstResponse();
    },
    async editReply(message) {
      await interaction.editReply(body(message));
    },
    async followUp(message) {
      await interaction.followUp({ ...body(message), ...flags(message.ephemeral) });
    },
    async deleteReply() {
      await interaction.deleteReply();
    },
  };
}

function body(message: OutgoingMessage) {
  return {
    ...(message.content === undefined ? {} : { content: message.content }),
    embeds: [...message.embeds],
    components: [...message.components],
    allowedMentions: { parse: [] },
  };
}

function flags(ephemeral: boolean): { flags?: MessageFlags.Ephemeral } {
  return ephemeral ? { flags: MessageFlags.Ephemeral } : {};
}

/**
 * Registers (or updates) every command: to one server when DISCORD_GUILD_ID is set (instant), else
 * globally. A PUT replaces the whole set, so removed commands disappear too.
 * @returns how many commands Discord now has for the bot there.
 */
export async function registerCommands(config: DiscordConfig, rest: REST = new REST(restOptionsFor(config).rest ?? {})): Promise<number> {
  rest.setToken(config.DISCORD_TOKEN);
  const route =
    config.DISCORD_GUILD_ID === undefined
      ? Routes.applicationCommands(config.DISCORD_APPLICATION_ID)
      : Routes.applicationGuildCommands(config.DISCORD_APPLICATION_ID, config.DISCORD_GUILD_ID);
  const registered = await rest.put(route, { body: commands.map((command) => command.data) });
  return Array.isArray(registered) ? registered.length : 0;
}
