import { loadDotenv } from '../env.js';
import { defineCommand, runCommand } from '../command-line.js';

const command = defineCommand({
  name: 'npm run discord:register --',
  usage: `Usage: npm run discord:register

Registers (or updates) the bot's slash commands with Discord: to the server DISCORD_GUILD_ID when it is
set (instant, for development), else globally (may take up to an hour to appear). Reads DISCORD_TOKEN and
DISCORD_APPLICATION_ID from the environment or .env. Run it again after changing a command's definition.

Exit codes: 0 registered, 1 Discord or the settings refused, 2 usage error.`,
  options: {},
});

/**
 * `npm run discord:register`: registers (or updates) the bot's slash commands, to DISCORD_GUILD_ID when
 * set (instant, for development) or globally. Run it again after changing a command's definition.
 */
loadDotenv();
process.exitCode = await runCommand(command, process.argv.slice(2), async () => {
  const [{ userMessageFor }, { createLogger }, { registerCommands }, { loadDiscordConfig }] = await Promise.all([
    import('../../src/index.js'),
    import('../logging.js'),
    import('./commands.js'),
    import('./config.js'),
  ]);
  const logger = createLogger({ level: 'info' }).child({ platform: 'discord' });
  try {
    const config = loadDiscordConfig(process.env);
    const where =
      config.DISCORD_GUILD_ID === undefined ? 'globally (may take up to an hour to appear)' : `to server ${config.DISCORD_GUILD_ID}`;
    const count = await registerCommands(config);
    logger('info', `registered ${count} commands ${where}`, 'discord.commands.registered', { count });
    return 0;
  } catch (error) {
    // ConfigError messages name variables, never values; REST errors carry no token.
    logger('error', error instanceof Error ? error.message : String(error), 'discord.commands.register-failed', {
      hint: userMessageFor(error),
    });
    return 1;
  }
});
