import { spawnSync } from 'node:child_process';

/**
 * vitest's global setup for the tests that start the commands: builds dist/ when the sources have
 * changed since the last build (a no-op taking milliseconds otherwise), as `npm start` does.
 */
export function setup(): void {
  const { status } = spawnSync(process.execPath, ['scripts/build.js', '--if-stale'], { stdio: 'inherit' });
  if (status !== 0) throw new Error('npm run build failed: the tests that start the commands need dist/');
}
