import { readFileSync } from 'node:fs';

/** The longest pauses seen between two turns of the event loop, in ms. */
export type Pauses = {
  /** Wall-clock time: what a request arriving then waited, the machine's other work included. */
  readonly longestMs: number;
  /**
   * The main thread's own CPU time (Linux's /proc/thread-self/schedstat): what the code held the event
   * loop for, whatever else the machine was doing. Undefined where the kernel does not say.
   */
  readonly longestCpuMs: number | undefined;
};

/** This thread's time on the CPU so far, in ms, where Linux reports it. */
function threadCpuMs(): number | undefined {
  try {
    return Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return undefined;
  }
}

/**
 * Watches the event loop from now until `stop()`: a callback on every turn (setImmediate) notes how long
 * it has been since the last one, in wall-clock time and in this thread's CPU time.
 *
 * @example const probe = watchPauses(); await bot.reload(); const { longestCpuMs } = probe.stop();
 */
export function watchPauses(): { stop(): Pauses } {
  let [longestMs, longestCpuMs] = [0, 0];
  let [last, lastCpu] = [performance.now(), threadCpuMs()];
  let isRunning = true;
  const note = () => {
    const [now, cpu] = [performance.now(), threadCpuMs()];
    longestMs = Math.max(longestMs, now - last);
    if (cpu !== undefined && lastCpu !== undefined) longestCpuMs = Math.max(longestCpuMs, cpu - lastCpu);
    [last, lastCpu] = [now, cpu];
  };
  const tick = () => {
    note();
    if (isRunning) setImmediate(tick);
  };
  setImmediate(tick);
  return {
    stop: () => {
      // The time since the last turn counts too: work that ran right up to now.
      note();
      isRunning = false;
      return { longestMs, longestCpuMs: lastCpu === undefined ? undefined : longestCpuMs };
    },
  };
}
