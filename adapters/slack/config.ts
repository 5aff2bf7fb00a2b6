import { z } from 'zod';
import { coreEnvSchema, parseEnv, type Env } from '../../src/index.js';

/** `KEY=` in a .env file means "not set", not "set to nothing". */
const unsetIfEmpty = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(unsetIfEmpty, schema.optional());

/** A Slack user id (`U…`, or `W…` on Enterprise Grid). */
const userIdPattern = /^[UW][A-Z0-9]{2,}$/;
/** A Slack channel id: public (`C…`) or private (`G…`). */
const channelIdPattern = /^[CG][A-Z0-9]{2,}$/;

/**
 * The Slack adapter's environment: the core keys plus Slack's. Socket Mode when SLACK_APP_TOKEN is set;
 * HTTP mode (Bolt's signature verification on PORT at /slack/events) when only SLACK_SIGNING_SECRET is.
 * Messages name the variable and the rule, never the value.
 */
export const slackEnvSchema = coreEnvSchema
  .extend({
    /** The bot token (`xoxb-…`) from "OAuth & Permissions". */
    SLACK_BOT_TOKEN: z.preprocess(unsetIfEmpty, z.string({ error: 'is required' }).trim().startsWith('xoxb-', 'must start with xoxb-')),
    /** An app-level token (`xapp-…`) with `connections:write`: turns on Socket Mode. */
    SLACK_APP_TOKEN: optional(z.string().trim().startsWith('xapp-', 'must start with xapp-')),
    /** The signing secret from "Basic Information": turns on HTTP mode when SLACK_APP_TOKEN is not set. */
    SLACK_SIGNING_SECRET: optional(z.string().trim().min(8, 'is too short to be a signing secret')),
    /** Comma-separated user ids allowed to run /corpus. @default '' (nobody) */
    SLACK_ADMIN_USER_IDS: z
      .preprocess(unsetIfEmpty, z.string().default(''))
      .transform((ids) =>
        ids
          .split(',')
          .map((id) => id.trim())
          .filter((id) => id !== ''),
      )
      .pipe(z.array(z.string().regex(userIdPattern, 'must list Slack user ids like U012ABCDEF, separated by commas'))),
    /**
     * A channel (id like `C0123ABCD`) told when a corpus reload finds problems, and when it recovers.
     * The bot must be a member (`/invite @storybot`). @default unset (nobody is told)
     */
    SLACK_ADMIN_CHANNEL_ID: optional(z.string().trim().regex(channelIdPattern, 'must be a Slack channel id like C0123ABCD')),
    /** The HTTP port in HTTP mode. @default 3000 */
    PORT: z.preprocess(unsetIfEmpty, z.coerce.number().int().min(0).max(65_535).default(3000)),
    /** The Web API base, for tests against a local stand-in. @default 'https://slack.com/api/' */
    SLACK_API_URL: optional(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' })),
    /**
     * Redis shared by several instances (`redis://[[user]:password@]host[:port][/db]`, `rediss://` for
     * TLS), for event de-duplication and flood limits. @default unset (each instance keeps its own, in memory)
     */
    REDIS_URL: optional(z.url({ protocol: /^rediss?$/, error: 'must be a redis:// or rediss:// URL' })),
  })
  .superRefine((env, context) => {
    if (env.SLACK_APP_TOKEN === undefined && env.SLACK_SIGNING_SECRET === undefined) {
      context.addIssue({
        code: 'custom',
        path: ['SLACK_APP_TOKEN'],
        message: 'set SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP mode)',
      });
    }
  })
  .transform((env) => ({ ...env, mode: env.SLACK_APP_TOKEN === undefined ? ('http' as const) : ('socket' as const) }));

/** The Slack adapter's validated configuration. `mode` says which receiver runs. */
export type SlackConfig = z.infer<typeof slackEnvSchema>;

/**
 * Reads and validates the Slack keys (and the core's) from `env`, failing once with every problem.
 *
 * @throws {ConfigError} naming each variable at fault, never its value.
 * @example loadSlackConfig({ SLACK_BOT_TOKEN: 'xoxb-fake', SLACK_APP_TOKEN: 'xapp-fake' }).mode // 'socket'
 */
export function loadSlackConfig(env: Env): SlackConfig {
  return parseEnv(slackEnvSchema, env);
}

/** True when `env` asks for the Slack adapter: a bot token and either an app token or a signing secret. */
export function isSlackConfigured(env: Env): boolean {
  const isSet = (key: string) => (env[key]?.trim() ?? '') !== '';
  return isSet('SLACK_BOT_TOKEN') && (isSet('SLACK_APP_TOKEN') || isSet('SLACK_SIGNING_SECRET'));
}
