/**
 * The tests, as `npm test` runs them after the typecheck: two vitest processes side by side, one per core.
 * One runs the load project, one file at a time: each pushes 1,000 questions through a stand-in in its
 * own process and keeps a core busy, and two at once on two cores starved the Slack socket's 5 s
 * heartbeat. The other runs the unit and integration projects, whose tests mostly wait on sockets and
 * timers. The load run prints as it goes; the other's output follows when it is done. Exits 1 if either
 * failed. Plain JavaScript, like build.js.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';

const vitest = path.join(path.dirname(createRequire(import.meta.url).resolve('vitest/package.json')), 'vitest.mjs');

/** Runs vitest with `args`; its output goes to this process's, or is kept and returned when `keep`. */
function run(args, keep) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [vitest, 'run', ...args], {
      stdio: ['ignore', keep ? 'pipe' : 'inherit', keep ? 'pipe' : 'inherit'],
    });
    let output = '';
    child.stdout?.on('data', (chunk) => (output += chunk));
    child.stderr?.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

const [load, others] = await Promise.all([run(['--project', 'load'], false), run(['--project', 'unit', '--project', 'integration'], true)]);
process.stdout.write(`\n${others.output}`);
process.exitCode = load.code === 0 && others.code === 0 ? 0 : 1;
