import { z } from 'zod';
import { coreEnvSchema, parseEnv, type Env } from '../../src/index.js';

/** Treats `KEY=` (an empty line in .env) as unset, so optional keys can be left blank. */
const blankAsUnset = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

const snowflake = z
  .string()
  .trim()
  .regex(/^\d{17,20}$/, 'expected a Discord id: 17 to 20 digits');

/**
 * The environment keys of the Discord front door, on top of the core's. zod's messages here name the
 * rule, never the value, so a mistyped token is not echoed into a log.
 */
export const discordEnvSchema = coreEnvSchema.extend({
  /** The bot token from the developer portal (Bot → Reset Token). Secret. */
  DISCORD_TOKEN: z.preprocess(blankAsUnset, z.string({ error: 'required: the bot token from the Discord developer portal' }).trim().min(1)),
  /** The application id (General Information → Application ID). */
  DISCORD_APPLICATION_ID: z.preprocess(
    blankAsUnset,
    z.string({ error: 'required: the application id from the Discord developer portal' }).pipe(snowflake),
  ),
  /** Register commands to this one server only (instant updates while developing). @default unset: global */
  DISCORD_GUILD_ID: z.preprocess(blankAsUnset, snowflake.optional()),
  /**
   * A channel where the bot tells admins when a corpus reload finds problems, and when the corpus recovers.
   * The bot needs View Channel and Send Messages there. @default unset: no messages
   */
  DISCORD_ADMIN_CHANNEL_ID: z.preprocess(blankAsUnset, snowflake.optional()),
  /** The REST API base, for tests against a local stand-in. @default unset: discord.js's https://discord.com/api */
  DISCORD_API_URL: z.preprocess(blankAsUnset, z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' }).optional()),
  /**
   * Run under discord.js's ShardingManager, one process per shard, each with its own index: a number of
   * shards, or `auto` for the count Discord recommends (GET /gateway/bot). @default unset: one process, no manager
   */
  DISCORD_SHARDS: z.preprocess(
    blankAsUnset,
    z
      .string()
      .trim()
      .regex(/^(?:auto|[1-9]\d*)$/i, 'expected auto or a whole number of shards, 1 or more')
      .transform((value) => (value.toLowerCase() === 'auto' ? 'auto' : Number(value)))
      .optional(),
  ),
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

/** Which shard a process serves: discord.js's ShardingManager tells each child in SHARDS and SHARD_COUNT. */
export type ShardPlace = { readonly id: number; readonly count: number };

const shardEnvSchema = z
  .object({
    SHARDS: z.coerce.number().int().min(0),
    SHARD_COUNT: z.coerce.number().int().min(1),
  })
  .refine((env) => env.SHARDS < env.SHARD_COUNT, { error: 'SHARDS must be below SHARD_COUNT', path: ['SHARDS'] });

/**
 * The shard this process serves when discord.js's ShardingManager started it (SHARDING_MANAGER, SHARDS
 * and SHARD_COUNT set), else undefined: the process serves every shard itself.
 * @throws {ConfigError} when SHARDS or SHARD_COUNT is malformed.
 */
export function shardFromEnv(env: Env): ShardPlace | undefined {
  if (env['SHARDING_MANAGER'] !== 'true' || env['SHARDS'] === undefined) return undefined;
  const { SHARDS, SHARD_COUNT } = parseEnv(shardEnvSchema, env);
  return { id: SHARDS, count: SHARD_COUNT };
}

/** Whether the Discord front door should start: a token is set (and not blank). */
export function isDiscordConfigured(env: Env): boolean {
  return (env['DISCORD_TOKEN'] ?? '').trim() !== '';
}

/** The `rest` client option for discord.js: `{ api }` when DISCORD_API_URL is set, nothing otherwise. */
export function restOptionsFor(config: DiscordConfig): { rest?: { api: string } } {
  return config.DISCORD_API_URL === undefined ? {} : { rest: { api: config.DISCORD_API_URL } };
}
