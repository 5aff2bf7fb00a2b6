/**
 * Preloaded (`node --import`) into a process under test: once the process has its last-resort handler
 * (or after 3 s, on code without one), a promise fails with nobody to handle it.
 */
const started = Date.now();
const timer = setInterval(() => {
  if (process.listenerCount('unhandledRejection') === 0 && Date.now() - started < 3_000) return;
  clearInterval(timer);
  void Promise.reject(new Error('nobody handles this rejection'));
}, 10);
timer.unref();
