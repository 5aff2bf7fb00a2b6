import { describe, expect, it } from 'vitest';
import { defineCommand, parseCommandLine, UsageError, wholeNumber } from '../../adapters/command-line.js';

const command = defineCommand({
  name: 'npm run demo --',
  usage: 'Usage: npm run demo -- [--top N] [--json] [FILE]',
  maxPositionals: 1,
  options: { top: { type: 'string' }, json: { type: 'boolean', default: false } },
});

/** The message of the UsageError that reading `argv` throws (the test fails if it reads). */
function usageMessage(argv: string[]): string {
  try {
    parseCommandLine(command, argv);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as UsageError).message;
  }
  throw new Error('expected a UsageError');
}

describe('parseCommandLine', () => {
  it('gives typed values and positionals when the line is good', () => {
    expect(parseCommandLine(command, ['--top', '3', '--json', 'file.md'])).toMatchObject({
      values: { top: '3', json: true },
      positionals: ['file.md'],
    });
  });

  it.each([['--help'], ['-h'], ['--top', '3', '-h'], ['--bogus', '--help']])('asks for help when given %s', (...argv) => {
    expect(parseCommandLine(command, argv)).toBe('help');
  });

  it.each([
    [['--bogus'], 'unknown option --bogus'],
    [['-x'], 'unknown option -x'],
    [['--top'], '--top needs a value'],
    [['--top', '--json'], '--top needs a value (for one starting with -, write --top=--json)'],
    [['--top', '-3'], '--top needs a value (for one starting with -, write --top=-3)'],
    [['--json=yes'], '--json takes no value'],
    [['a', 'b'], 'unexpected argument "b"'],
  ])('names what is wrong in one line when given %j', (argv, message) => {
    expect(usageMessage(argv)).toBe(message);
  });

  it('takes an option-looking word after -- as a positional', () => {
    expect(parseCommandLine(command, ['--', '--bogus'])).toMatchObject({ positionals: ['--bogus'] });
  });

  it('says the command takes options only when it takes no positional', () => {
    expect(() => parseCommandLine({ ...command, maxPositionals: 0 }, ['extra'])).toThrow(
      'unexpected argument "extra": this command takes options only',
    );
  });
});

describe('wholeNumber', () => {
  it('reads a whole number within the range', () => {
    expect(wholeNumber('--top', '3', { min: 1, max: 10 })).toBe(3);
  });

  it.each(['0', '11', '1.5', 'two', '', ' '])('names the option and the value when given %j', (value) => {
    expect(() => wholeNumber('--top', value, { min: 1, max: 10 })).toThrow(`--top must be a whole number from 1 to 10, not "${value}".`);
  });
});
