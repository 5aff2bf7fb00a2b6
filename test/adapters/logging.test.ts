import { describe, expect, it } from 'vitest';
import { createLogger, type LoggerOptions } from '../../adapters/logging.js';
import { logLevels } from '../../src/index.js';

/** A logger writing into an array, and the lines it wrote, parsed when JSON. */
function recording(options: Partial<LoggerOptions> = {}) {
  const lines: string[] = [];
  const logger = createLogger({
    level: 'debug',
    pretty: false,
    color: false,
    destination: { write: (line: string) => lines.push(line) },
    ...options,
  });
  return { logger, lines, parsed: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

describe('createLogger', () => {
  it('writes one JSON line per entry with level, time, code, context and message when not on a terminal', () => {
    const { logger, lines, parsed } = recording();
    logger('info', 'corpus loaded', 'corpus.loaded', { documents: 1 });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^\{"level":"info","time":"\d{4}-\d\d-\d\dT[\d:.]+Z","code":"corpus.loaded","documents":1,"message":"corpus loaded"\}\n$/,
    );
    expect(parsed()[0]).toEqual({ level: 'info', time: expect.any(String), code: 'corpus.loaded', documents: 1, message: 'corpus loaded' });
  });

  it.each(logLevels.map((level, i) => [level, logLevels.slice(i)] as const))('writes only entries at or above %s', (min, expected) => {
    const { logger, parsed } = recording({ level: min });
    for (const level of logLevels) logger(level, `a ${level} entry`, `test.${level}`);
    expect(parsed().map((line) => line['level'])).toEqual(expected);
  });

  it('writes an error in the context with its type, message, stack and cause', () => {
    const { logger, parsed } = recording();
    logger('error', 'ask failed', 'ask.failed', { error: new TypeError('bad input', { cause: new Error('at the root') }) });
    expect(parsed()[0]).toMatchObject({ code: 'ask.failed', error: { type: 'TypeError', message: 'bad input: at the root' } });
    expect(parsed()[0]?.['error']).toHaveProperty('stack', expect.stringContaining('caused by: Error: at the root'));
  });

  it('still writes a line and does not throw when the context holds a circular object', () => {
    const { logger, parsed } = recording();
    const request: Record<string, unknown> = { id: 'r1' };
    request['self'] = request;
    expect(() => logger('error', 'ask failed', 'ask.failed', { request })).not.toThrow();
    expect(parsed()[0]).toMatchObject({ level: 'error', code: 'ask.failed', message: 'ask failed' });
  });

  it('puts the fields of a child, and of its children, on every line they write', () => {
    const { logger, parsed } = recording();
    logger.child({ platform: 'discord' }).child({ shard: 1 })('info', 'ready', 'discord.ready');
    expect(parsed()[0]).toMatchObject({ platform: 'discord', shard: 1, code: 'discord.ready' });
  });

  it('redacts tokens, signing secrets and authorization headers wherever they sit, four levels down', () => {
    const { logger, lines } = recording();
    const headers = { authorization: 'Bearer xoxb-1', Authorization: 'Bot abc.def' };
    logger('error', 'refused', 'slack.refused', {
      token: 'top-level',
      config: { SLACK_BOT_TOKEN: 'xoxb-2', SLACK_SIGNING_SECRET: 'sig', DISCORD_TOKEN: 'abc', REDIS_URL: 'redis://:pw@h' },
      error: Object.assign(new Error('an API error'), { data: { headers } }),
    });
    expect(lines[0]).not.toMatch(/top-level|xoxb|sig"|abc|:pw@/);
    expect(lines[0]).toContain('"token":"[redacted]"');
  });

  it('writes a readable line with the code and the context when pretty', () => {
    const { logger, lines } = recording({ pretty: true });
    logger('warn', 'reload rejected', 'corpus.rejected', { dir: 'corpus' });
    expect(lines).toEqual([expect.stringMatching(/^\[\d\d:\d\d:\d\d\] WARN: reload rejected \[corpus\.rejected\] \{"dir":"corpus"\}\n$/)]);
  });
});
