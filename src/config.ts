import { z } from 'zod';
import { ConfigError } from './errors.js';
import { logLevels } from './logger.js';

/** The environment keys the core reads. Each platform adapter extends this schema with its own. */
export const coreEnvSchema = z.object({
  /** Directory of article files. @default 'corpus' */
  CORPUS_DIR: z.string().trim().min(1).default('corpus'),
  /** How many cited excerpts an answer holds at most. @default 3 */
  MAX_EXCERPTS: z.coerce.number().int().min(1).max(10).default(3),
  /**
   * Directory of the usage log (declined questions, cited paragraphs, readers' marks; no user ids),
   * read by `npm run report`. `off` turns it off. @default 'logs'
   */
  USAGE_LOG_DIR: z.string().trim().min(1).default('logs'),
  /**
   * Directory where serialized indexes are cached by corpus content, so an unchanged corpus starts
   * without re-indexing. `off` turns it off. @default '.cache/index'
   */
  INDEX_CACHE_DIR: z.string().trim().min(1).default('.cache/index'),
  /**
   * How many answers the running bot keeps, by question and options, so a question asked again costs no
   * answering (a reload empties it); 0 turns it off. @default 1000
   */
  ANSWER_CACHE_SIZE: z.coerce.number().int().min(0).max(100_000).default(1000),
  /**
   * The most megabytes of article files read in all; files past it are left out, each with a problem.
   * Raise it for a corpus of more than about 10,000 articles. @default 128
   */
  CORPUS_MAX_MB: z.coerce.number().int().min(1).max(65_536).default(128),
  /** The least severe level that is logged. @default 'info' */
  LOG_LEVEL: z.enum(logLevels).default('info'),
});

export type CoreConfig = z.infer<typeof coreEnvSchema>;

/** An environment record: `process.env` in entry files, a plain object in tests. */
export type Env = Readonly<Record<string, string | undefined>>;

/**
 * Parses `env` against `schema` once, at startup, failing with every problem at once. Messages name
 * the variable and the rule, never the value, so a mistyped secret is not echoed into a log.
 */
export function parseEnv<Schema extends z.ZodType>(schema: Schema, env: Env): z.infer<Schema> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => `  ${issue.path.join('.') || '(environment)'}: ${issue.message}`);
  throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
}

/** Reads the core's keys from `env`. @example loadCoreConfig({ CORPUS_DIR: 'corpus' }) */
export function loadCoreConfig(env: Env): CoreConfig {
  return parseEnv(coreEnvSchema, env);
}
