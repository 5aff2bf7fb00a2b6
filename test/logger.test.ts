import { describe, expect, it } from 'vitest';
import { createStreamLogger, logLevels, silentLogger, type LogSink } from '../src/index.js';

/** A fake sink that records each written line. */
function fakeSink(isTTY = false): LogSink & { lines: string[] } {
  const lines: string[] = [];
  return { lines, isTTY, write: (line: string) => lines.push(line) };
}

const at = () => new Date('2026-01-20T10:11:12.345Z');

describe('createStreamLogger', () => {
  it('writes one JSON line per entry with time, level, code, message and context when the sink is not a terminal', () => {
    const sink = fakeSink();
    createStreamLogger(sink, 'info', at)('info', 'corpus loaded', 'corpus.loaded', { documents: 1 });
    expect(sink.lines).toEqual([
      '{"time":"2026-01-20T10:11:12.345Z","level":"info","code":"corpus.loaded","message":"corpus loaded","documents":1}\n',
    ]);
  });

  it.each(logLevels.map((level, i) => [level, logLevels.slice(i)] as const))('writes only entries at or above %s', (min, expected) => {
    const sink = fakeSink();
    const log = createStreamLogger(sink, min, at);
    for (const level of logLevels) log(level, `a ${level} entry`, `test.${level}`);
    expect(sink.lines.map((line) => (JSON.parse(line) as { level: string }).level)).toEqual(expected);
  });

  it('serialises an error in the context with its name and message', () => {
    const sink = fakeSink();
    createStreamLogger(sink, 'debug', at)('error', 'ask failed', 'ask.failed', { error: new TypeError('bad input') });
    expect(JSON.parse(sink.lines[0] ?? '{}')).toMatchObject({ code: 'ask.failed', error: { name: 'TypeError', message: 'bad input' } });
  });

  it('still writes a line and does not throw when the context holds a circular object', () => {
    const sink = fakeSink();
    const request: Record<string, unknown> = { id: 'r1' };
    request['self'] = request;
    expect(() => createStreamLogger(sink, 'info', at)('error', 'ask failed', 'ask.failed', { request })).not.toThrow();
    expect(JSON.parse(sink.lines[0] ?? '{}')).toMatchObject({ level: 'error', code: 'ask.failed', message: 'ask failed' });
  });

  it('writes a short readable line when the sink is a terminal', () => {
    const sink = fakeSink(true);
    createStreamLogger(sink, 'info', at)('warn', 'reload rejected', 'corpus.rejected', { dir: 'corpus' });
    expect(sink.lines).toEqual(['10:11:12 WARN  reload rejected [corpus.rejected] {"dir":"corpus"}\n']);
  });
});

describe('silentLogger', () => {
  it('returns nothing and throws nothing when called', () => {
    // eslint-disable-next-line @typescript-eslint/no-confusing-void-expression -- that it returns nothing is the point
    expect(silentLogger('error', 'x', 'y', { a: 1 })).toBeUndefined();
  });
});
