import type { Logger } from '../src/index.js';

/** The part of `process` the last-resort handlers listen on (an EventEmitter in tests). */
export type ProcessEvents = {
  on(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown;
  on(event: 'uncaughtException', listener: (error: Error, origin: string) => void): unknown;
  off(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown;
  off(event: 'uncaughtException', listener: (error: Error, origin: string) => void): unknown;
};

/**
 * The process's last line of defence, for failures that no handler's own catch boundary saw.
 *
 * - An unhandled rejection is logged (`process.unhandled_rejection`) and the bot keeps serving: the
 *   promise nobody awaited has failed, but nothing was left half-done on the stack, so the process is
 *   as sound as before. Without this, Node ends the process on the first one.
 * - An uncaught exception unwound the stack in the middle of synchronous work, so state may be half
 *   updated: it is logged (`process.uncaught_exception`) and `onFatal` is called, which stops the
 *   process with a non-zero code so that a supervisor starts a fresh one.
 *
 * @returns a function that removes both handlers.
 * @example installLastResort(process, logger, () => exitSoon(1));
 */
export function installLastResort(events: ProcessEvents, logger: Logger, onFatal: (error: Error) => void): () => void {
  const onRejection = (reason: unknown) =>
    logger('error', 'a promise failed and nothing handled it; still serving', 'process.unhandled_rejection', { error: reason });
  const onException = (error: Error, origin: string) => {
    logger('error', 'an exception reached the top of the stack; stopping so a fresh process can start', 'process.uncaught_exception', {
      error,
      origin,
    });
    onFatal(error);
  };
  events.on('unhandledRejection', onRejection);
  events.on('uncaughtException', onException);
  return () => {
    events.off('unhandledRejection', onRejection);
    events.off('uncaughtException', onException);
  };
}

/** How long a fatal exit waits for the log line to reach a pipe before the process ends. */
const fatalGraceMs = 500;

/** Ends the process with `code` shortly, so what was just logged is written out first. */
export function exitSoon(code: number): void {
  process.exitCode = code;
  setTimeout(() => process.exit(code), fatalGraceMs);
}
