import { ApplicationCommandOptionType, ApplicationCommandType, ApplicationIntegrationType, InteractionContextType } from 'discord.js';
import { maxQuestionChars } from '../../../src/index.js';
import { handleAsk, handleAutocomplete } from '../ask.js';
import type { Command } from '../commands.js';

/** Option names, exactly as members see them. */
export const askOptions = { question: 'question', isPrivate: 'private' } as const;

/** `/ask question:<text> [private:<bool>]`, in servers and in DMs with the bot. */
export const askCommand = {
  data: {
    type: ApplicationCommandType.ChatInput,
    name: 'ask',
    description: 'Ask the story a question; the answer quotes the story and cites the paragraph.',
    contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
    integration_types: [ApplicationIntegrationType.GuildInstall],
    options: [
      {
        type: ApplicationCommandOptionType.String,
        name: askOptions.question,
        description: 'What do you want to know about the story?',
        required: true,
        autocomplete: true,
        max_length: maxQuestionChars,
      },
      {
        type: ApplicationCommandOptionType.Boolean,
        name: askOptions.isPrivate,
        description: 'Show the answer only to you (default: false).',
        required: false,
      },
    ],
  },
  async execute(interaction, deps, reply) {
    const question = interaction.options.getString(askOptions.question, true);
    const isPrivate = interaction.options.getBoolean(askOptions.isPrivate) ?? false;
    await handleAsk({ question, isPrivate, userId: interaction.user.id }, reply, deps);
  },
  async autocomplete(interaction, deps) {
    await handleAutocomplete(interaction.options.getFocused(), async (choices) => {
      await interaction.respond([...choices]);
    }, deps);
  },
} satisfies Command;
