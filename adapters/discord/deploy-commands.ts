/**
 * `npm run discord:register`: registers (or updates) the bot's slash commands, to DISCORD_GUILD_ID when
 * set (instant, for development) or globally. Run it again after changing a command's definition.
 */
import 'dotenv/config';
import { createStreamLogger, userMessageFor } from '../../src/index.js';
import { registerCommands } from './commands.js';
import { loadDiscordConfig } from './config.js';

const logger = createStreamLogger(process.stderr, 'info');

try {
  const config = loadDiscordConfig(process.env);
  const where =
    config.DISCORD_GUILD_ID === undefined ? 'globally (may take up to an hour to appear)' : `to server ${config.DISCORD_GUILD_ID}`;
  const count = await registerCommands(config);
  logger('info', `registered ${count} commands ${where}`, 'discord.commands.registered', { count });
} catch (error) {
  // ConfigError messages name variables, never values; REST errors carry no token.
  logger('error', error instanceof Error ? error.message : String(error), 'discord.commands.register-failed', {
    hint: userMessageFor(error),
  });
  process.exitCode = 1;
}
