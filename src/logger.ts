/** Log levels, least to most severe. */
export const logLevels = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof logLevels)[number];

/** Extra structured fields for one log line. Never put a token or secret here. */
export type LogContext = Readonly<Record<string, unknown>>;

/**
 * The logger the core is given (MiniSearch-style injection: the core never writes to the console).
 * `code` is a stable identifier (`corpus.loaded`, `ask.failed`) that operators can grep and alert on.
 */
export type Logger = (level: LogLevel, message: string, code: string, context?: LogContext) => void;

/** A logger that drops everything: the default for library use and tests. */
export const silentLogger: Logger = () => undefined;

/** Where a stream logger writes; `process.stderr` fits. */
export type LogSink = { write(line: string): unknown; readonly isTTY?: boolean };

/**
 * A logger writing one line per entry at or above `minLevel`: JSON lines for machines, or a short
 * readable line when the sink is a terminal.
 *
 * @example createStreamLogger(process.stderr, 'info')('info', 'corpus loaded', 'corpus.loaded', { documents: 1 })
 */
export function createStreamLogger(sink: LogSink, minLevel: LogLevel, now: () => Date = () => new Date()): Logger {
  const threshold = logLevels.indexOf(minLevel);
  return (level, message, code, context = {}) => {
    if (logLevels.indexOf(level) < threshold) return;
    const time = now().toISOString();
    if (sink.isTTY === true) {
      const extra = Object.keys(context).length > 0 ? ` ${safeStringify(context)}` : '';
      sink.write(`${time.slice(11, 19)} ${level.toUpperCase().padEnd(5)} ${message} [${code}]${extra}\n`);
    } else {
      sink.write(`${safeStringify({ time, level, code, message, ...context })}\n`);
    }
  };
}

/** JSON that never throws: errors keep their name, message, stack and cause; cycles become "[Circular]". */
function safeStringify(value: unknown): string {
  const seen = new WeakSet<object>();
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v instanceof Error) {
      return { name: v.name, message: v.message, stack: v.stack, ...(v.cause === undefined ? {} : { cause: v.cause }) };
    }
    if (typeof v === 'bigint') return v.toString();
    if (typeof v === 'object' && v !== null) {
      if (seen.has(v)) return '[Circular]';
      seen.add(v);
    }
    return v;
  });
}
