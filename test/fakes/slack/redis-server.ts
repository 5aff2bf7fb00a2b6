import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type AddressInfo } from 'node:net';
import { createClient } from '@redis/client';

/** Where redis-server is on the PATH, or undefined when it is not installed. */
export const redisServerPath: string | undefined = (() => {
  const found = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' });
  const path = found.stdout.trim();
  return found.status === 0 && path !== '' ? path : undefined;
})();

/**
 * Why the Redis tests cannot run here, or undefined when they can. Without redis-server they are skipped
 * on a developer's machine, but fail under CI (CI set), where .ci/run installs it.
 */
export const redisSkipReason: string | undefined =
  redisServerPath === undefined && (process.env['CI'] ?? '') === ''
    ? 'redis-server is not installed (Debian: apt-get install redis-server; .ci/run installs it)'
    : undefined;

if (redisSkipReason !== undefined) console.warn(`Skipping the tests against a real Redis: ${redisSkipReason}.`);

/** A redis-server of the test's own on a loopback port, without persistence. */
export type RedisServer = {
  readonly port: number;
  /** The REDIS_URL to reach it (with the password, when it has one). */
  readonly url: string;
  /** Kills it at once (SIGKILL), as a crash would, and waits for it to be gone. */
  kill(): Promise<void>;
  /** Starts it again on the same port. */
  restart(): Promise<void>;
  /** Stops it for good (when it runs). */
  stop(): Promise<void>;
  /** Makes it hold every client's commands for `ms` (CLIENT PAUSE … ALL): up, connected, and silent. */
  pause(ms: number): Promise<void>;
};

/** Starts redis-server on a free loopback port (`port` to reuse one) and resolves once it accepts connections. */
export async function startRedisServer(options: { password?: string } = {}): Promise<RedisServer> {
  if (redisServerPath === undefined)
    throw new Error('redis-server is not installed, and CI is set: install it (apt-get install redis-server), as .ci/run does');
  const path = redisServerPath;
  const port = await freePort();
  let child = await spawnReady(path, port, options.password);
  const url = `redis://${options.password === undefined ? '' : `:${options.password}@`}127.0.0.1:${port}`;
  return {
    port,
    url,
    kill: () => end(child, 'SIGKILL'),
    async restart() {
      child = await spawnReady(path, port, options.password);
    },
    stop: () => end(child, 'SIGTERM'),
    async pause(ms) {
      const admin = createClient({ url });
      await admin.connect();
      await admin.sendCommand(['CLIENT', 'PAUSE', String(ms), 'ALL']);
      admin.destroy();
    },
  };
}

async function end(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill(signal);
  await exited;
}

/** Spawns redis-server and waits for its "Ready to accept connections" line; rejects with its output if it exits first. */
async function spawnReady(path: string, port: number, password: string | undefined): Promise<ChildProcess> {
  const args = [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--save',
    '',
    '--appendonly',
    'no',
    ...(password === undefined ? [] : ['--requirepass', password]),
  ];
  const child = spawn(path, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const onData = (chunk: Buffer) => void (output += chunk.toString('utf8'));
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', () => (output.includes('Ready to accept connections') ? resolve() : undefined));
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`redis-server exited with ${String(code)} before it was ready:\n${output}`)));
  });
  return child;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
