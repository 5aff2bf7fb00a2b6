import { cp, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { closedPort, tempDirs } from '../support/builders.js';
import { runScript, type Run } from '../support/run-script.js';

/** Runs `npm start` (adapters/main.ts) with no platform credentials and `stdin` piped in. */
const start = (env: Record<string, string>, stdin: string): Promise<Run> => runScript('adapters/main.ts', [], { env, stdin });

const dirs = tempDirs();
afterAll(() => dirs.cleanup());

describe('npm start with no platform configured', () => {
  it('answers piped questions line by line over the bundled story, then exits 0', async () => {
    const usage = await dirs.make();
    const cache = await dirs.make();
    const { code, stdout } = await start(
      { USAGE_LOG_DIR: usage, INDEX_CACHE_DIR: cache },
      "Who is Mexico's security chief?\nguacamole recipe\n",
    );
    expect(code).toBe(0);
    expect(stdout).toContain('Omar García Harfuch');
    expect(stdout).toContain('— The New York Times, “The U.S. Is Pressing Mexico to Allow U.S. Forces to Fight Cartels”, ¶23');
    expect(stdout).toContain("The story doesn't say.");
  });

  it('stops with a message naming the variable when the configuration is wrong', async () => {
    const { code, stderr, stdout } = await start({ MAX_EXCERPTS: 'lots', USAGE_LOG_DIR: 'off', INDEX_CACHE_DIR: 'off' }, '');
    expect(code).toBe(1);
    expect(stderr).toContain('MAX_EXCERPTS');
    expect(stderr).not.toContain('lots');
    expect(stdout).toBe('');
  });

  it('starts with the good files when one is bad, and logs the bad one', async () => {
    const corpus = await dirs.make();
    await cp('corpus', corpus, { recursive: true });
    await writeFile(path.join(corpus, 'draft.md'), '---\nsource: Nobody\n---\n\nNo title here.\n');
    const { code, stdout, stderr } = await start(
      { CORPUS_DIR: corpus, USAGE_LOG_DIR: 'off', INDEX_CACHE_DIR: 'off' },
      "Who is Mexico's security chief?\n",
    );
    expect(code).toBe(0);
    expect(stdout).toContain('Omar García Harfuch');
    expect(stderr).toContain('"code":"corpus.rejected"');
    expect(stderr).toContain('draft.md');
  });

  it('stops naming the directory when the corpus cannot be loaded', async () => {
    const { code, stderr } = await start({ CORPUS_DIR: '/nonexistent/storybot', USAGE_LOG_DIR: 'off', INDEX_CACHE_DIR: 'off' }, '');
    expect(code).toBe(1);
    expect(stderr).toBe('The corpus could not be loaded:\n  /nonexistent/storybot: corpus directory does not exist\n');
  });
});

describe('npm start, when a promise fails with nobody to handle it', () => {
  it('logs it and keeps serving, then exits 0', async () => {
    const { code, stdout, stderr } = await runScript('adapters/main.ts', [], {
      env: { USAGE_LOG_DIR: 'off', INDEX_CACHE_DIR: 'off' },
      preload: './test/support/reject-unhandled.mjs',
      stdin: "Who is Mexico's security chief?\n",
      stdinAfterMs: 5_000,
    });
    expect(stderr).toContain('"code":"process.unhandled_rejection"');
    expect(stderr).toContain('nobody handles this rejection');
    expect(stdout).toContain('Omar García Harfuch');
    expect(code).toBe(0);
  });
});

describe('npm start, when a platform cannot start', { timeout: 40_000 }, () => {
  /** Starts `npm start` with `env`, killing it if it is still running after 30 s (it would hang for ever). */
  const failing = (env: Record<string, string>) =>
    runScript('adapters/main.ts', [], { env: { USAGE_LOG_DIR: 'off', INDEX_CACHE_DIR: 'off', ...env }, killAfterMs: 30_000 });
  const lines = (text: string) => text.trim().split('\n');

  it('exits 1 at once with one line naming the Slack setting at fault', async () => {
    const started = Date.now();
    const { code, stderr } = await failing({ SLACK_BOT_TOKEN: 'xoxb-fake', SLACK_SIGNING_SECRET: 'short' });
    expect(code).toBe(1);
    expect(lines(stderr)).toEqual(['Invalid configuration:', '  SLACK_SIGNING_SECRET: is too short to be a signing secret']);
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it('exits 1 within seconds saying Slack could not be reached, not that the token was rejected', async () => {
    const api = `http://127.0.0.1:${await closedPort()}/api/`;
    const { code, stderr } = await failing({
      SLACK_BOT_TOKEN: 'xoxb-fake',
      SLACK_SIGNING_SECRET: 'fake-signing-secret',
      SLACK_API_URL: api,
    });
    expect(code).toBe(1);
    const last = lines(stderr).at(-1);
    expect(last).toMatch(
      new RegExp(`^Could not reach Slack at ${api} \\(connect ECONNREFUSED 127\\.0\\.0\\.1:\\d+\\): check this host's network`),
    );
    expect(stderr).not.toContain('rejected');
  });

  it('exits 1 within seconds saying Discord could not be reached, with no stack', async () => {
    const api = `http://127.0.0.1:${await closedPort()}/api`;
    const { code, stderr } = await failing({
      DISCORD_TOKEN: 'fake-token',
      DISCORD_APPLICATION_ID: '100000000000000001',
      DISCORD_API_URL: api,
    });
    expect(code).toBe(1);
    expect(lines(stderr).at(-1)).toMatch(/^Could not reach Discord \(connect ECONNREFUSED 127\.0\.0\.1:\d+\): check this host's network/);
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});
