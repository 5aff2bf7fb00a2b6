import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeDiscord } from '../fakes/discord/fake-discord.js';
import { askInteraction, fakeIds } from '../fakes/discord/payloads.js';
import { waitFor } from '../fakes/discord/wait.js';
import { builtEntry, commandEnv } from '../support/run-script.js';

type LogLine = { code: string; pid?: number };

let discord: FakeDiscord | undefined;
afterEach(async () => {
  await discord?.close();
});

/**
 * The production entry as the systemd unit in deploy/ runs it (`node dist/adapters/main.js`, the bot as the
 * process itself), serving the Discord stand-in, with its JSON log lines collected.
 */
function startBuilt(fake: FakeDiscord) {
  const child = spawn(process.execPath, ['--max-semi-space-size=32', builtEntry('adapters/main.ts')], {
    env: commandEnv({
      DISCORD_TOKEN: fake.token,
      DISCORD_APPLICATION_ID: fakeIds.application,
      DISCORD_API_URL: fake.apiUrl,
      USAGE_LOG_DIR: 'off',
      INDEX_CACHE_DIR: 'off',
    }),
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const lines: LogLine[] = [];
  let partial = '';
  child.stderr.on('data', (chunk: Buffer) => {
    const complete = (partial + chunk.toString('utf8')).split('\n');
    partial = complete.pop() ?? '';
    for (const line of complete) if (line.startsWith('{')) lines.push(JSON.parse(line) as LogLine);
  });
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, lines, exited, count: (code: string) => lines.filter((line) => line.code === code).length };
}

describe('signals to the built bot', () => {
  it('reloads the corpus on SIGHUP, keeps answering, and on SIGTERM stops cleanly with exit code 0', { timeout: 60_000 }, async () => {
    discord = await FakeDiscord.start();
    const fake = discord;
    const bot = startBuilt(fake);
    await waitFor('the bot started', () => fake.gateway.isReady && bot.count('bot.started') === 1, 30_000);
    expect(bot.lines.find((line) => line.code === 'bot.started')).toMatchObject({ pid: bot.child.pid });

    bot.child.kill('SIGHUP');
    await waitFor('the reload', () => bot.count('corpus.reloaded') === 1);
    const token = fake.interact(askInteraction("Who's Mexico's security chief?"));
    await waitFor('the answer after the reload', () => fake.responsesTo(token).length === 1);
    expect(JSON.stringify(fake.responsesTo(token))).toContain('Omar García Harfuch');

    bot.child.kill('SIGTERM');
    expect(await bot.exited).toEqual({ code: 0, signal: null });
    expect(bot.count('bot.stopping')).toBe(1);
    expect(bot.count('discord.stopped')).toBe(1);
  });
});
