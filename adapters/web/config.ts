import { z } from 'zod';
import { coreEnvSchema, parseEnv, type Env } from '../../src/index.js';

/** `KEY=` in a .env file means "not set", not "set to nothing". */
const unsetIfEmpty = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(unsetIfEmpty, schema.optional());

/** The port `npm run web` serves on when WEB_PORT is not set. */
export const defaultWebPort = 8080;

/** `https://news.example` or `http://localhost:3000`: a scheme, a host and maybe a port; no path. */
const origin = z
  .string()
  .trim()
  .regex(/^https?:\/\/[a-z0-9.-]+(?::\d{1,5})?$/i, 'must list origins like https://news.example, separated by commas');

/** The parts of a comma-separated list, blanks dropped. */
const splitList = (text: string) =>
  text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');

/**
 * The web front door's environment: the core keys plus the web's. The front door starts with `npm start`
 * when WEB_PORT is set, and alone with `npm run web`. Messages name the variable and the rule, never the value.
 */
export const webEnvSchema = coreEnvSchema.extend({
  /** The HTTP port. Setting it starts the web front door with `npm start`; 0 picks a free port. @default unset (8080 for `npm run web`) */
  WEB_PORT: optional(z.coerce.number().int().min(0).max(65_535)),
  /** The address to listen on. @default '0.0.0.0' (every IPv4 interface) */
  WEB_HOST: z.preprocess(unsetIfEmpty, z.string().trim().min(1).default('0.0.0.0')),
  /** Origins whose pages may call the API from the browser (CORS). @default none: CORS is off */
  WEB_ALLOWED_ORIGINS: z.preprocess(unsetIfEmpty, z.string().default('')).transform(splitList).pipe(z.array(origin)),
  /** Origins whose pages may show `/embed` in an iframe, or `*` for any. @default '*' */
  WEB_EMBED_ORIGINS: z
    .preprocess(unsetIfEmpty, z.string().default('*'))
    .transform((text) => (text.trim() === '*' ? ('*' as const) : splitList(text)))
    .pipe(z.union([z.literal('*'), z.array(origin)])),
  /** The admin page's token (at least 16 characters). @default unset: no admin page */
  WEB_ADMIN_TOKEN: optional(z.string().trim().min(16, 'must be at least 16 characters')),
  /** Questions per client address per minute (and as many Helpful / Not helpful marks); 0 turns the limit off. @default 30 */
  WEB_RATE_LIMIT: z.preprocess(unsetIfEmpty, z.coerce.number().int().min(0).max(100_000).default(30)),
  /**
   * The proxies (load balancers) whose `X-Forwarded-For` tells the client's address: comma-separated
   * addresses or CIDR ranges, or `loopback`, `linklocal`, `uniquelocal` (private ranges). The flood limit
   * counts per client address, so behind a proxy set this, or every reader counts as the proxy.
   * @default unset: the connection's own address
   */
  WEB_TRUST_PROXY: z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .transform(splitList)
      .pipe(
        z
          .array(
            z
              .string()
              .regex(
                /^(?:loopback|linklocal|uniquelocal|[0-9a-f.:]+(?:\/\d{1,3})?)$/i,
                'must list addresses or CIDR ranges like 10.0.0.0/8 (or loopback, linklocal, uniquelocal)',
              ),
          )
          .min(1),
      )
      .optional(),
  ),
  /** A Redis shared by several instances, so a client's flood limit counts across them. @default unset (each instance its own) */
  REDIS_URL: optional(z.url({ protocol: /^rediss?$/, error: 'must be a redis:// or rediss:// URL' })),
});

/** The web front door's validated configuration. */
export type WebConfig = z.infer<typeof webEnvSchema>;

/**
 * Reads and validates the web keys (and the core's) from `env`, failing once with every problem.
 *
 * @throws {ConfigError} naming each variable at fault, never its value.
 * @example loadWebConfig({ WEB_PORT: '8080' }).WEB_RATE_LIMIT // 30
 */
export function loadWebConfig(env: Env): WebConfig {
  return parseEnv(webEnvSchema, env);
}

/** True when `env` asks `npm start` for the web front door: WEB_PORT is set. */
export function isWebConfigured(env: Env): boolean {
  return (env['WEB_PORT']?.trim() ?? '') !== '';
}
