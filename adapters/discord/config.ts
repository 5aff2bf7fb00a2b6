import { z } from 'zod';
import { coreEnvSchema, parseEnv, type Env } from '../../src/index.js';

/** Treats `KEY=` (an empty line in .env) as unset, so optional keys can be left blank. */
const blankAsUnset = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

const snowflake = z.string().trim().regex(/^\d{17,20}$/, 'expected a Discord id: 17 to 20 digits');

/**
 * The environment keys of the Discord front door, on top of the core's. zod's messages here name the
 * rule, never the value, so a mistyped token is not echoed into a log.
 */
export const discordEnvSchema = coreEnvSchema.extend({
  /** The bot token from the developer portal (Bot → Reset Token). Secret. */
  DISCORD_TOKEN: z.preprocess(blankAsUnset, z.string({ error: 'required: the bot token from the Discord developer portal' }).trim().min(1)),
  /** The application id (General Information → Application ID). */
  DISCORD_APPLICATION_ID: z.preprocess(blankAsUnset, z.string({ error: 'required: the application id from the Discord developer portal' }).pipe(snowflake)),
  /** Register commands to this one server only (instant updates while developing). @default unset: global */
  DISCORD_GUILD_ID: z.preprocess(blankAsUnset, snowflake.optional()),
  /**
   * A channel where the bot tells admins when a corpus reload finds problems, and when the corpus recovers.
   * The bot needs View Channel and Send Messages there. @default unset: no messages
   */
  DISCORD_ADMIN_CHANNEL_ID: z.preprocess(blankAsUnset, snowflake.optional()),
  /** The REST API base, for tests against a local stand-in. @default unset: discord.js's https://discord.com/api */
  DISCORD_API_URL: z.preprocess(blankAsUnset, z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' }).optional()),
});

/** The validated Discord configuration. */
export type DiscordConfig = z.infer<typeof discordEnvSchema>;

/**
 * Reads and validates the Discord keys (and the core's) from `env`, once, at startup.
 * @throws {ConfigError} naming every variable at fault.
 * @example loadDiscordConfig({ DISCORD_TOKEN: 'fake-token', DISCORD_APPLICATION_ID: '100000000000000001' })
 */
export function loadDiscordConfig(env: Env): DiscordConfig {
  return parseEnv(discordEnvSchema, env);
}

/** Whether the Discord front door should start: a token is set (and not blank). */
export function isDiscordConfigured(env: Env): boolean {
  return (env['DISCORD_TOKEN'] ?? '').trim() !== '';
}

/** The `rest` client option for discord.js: `{ api }` when DISCORD_API_URL is set, nothing otherwise. */
export function restOptionsFor(config: DiscordConfig): { rest?: { api: string } } {
  return config.DISCORD_API_URL === undefined ? {} : { rest: { api: config.DISCORD_API_URL } };
}
