import type { LogContext, Logger, LogLevel } from '../../../src/index.js';
import { Recorder } from './wait.js';

export type LogEntry = { readonly level: LogLevel; readonly message: string; readonly code: string; readonly context: LogContext };

/**
 * A logger that records every entry, for asserting what reached the log (and what did not). `keep`
 * narrows what is recorded: load tests leave out Bolt's debug lines, thousands per second.
 */
export function fakeLogger(keep: (entry: LogEntry) => boolean = () => true): {
  logger: Logger;
  entries: LogEntry[];
  log: Recorder<LogEntry>;
} {
  const log = new Recorder<LogEntry>();
  const logger: Logger = (level, message, code, context = {}) => {
    const entry = { level, message, code, context };
    if (keep(entry)) log.add(entry);
  };
  return { logger, entries: log.entries, log };
}

/** Everything but Bolt's (and its clients') debug lines. */
export const withoutBoltDebug = (entry: LogEntry): boolean => !(entry.code === 'slack.bolt' && entry.level === 'debug');
