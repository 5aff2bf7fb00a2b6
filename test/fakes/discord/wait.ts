/**
 * Polls `probe` until it returns something other than `undefined`/`false`, or fails after `timeoutMs`
 * naming what it waited for. Events over real sockets have no single promise to await, so tests poll
 * (every 5 ms) instead of sleeping a guessed amount.
 */
export async function waitFor<T>(what: string, probe: () => T | undefined | false, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
