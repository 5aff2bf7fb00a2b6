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
 * `stdin` piped in, the project's own settings cleared from the environment and `env` added.
 */
export function runScript(
  file: string,
  args: readonly string[] = [],
  options: { env?: Record<string, string>; stdin?: string } = {},
): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [builtEntry(file), ...args], { env: commandEnv(options.env) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.stdin ?? '');
  });
}
