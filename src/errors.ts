/**
 * Errors of the core. Each carries a detailed `message` for logs and a safe `userMessage` for chat
 * (no paths, stacks or raw validation output), and wraps what caused it with `{ cause }`.
 */

const genericUserMessage = 'Sorry, something went wrong. Please try again later.';

/** The base of every error Storybot raises on purpose. */
export class BotError extends Error {
  override name = 'BotError';
  readonly userMessage: string = genericUserMessage;
}

/** A configuration value is missing or malformed; `message` names every variable at fault, never a secret's value. */
export class ConfigError extends BotError {
  override name = 'ConfigError' as const;
  override readonly userMessage = 'The bot is misconfigured; an admin has been told.';
}

/** One thing wrong with one corpus file (or with the corpus directory itself when `file` is the directory). */
export type CorpusProblem = {
  /** The file's path as the admin gave it (or the directory's). */
  readonly file: string;
  /** The 1-based line the problem is on, when it has one. */
  readonly line?: number;
  /** What is wrong, in words an admin can act on. */
  readonly problem: string;
};

/** Formats a problem as `file:line: problem`, the form editors and terminals link to. */
export function formatCorpusProblem({ file, line, problem }: CorpusProblem): string {
  return line === undefined ? `${file}: ${problem}` : `${file}:${line}: ${problem}`;
}

/** The corpus could not be loaded; `problems` lists every bad file at once, not just the first. */
export class CorpusError extends BotError {
  override name = 'CorpusError' as const;
  override readonly userMessage = 'That corpus was rejected; the previous one is still in use.';
  readonly problems: readonly CorpusProblem[];

  constructor(problems: readonly CorpusProblem[], options?: ErrorOptions) {
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    super(`The corpus has ${count}:\n${problems.map((p) => `  ${formatCorpusProblem(p)}`).join('\n')}`, options);
    this.problems = problems;
  }
}

/** The safe sentence to show a chat user for any error, ours or not. */
export function userMessageFor(error: unknown): string {
  return error instanceof BotError ? error.userMessage : genericUserMessage;
}
