import { parseArgs, type ParseArgsConfig } from 'node:util';

type OptionSpecs = NonNullable<ParseArgsConfig['options']>;

/** A command line the program cannot run: the message names the option or value at fault. */
export class UsageError extends Error {
  override name = 'UsageError' as const;
}

/**
 * One command's command line: its options (as `node:util` parseArgs takes them; `-h`/`--help` is added),
 * how many positional arguments it takes, and the usage text `--help` prints.
 */
export type Command<O extends OptionSpecs> = {
  /** How people run it, for messages: `npm run ask --`. */
  readonly name: string;
  readonly usage: string;
  readonly options: O;
  /** The most positional arguments it takes. @default 0 */
  readonly maxPositionals?: number;
};

/** A command, its option types inferred (`type: 'string'` stays a literal). */
export const defineCommand = <O extends OptionSpecs>(command: Command<O>): Command<O> => command;

type Config<O extends OptionSpecs> = { options: O; allowPositionals: true; strict: true };
/** What a command line asked for: typed values of its options, and its positional arguments. */
export type CommandLine<O extends OptionSpecs> = ReturnType<typeof parseArgs<Config<O>>>;

/**
 * Reads `argv` against `command`: `'help'` when it asks for help.
 *
 * @throws {UsageError} for an unknown option, a missing or unwanted value, or too many arguments, with a
 * message naming it (node's own messages tell npm users to add a `--` they already gave).
 */
export function parseCommandLine<O extends OptionSpecs>(command: Command<O>, argv: readonly string[]): CommandLine<O> | 'help' {
  const options = { ...command.options, help: { type: 'boolean', short: 'h' } } satisfies OptionSpecs;
  const { tokens } = parseArgs({ args: [...argv], options, allowPositionals: true, strict: false, tokens: true });
  // Asking for help wins over any mistake on the same line.
  if (tokens.some((token) => token.kind === 'option' && token.name === 'help')) return 'help';
  let positionals = 0;
  for (const token of tokens) {
    if (token.kind === 'positional') positionals += 1;
    else if (token.kind === 'option') checkOption(options, token);
  }
  const max = command.maxPositionals ?? 0;
  if (positionals > max) {
    const extra = tokens.filter((token) => token.kind === 'positional')[max];
    throw new UsageError(`unexpected argument "${extra?.value ?? ''}"${max === 0 ? ': this command takes options only' : ''}`);
  }
  const config = { args: [...argv], options, allowPositionals: true as const, strict: true as const };
  return parseArgs<Config<O>>(config);
}

type OptionToken = { name: string; rawName: string; value?: string | undefined; inlineValue?: boolean | undefined };

function checkOption(options: OptionSpecs, token: OptionToken): void {
  const spec = options[token.name];
  if (spec === undefined) throw new UsageError(`unknown option ${token.rawName}`);
  if (spec.type === 'boolean' && token.value !== undefined) throw new UsageError(`${token.rawName} takes no value`);
  if (spec.type !== 'string') return;
  if (token.value === undefined) throw new UsageError(`${token.rawName} needs a value`);
  // `--top --json` forgot the value; a value that starts with a dash is written `--seed=-5`.
  if (token.inlineValue === false && token.value.startsWith('-')) {
    throw new UsageError(`${token.rawName} needs a value (for one starting with -, write ${token.rawName}=${token.value})`);
  }
}

/**
 * A whole number from an option's value, within `[min, max]`.
 *
 * @throws {UsageError} naming the option and the value.
 * @example wholeNumber('--top', '3', { min: 1, max: 10 }) // 3
 */
export function wholeNumber(option: string, value: string, range: { min: number; max?: number }): number {
  const number = Number(value);
  const max = range.max ?? Number.MAX_SAFE_INTEGER;
  if (value.trim() === '' || !Number.isInteger(number) || number < range.min || number > max) {
    const wanted = range.max === undefined ? `${range.min} or more` : `from ${range.min} to ${range.max}`;
    throw new UsageError(`${option} must be a whole number ${wanted}, not "${value}".`);
  }
  return number;
}

/**
 * Runs a command written as a function: `--help` prints its usage to stdout (exit 0); a `UsageError`, from
 * parsing or from `run`, prints one line to stderr (exit 2); otherwise `run`'s exit code. Other errors
 * propagate. Entry files import their heavy modules inside `run`, so `--help` and a mistake answer at once.
 */
export async function runCommand<O extends OptionSpecs>(
  command: Command<O>,
  argv: readonly string[],
  run: (line: CommandLine<O>) => Promise<number>,
): Promise<number> {
  try {
    const line = parseCommandLine(command, argv);
    return line === 'help' ? printUsage(command) : await run(line);
  } catch (error) {
    return reportUsageError(command, error);
  }
}

/**
 * For a script written as top-level code: its command line, read by `read` (which may throw a
 * `UsageError` for a bad value). Exits the process at once after `--help` (0) or a usage error (2).
 *
 * @example const { runs } = readCommandLine(fuzzCommand, process.argv.slice(2), ({ values }) => ({ runs: wholeNumber('--runs', values.runs, { min: 1 }) }))
 */
export function readCommandLine<O extends OptionSpecs, T>(
  command: Command<O>,
  argv: readonly string[],
  read: (line: CommandLine<O>) => T,
): T {
  try {
    const line = parseCommandLine(command, argv);
    if (line !== 'help') return read(line);
    process.exit(printUsage(command));
  } catch (error) {
    process.exit(reportUsageError(command, error));
  }
}

function printUsage(command: Command<OptionSpecs>): number {
  process.stdout.write(`${command.usage}\n`);
  return 0;
}

function reportUsageError(command: Command<OptionSpecs>, error: unknown): number {
  if (!(error instanceof UsageError)) throw error;
  process.stderr.write(`${error.message} (${command.name} --help for usage)\n`);
  return 2;
}
