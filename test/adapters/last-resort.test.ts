import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { installLastResort } from '../../adapters/last-resort.js';
import { recordingLogger } from '../support/builders.js';

describe('installLastResort', () => {
  it('logs an unhandled rejection and keeps serving', () => {
    const events = new EventEmitter();
    const { log, entries } = recordingLogger();
    const fatal: Error[] = [];
    installLastResort(events, log, (error) => fatal.push(error));
    const reason = new TypeError("Cannot read properties of null (reading 'ssl_check')");
    events.emit('unhandledRejection', reason);
    expect(entries).toEqual([
      {
        level: 'error',
        message: 'a promise failed and nothing handled it; still serving',
        code: 'process.unhandled_rejection',
        context: { error: reason },
      },
    ]);
    expect(fatal).toEqual([]);
  });

  it('logs an uncaught exception and stops the process through onFatal', () => {
    const events = new EventEmitter();
    const { log, entries } = recordingLogger();
    const fatal: Error[] = [];
    installLastResort(events, log, (error) => fatal.push(error));
    const error = new RangeError('state half updated');
    events.emit('uncaughtException', error, 'uncaughtException');
    expect(entries.map((e) => e.code)).toEqual(['process.uncaught_exception']);
    expect(fatal).toEqual([error]);
  });

  it('removes both handlers when asked', () => {
    const events = new EventEmitter();
    const remove = installLastResort(events, recordingLogger().log, () => undefined);
    expect([events.listenerCount('unhandledRejection'), events.listenerCount('uncaughtException')]).toEqual([1, 1]);
    remove();
    expect([events.listenerCount('unhandledRejection'), events.listenerCount('uncaughtException')]).toEqual([0, 0]);
  });
});
