import { parseArgs } from 'node:util';

/** What the command line asked for. */
export type CliRequest =
  | { readonly kind: 'help' }
  | ({ readonly kind: 'ask'; readonly question: string; readonly json: boolean } & CommonOptions)
  | ({ readonly kind: 'jsonl' } & CommonOptions);

type CommonOptions = { readonly corpus: string | undefined; readonly top: number | undefined; readonly article: string | undefined };

/** A command line the program cannot run: the message says what to change. */
export class UsageError extends Error {
  override name = 'UsageError' as const;
}

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

/** Reads the command line. @throws {UsageError} naming the option at fault. */
export function parseCliArgs(argv: readonly string[]): CliRequest {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        jsonl: { type: 'boolean', default: false },
        corpus: { type: 'string' },
        top: { type: 'string' },
        article: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: 'help' };
  const top = values.top === undefined ? undefined : parseTop(values.top);
  if (values.jsonl) {
    if (positionals.length > 0) throw new UsageError('--jsonl reads questions from standard input; give no question on the command line.');
    return { kind: 'jsonl', corpus: values.corpus, top, article: values.article };
  }
  const question = positionals.join(' ').trim();
  if (question === '') throw new UsageError('Give a question, e.g. npm run ask -- "Who is Mexico\'s security chief?"');
  return { kind: 'ask', question, json: values.json, corpus: values.corpus, top, article: values.article };
}

function parseTop(value: string): number {
  const top = Number(value);
  if (!Number.isInteger(top) || top < 1 || top > 10) throw new UsageError(`--top must be a whole number from 1 to 10, not "${value}".`);
  return top;
}
