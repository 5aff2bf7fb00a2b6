import type { LogContext, Logger, LogLevel } from '../../../src/index.js';

/** One recorded log call. */
export type LogEntry = { readonly level: LogLevel; readonly message: string; readonly code: string; readonly context: LogContext };

/** A `Logger` that records every entry, for assertions on what operators would see. */
export function fakeLogger(): Logger & { readonly entries: LogEntry[] } {
  const entries: LogEntry[] = [];
  const logger: Logger = (level, message, code, context = {}) => {
    entries.push({ level, message, code, context });
  };
  return Object.assign(logger, { entries });
}
