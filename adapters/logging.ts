import { createRequire } from 'node:module';
import { pino, stdSerializers, type DestinationStream, type Logger as Pino } from 'pino';
import type { LogContext, Logger, LogLevel } from '../src/index.js';

/**
 * Keys whose values are secrets wherever they sit in a log entry, down to four levels (an API error's
 * `error.data.headers.authorization`): each becomes "[redacted]". The adapters never log these on purpose;
 * this catches the mistake. Secrets inside a message string are not found here: messages never hold them.
 */
const secretKeys = [
  'token',
  'DISCORD_TOKEN',
  'SLACK_BOT_TOKEN',
  'SLACK_APP_TOKEN',
  'SLACK_SIGNING_SECRET',
  'REDIS_URL',
  'appToken',
  'botToken',
  'signingSecret',
  'password',
  'authorization',
  'Authorization',
];
export const redactPaths: readonly string[] = secretKeys.flatMap((key) => [key, `*.${key}`, `*.*.${key}`, `*.*.*.${key}`]);

/** The core's `Logger`, plus children whose lines all carry some fields (`{ platform: 'slack' }`, `{ shard: 1 }`). */
export type ProcessLogger = Logger & { child(bindings: LogContext): ProcessLogger };

/** Where log lines go: `process.stderr` in production. */
export type LogDestination = { write(line: string): unknown; readonly isTTY?: boolean };

export type LoggerOptions = {
  /** The least severe level written (`LOG_LEVEL`). */
  readonly level: LogLevel;
  /** @default process.stderr */
  readonly destination?: LogDestination;
  /** Readable lines (pino-pretty) instead of JSON lines. @default whether the destination is a terminal */
  readonly pretty?: boolean;
  /** Colour in readable lines. @default a terminal, unless NO_COLOR is set */
  readonly color?: boolean;
};

/**
 * The process's logger, on pino: one JSON line per entry (`level`, `time`, `code`, the context, `message`),
 * or a readable line on a terminal. Errors anywhere at the top of the context keep their type, message,
 * stack and cause; secrets under the keys above are redacted.
 *
 * @example createLogger({ level: 'info' }).child({ platform: 'slack' })('info', 'started', 'slack.started', { mode: 'socket' })
 */
export function createLogger(options: LoggerOptions): ProcessLogger {
  const destination = options.destination ?? process.stderr;
  const isPretty = options.pretty ?? destination.isTTY === true;
  const color = options.color ?? (destination.isTTY === true && process.env['NO_COLOR'] === undefined);
  return wrap(
    pino(
      {
        level: options.level,
        base: null,
        messageKey: 'message',
        timestamp: pino.stdTimeFunctions.isoTime,
        formatters: { level: (label) => ({ level: label }) },
        redact: { paths: [...redactPaths], censor: '[redacted]' },
      },
      isPretty ? prettyDestination(destination, color) : (destination as DestinationStream),
    ),
  );
}

function wrap(instance: Pino): ProcessLogger {
  // A line below the level costs nothing: the web logs one at debug for every answer.
  const logger: Logger = (level, message, code, context = {}) => {
    if (instance.isLevelEnabled(level)) instance[level]({ code, ...withErrorsSerialized(context) }, message);
  };
  return Object.assign(logger, { child: (bindings: LogContext) => wrap(instance.child(withErrorsSerialized(bindings))) });
}

/** Errors as pino's serializer writes them (type, message, stack, cause, own fields); JSON would make them `{}`. */
function withErrorsSerialized(context: LogContext): LogContext {
  if (!Object.values(context).some((value) => value instanceof Error)) return context;
  return Object.fromEntries(
    Object.entries(context).map(([key, value]) => [key, value instanceof Error ? stdSerializers.err(value) : value]),
  );
}

type PrettyFactory = (options: Record<string, unknown>) => (line: string) => string;

/** pino-pretty in this thread (no worker), loaded only when a terminal is there to read it. */
function prettyDestination(destination: LogDestination, color: boolean): DestinationStream {
  const { prettyFactory } = createRequire(import.meta.url)('pino-pretty') as { prettyFactory: PrettyFactory };
  const prettify = prettyFactory({
    colorize: color,
    messageKey: 'message',
    messageFormat: '{message} [{code}]',
    ignore: 'code',
    translateTime: 'SYS:HH:MM:ss',
    singleLine: true,
  });
  return { write: (line: string) => destination.write(prettify(line)) };
}
