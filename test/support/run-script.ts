import { spawn } from 'node:child_process';

/** What a finished command printed, and how it exited. */
export type Run = { readonly code: number | null; readonly stdout: string; readonly stderr: string };

// Settings a developer may have exported that would change what the commands under test do.
const projectSettings = /^(DISCORD|SLACK)_|^(CORPUS_DIR|MAX_EXCERPTS|USAGE_LOG_DIR|INDEX_CACHE_DIR|LOG_LEVEL)$/;

/**
 * Runs a TypeScript entry file as the npm scripts do (`node --import tsx FILE ARGS`) from the repository
 * root, with `stdin` piped in (after `stdinAfterMs`, when given), the project's own settings cleared from the
 * environment, `env` added, and `preload` imported first when given; killed after `killAfterMs` when given.
 */
export function runScript(
  file: string,
  args: readonly string[] = [],
  options: { env?: Record<string, string>; stdin?: string; preload?: string; stdinAfterMs?: number; killAfterMs?: number } = {},
): Promise<Run> {
  return new Promise((resolve, reject) => {
    const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => !projectSettings.test(key)));
    const preload = options.preload === undefined ? [] : ['--import', options.preload];
    const child = spawn(process.execPath, ['--import', 'tsx', ...preload, file, ...args], {
      env: { ...inherited, NO_COLOR: '1', ...options.env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    // A process still running after `killAfterMs` is killed, and reported with code null.
    const killer = options.killAfterMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), options.killAfterMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(killer);
      resolve({ code, stdout, stderr });
    });
    if (options.stdinAfterMs === undefined) child.stdin.end(options.stdin ?? '');
    else setTimeout(() => child.stdin.end(options.stdin ?? ''), options.stdinAfterMs);
  });
}
