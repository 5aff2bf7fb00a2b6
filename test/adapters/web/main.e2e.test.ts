import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDirs } from '../../support/builders.js';
import { runScript } from '../../support/run-script.js';

const dirs = tempDirs();
afterAll(() => dirs.cleanup());

/** A started `npm start` (or `npm run web`) process, the URL its web front door logged, and what it printed. */
type Started = {
  readonly child: ChildProcessWithoutNullStreams;
  readonly url: string;
  readonly stdout: () => string;
  readonly stderr: () => string;
};

/** Runs adapters/main.ts as `npm start` does, and resolves once its web front door logs where it listens. */
async function start(env: Record<string, string>, args: string[] = []): Promise<Started> {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(DISCORD|SLACK|WEB)_|^REDIS_URL$/.test(key)));
  const child = spawn(process.execPath, ['--import', 'tsx', 'adapters/main.ts', ...args], {
    env: { ...clean, NO_COLOR: '1', USAGE_LOG_DIR: await dirs.make(), INDEX_CACHE_DIR: 'off', WEB_HOST: '127.0.0.1', ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
      const found = /"code":"web\.started".*?"url":"([^"]+)"/.exec(stderr);
      if (found?.[1] !== undefined) resolve(found[1]);
    });
    child.once('exit', (code) => reject(new Error(`exited with ${String(code)} before the web started:\n${stderr}`)));
  });
  return { child, url, stdout: () => stdout, stderr: () => stderr };
}

async function stop({ child }: Started): Promise<number | null> {
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const [code] = (await exited) as [number | null];
  return code;
}

describe('npm start with WEB_PORT', () => {
  it('serves the page, the API and the metrics, and does not open the terminal chat', async () => {
    const started = await start({ WEB_PORT: '0' });
    try {
      started.child.stdin.end("Who is Mexico's security chief?\n");
      const page = await fetch(`${started.url}/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<h1>Ask the story</h1>');
      const answer = await fetch(`${started.url}/api/ask`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ question: "Who is Mexico's security chief?" }),
      });
      expect(((await answer.json()) as { outcome: string }).outcome).toBe('answered');
      const metrics = await (await fetch(`${started.url}/metrics`)).text();
      expect(metrics).toContain('storybot_answers_total{outcome="answered",front_door="web"} 1');
      expect((await fetch(`${started.url}/healthz`)).status).toBe(200);
    } finally {
      expect(await stop(started)).toBe(0);
    }
    expect(started.stdout()).toBe('');
    expect(started.stderr()).toContain('"code":"web.stopped"');
  });
});

describe('npm run web', () => {
  it('serves the web alone, leaving Slack unstarted even when it is configured', async () => {
    const started = await start({ WEB_PORT: '0', SLACK_BOT_TOKEN: 'xoxb-not-a-real-token', SLACK_APP_TOKEN: 'xapp-not-a-real-token' }, [
      '--web',
    ]);
    try {
      expect((await fetch(`${started.url}/api/articles`)).status).toBe(200);
    } finally {
      expect(await stop(started)).toBe(0);
    }
    expect(started.stderr()).not.toContain('slack.');
  });

  it('stops with a message naming the variable when the web settings are wrong', async () => {
    const { code, stderr } = await runScript('adapters/main.ts', ['--web'], {
      env: { WEB_PORT: '0', WEB_ADMIN_TOKEN: 'short', USAGE_LOG_DIR: 'off', INDEX_CACHE_DIR: 'off' },
    });
    expect(code).toBe(1);
    expect(stderr).toContain('WEB_ADMIN_TOKEN: must be at least 16 characters');
    expect(stderr).not.toContain('short\n');
  });

  it('stops with a message naming WEB_PORT when the port is taken, instead of hanging on the corpus watcher', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as AddressInfo;
    try {
      const { code, stderr } = await runScript('adapters/main.ts', ['--web'], {
        env: { WEB_PORT: String(port), WEB_HOST: '127.0.0.1', USAGE_LOG_DIR: 'off', INDEX_CACHE_DIR: 'off' },
      });
      expect(code).toBe(1);
      expect(stderr).toContain(`WEB_PORT: could not listen on 127.0.0.1:${port} (listen EADDRINUSE`);
    } finally {
      blocker.close();
    }
  });
});
