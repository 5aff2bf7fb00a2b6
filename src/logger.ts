/** Log levels, least to most severe. */
export const logLevels = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof logLevels)[number];

/** Extra structured fields for one log line. Never put a token or secret here. */
export type LogContext = Readonly<Record<string, unknown>>;

/**
 * The logger the core is given (MiniSearch-style injection: the core never writes to the console).
 * `code` is a stable identifier (`corpus.loaded`, `ask.failed`) that operators can grep and alert on.
 * The entry files give one that writes JSON lines through pino (`adapters/logging.ts`); tests give fakes.
 */
export type Logger = (level: LogLevel, message: string, code: string, context?: LogContext) => void;

/** A logger that drops everything: the default for library use and tests. */
export const silentLogger: Logger = () => undefined;
