import { defineCommand, parseCommandLine, UsageError, wholeNumber, type CommandLine } from '../command-line.js';

/** What the command line asked for. */
export type CliRequest =
  | ({ readonly kind: 'ask'; readonly question: string; readonly json: boolean } & CommonOptions)
  | ({ readonly kind: 'jsonl' } & CommonOptions);

type CommonOptions = { readonly corpus: string | undefined; readonly top: number | undefined; readonly article: string | undefined };

export const usage = `Usage:
  npm run ask -- "question"            answer one question
  npm run ask -- --json "question"     answer as one JSON object
  npm run ask -- --jsonl < questions   one question per line in, one JSON object per line out

Options:
  --corpus DIR   the corpus directory (default: $CORPUS_DIR, else corpus/)
  --top K        how many excerpts at most, 1 to 10 (default 3)
  --article ID   answer from one article only (its id: the file name without extension)
  -h, --help     this help

Exit codes: 0 answered or declined, 1 corpus error, 2 usage error.`;

/** `npm run ask`'s command line. */
export const askCommand = defineCommand({
  name: 'npm run ask --',
  usage,
  maxPositionals: Infinity,
  options: {
    json: { type: 'boolean', default: false },
    jsonl: { type: 'boolean', default: false },
    corpus: { type: 'string' },
    top: { type: 'string' },
    article: { type: 'string' },
  },
});

/** The request a parsed command line makes. @throws {UsageError} naming what to change. */
export function requestOf({ values, positionals }: CommandLine<typeof askCommand.options>): CliRequest {
  const top = values.top === undefined ? undefined : wholeNumber('--top', values.top, { min: 1, max: 10 });
  if (values.jsonl) {
    if (positionals.length > 0) throw new UsageError('--jsonl reads questions from standard input; give no question on the command line.');
    return { kind: 'jsonl', corpus: values.corpus, top, article: values.article };
  }
  const question = positionals.join(' ').trim();
  if (question === '') throw new UsageError('give a question, e.g. npm run ask -- "your question about the story"');
  return { kind: 'ask', question, json: values.json, corpus: values.corpus, top, article: values.article };
}

/** Reads the command line: `{ kind: 'help' }` for -h/--help. @throws {UsageError} naming the option at fault. */
export function parseCliArgs(argv: readonly string[]): CliRequest | { readonly kind: 'help' } {
  const line = parseCommandLine(askCommand, argv);
  return line === 'help' ? { kind: 'help' } : requestOf(line);
}
