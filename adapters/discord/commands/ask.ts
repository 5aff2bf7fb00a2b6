import { ApplicationCommandOptionType, ApplicationCommandType, ApplicationIntegrationType, InteractionContextType } from 'discord.js';
import { maxQuestionChars } from '../../../src/index.js';
import { choiceLimits } from '../article-choices.js';
import { handleArticleAutocomplete, handleAsk, handleAutocomplete } from '../ask.js';
import type { Command } from '../commands.js';

/** Option names, exactly as members see them. */
export const askOptions = { question: 'question', isPrivate: 'private', article: 'article' } as const;

/** `/ask question:<text> [private:<bool>] [article:<document id>]`, in servers and in DMs with the bot. */
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
      {
        type: ApplicationCommandOptionType.String,
        name: askOptions.article,
        description: 'Answer from this article only (pick one from the list).',
        required: false,
        autocomplete: true,
        // Choice values are document ids, which Discord caps at 100 characters.
        max_length: choiceLimits.chars,
      },
    ],
  },
  async execute(interaction, deps, reply) {
    const question = interaction.options.getString(askOptions.question, true);
    const isPrivate = interaction.options.getBoolean(askOptions.isPrivate) ?? false;
    const article = interaction.options.getString(askOptions.article) ?? undefined;
    await handleAsk({ question, isPrivate, userId: interaction.user.id, ...(article === undefined ? {} : { article }) }, reply, deps);
  },
  async autocomplete(interaction, deps) {
    // Discord says which option the member is typing in; the others may be half-typed or missing.
    const focused = interaction.options.getFocused(true);
    const handle = focused.name === askOptions.article ? handleArticleAutocomplete : handleAutocomplete;
    await handle(
      focused.value,
      async (choices) => {
        await interaction.respond([...choices]);
      },
      deps,
    );
  },
} satisfies Command;
