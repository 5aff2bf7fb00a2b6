import { describe, expect, it } from 'vitest';
import { parseCliArgs, usage } from '../../../adapters/cli/args.js';
import { UsageError } from '../../../adapters/command-line.js';

/** The UsageError that parsing `argv` throws (the test fails if it parses). */
function usageError(argv: string[]): UsageError {
  try {
    parseCliArgs(argv);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return error as UsageError;
  }
  throw new Error('expected a UsageError');
}

describe('parseCliArgs', () => {
  it('asks one question in text when given only the question', () => {
    expect(parseCliArgs(['Who is Harfuch?'])).toEqual({
      kind: 'ask',
      question: 'Who is Harfuch?',
      json: false,
      corpus: undefined,
      top: undefined,
    });
  });

  it('joins the words into one question when the question is not quoted', () => {
    expect(parseCliArgs(['who', 'is', 'Harfuch?'])).toMatchObject({ kind: 'ask', question: 'who is Harfuch?' });
  });

  it('reads --json, --corpus and --top when given', () => {
    expect(parseCliArgs(['--json', '--corpus', 'stories', '--top', '2', 'Who?'])).toEqual({
      kind: 'ask',
      question: 'Who?',
      json: true,
      corpus: 'stories',
      top: 2,
    });
  });

  it('reads --jsonl with no question when questions come on standard input', () => {
    expect(parseCliArgs(['--jsonl', '--top', '1'])).toEqual({ kind: 'jsonl', corpus: undefined, top: 1 });
  });

  it.each([['--help'], ['-h'], ['-h', 'question']])('asks for help when given %s', (...argv) => {
    expect(parseCliArgs(argv)).toEqual({ kind: 'help' });
  });

  it.each([[[]], [['   ']], [['--json']]])('says to give a question when there is none (%j)', (argv) => {
    expect(usageError(argv).message).toBe('give a question, e.g. npm run ask -- "your question about the story"');
  });

  it.each(['0', '11', '1.5', 'two', '-1'])('rejects --top %s with a message naming the option', (top) => {
    expect(usageError([`--top=${top}`, 'q']).message).toBe(`--top must be a whole number from 1 to 10, not "${top}".`);
  });

  it('rejects a question on the command line when --jsonl is given', () => {
    expect(usageError(['--jsonl', 'q']).message).toBe('--jsonl reads questions from standard input; give no question on the command line.');
  });

  it('turns an unknown option into a UsageError when one is given', () => {
    expect(usageError(['--colour', 'q']).message).toContain('--colour');
  });

  it('documents the exit codes in the usage text', () => {
    expect(usage).toContain('Exit codes: 0 answered or declined, 1 corpus error, 2 usage error.');
  });
});
