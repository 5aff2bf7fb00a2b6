import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { LogLevel as CoreLogLevel, Logger } from '../../src/index.js';

/** Bolt's levels for the project's LOG_LEVEL, so Bolt skips what would be dropped anyway. */
const boltLevels: Record<CoreLogLevel, LogLevel> = {
  debug: LogLevel.DEBUG,
  info: LogLevel.INFO,
  warn: LogLevel.WARN,
  error: LogLevel.ERROR,
};

/** Routes Bolt's (and Socket Mode's, and the Web API client's) logs to the project's logger, tokens redacted. */
export function toBoltLogger(logger: Logger, level: CoreLogLevel): BoltLogger {
  let name = 'bolt';
  let current = boltLevels[level];
  const write =
    (at: CoreLogLevel) =>
    (...parts: unknown[]) =>
      logger(at, redact(parts.map(describe).join(' ')), 'slack.bolt', { from: name });
  return {
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    setLevel: (next) => void (current = next),
    getLevel: () => current,
    setName: (next) => void (name = next),
  };
}

function describe(part: unknown): string {
  if (typeof part === 'string') return part;
  if (part instanceof Error) return `${part.name}: ${part.message}`;
  try {
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- it returns undefined for undefined, a function or a symbol; its lib type says string
    return JSON.stringify(part) ?? String(part);
  } catch {
    return String(part);
  }
}

export function redact(text: string): string {
  return text.replace(/\b(xox[a-z]|xapp)-[A-Za-z0-9-]+/g, '$1-[redacted]');
}
