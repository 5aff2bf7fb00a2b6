import { spawn } from 'node:child_process';

/** What a finished command printed, and how it exited. */
export type Run = { readonly code: number | null; readonly stdout: string; readonly stderr: string };

// Settings a developer may have exported that would change what the commands under test do.
const projectSettings = /^(DISCORD|SLACK|WEB)_|^(CORPUS_DIR|MAX_EXCERPTS|USAGE_LOG_DIR|INDEX_CACHE_DIR|LOG_LEVEL|REDIS_URL)$/;

/**
 * The built JavaScript the npm scripts run for a TypeScript entry file: `adapters/main.ts` is
 * `dist/adapters/main.js`. The test run builds dist/ first when it is out of date (test/support/build.ts).
 */
export const builtEntry = (file: string): string => `dist/${file.replace(/\.ts$/, '.js')}`;

/** The environment a command under test gets: this one less the project's own settings, plus `env`. */
export function commandEnv(env: Record<string, string> = {}): NodeJS.ProcessEnv {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => !projectSettings.test(key)));
  return { ...inherited, NO_COLOR: '1', ...env };
}

/**
 * Runs an entry file as the npm scripts do (`node dist/….js ARGS`, from the repository root), with
 * `stdin` piped in (after `stdinAfterMs`, when given), the project's own settings cleared from the
 * environment, `env` added, and `preload` (a JavaScript module) imported first when given; killed after
 * `killAfterMs` when given, and then reported with code null.
 */
export function runScript(
  file: string,
  args: readonly string[] = [],
  options: { env?: Record<string, string>; stdin?: string; preload?: string; stdinAfterMs?: number; killAfterMs?: number } = {},
): Promise<Run> {
  return new Promise((resolve, reject) => {
    const preload = options.preload === undefined ? [] : ['--import', options.preload];
    const child = spawn(process.execPath, [...preload, builtEntry(file), ...args], { env: commandEnv(options.env) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
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
