import { describe, expect, it } from 'vitest';
import { BotError, ConfigError, CorpusError, formatCorpusProblem, userMessageFor } from '../src/index.js';

describe('userMessageFor', () => {
  it.each([
    ['a plain Error', new Error('ENOENT: /secret/path')],
    ['a TypeError', new TypeError('x is undefined')],
    ['a string', 'boom'],
    ['undefined', undefined],
  ])('gives the generic safe message when the error is %s', (_case, error) => {
    expect(userMessageFor(error)).toBe('Sorry, something went wrong. Please try again later.');
  });

  it('gives the error own safe message when it is a BotError', () => {
    expect(userMessageFor(new BotError('detail'))).toBe('Sorry, something went wrong. Please try again later.');
    expect(userMessageFor(new ConfigError('MAX_EXCERPTS bad'))).toBe('The bot is misconfigured; an admin has been told.');
    expect(userMessageFor(new CorpusError([{ file: '/srv/corpus/a.md', problem: 'is empty' }]))).toBe(
      'That corpus was rejected; the previous one is still in use.',
    );
  });
});

describe('CorpusError', () => {
  it('lists every problem in its message and keeps them in problems', () => {
    const problems = [
      { file: 'c/a.md', line: 4, problem: 'front matter: title: is required' },
      { file: 'c/b.txt', problem: 'is empty' },
    ];
    const error = new CorpusError(problems);
    expect(error).toBeInstanceOf(BotError);
    expect(error.name).toBe('CorpusError');
    expect(error.problems).toEqual(problems);
    expect(error.message).toBe('The corpus has 2 problems:\n  c/a.md:4: front matter: title: is required\n  c/b.txt: is empty');
  });

  it('says 1 problem when there is one, and keeps its cause', () => {
    const cause = new Error('EACCES');
    const error = new CorpusError([{ file: 'c', problem: 'cannot be read' }], { cause });
    expect(error.message).toBe('The corpus has 1 problem:\n  c: cannot be read');
    expect(error.cause).toBe(cause);
  });
});

describe('formatCorpusProblem', () => {
  it('formats file:line: problem, or file: problem without a line', () => {
    expect(formatCorpusProblem({ file: 'a.md', line: 3, problem: 'bad' })).toBe('a.md:3: bad');
    expect(formatCorpusProblem({ file: 'a.md', problem: 'bad' })).toBe('a.md: bad');
  });
});

describe('ConfigError', () => {
  it('is a BotError named ConfigError', () => {
    const error = new ConfigError('Invalid configuration');
    expect(error).toBeInstanceOf(BotError);
    expect(error.name).toBe('ConfigError');
  });
});
