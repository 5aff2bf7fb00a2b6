import type { LogContext, Logger, LogLevel } from '../../../src/index.js';
import { Recorder } from './wait.js';

export type LogEntry = { readonly level: LogLevel; readonly message: string; readonly code: string; readonly context: LogContext };

/** A logger that records every entry, for asserting what reached the log (and what did not). */
export function fakeLogger(): { logger: Logger; entries: LogEntry[]; log: Recorder<LogEntry> } {
  const log = new Recorder<LogEntry>();
  const logger: Logger = (level, message, code, context = {}) => log.add({ level, message, code, context });
  return { logger, entries: log.entries, log };
}
