import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeDiscord } from '../../../fakes/discord/fake-discord.js';
import { askInteraction, corpusInteraction, fakeIds } from '../../../fakes/discord/payloads.js';
import { waitFor } from '../../../fakes/discord/wait.js';
import { builtEntry, commandEnv, runScript } from '../../../support/run-script.js';

// Two servers, one on each of two shards: (guild_id >> 22) % 2 is 0 for the first and 1 for the second.
const guilds = ['200000000000000002', '200000000004194306'] as const;

type LogLine = { code: string; shard?: number; pid?: number; userId?: string; exitCode?: number; restartInMs?: number };

let discord: FakeDiscord | undefined;
let manager: ChildProcess | undefined;
afterEach(async () => {
  if (manager?.exitCode === null && manager.signalCode === null) manager.kill('SIGKILL');
  await discord?.close();
});

const envFor = (fake: FakeDiscord, shards?: string) => ({
  DISCORD_TOKEN: fake.token,
  DISCORD_APPLICATION_ID: fakeIds.application,
  DISCORD_API_URL: fake.apiUrl,
  ...(shards === undefined ? {} : { DISCORD_SHARDS: shards }),
  USAGE_LOG_DIR: 'off',
  INDEX_CACHE_DIR: 'off',
});

/** Starts `npm start` as its script does (`node --max-semi-space-size=32 dist/adapters/main.js`), collecting its JSON log lines. */
function npmStart(env: Record<string, string>): { child: ChildProcess; lines: LogLine[]; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['--max-semi-space-size=32', builtEntry('adapters/main.ts')], {
    env: commandEnv(env),
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const lines: LogLine[] = [];
  let partial = '';
  child.stderr.on('data', (chunk: Buffer) => {
    const text = partial + chunk.toString('utf8');
    const complete = text.split('\n');
    partial = complete.pop() ?? '';
    for (const line of complete) if (line.startsWith('{')) lines.push(JSON.parse(line) as LogLine);
  });
  return { child, lines, exited: new Promise((resolve) => child.on('exit', (code) => resolve(code))) };
}

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('npm start without DISCORD_SHARDS', () => {
  it('serves Discord from its own process, as one shard, with no manager', { timeout: 60_000 }, async () => {
    discord = await FakeDiscord.start();
    const run = npmStart(envFor(discord));
    manager = run.child;
    const fake = discord;
    await waitFor('the bot connected', () => fake.gateway.isReady && run.lines.some((l) => l.code === 'discord.ready'), 30_000);
    expect(fake.gateway.shards).toEqual([[0, 1]]);
    const token = fake.interact(askInteraction("Who's Mexico's security chief?"));
    await waitFor('the answer', () => fake.responsesTo(token).length === 1);
    manager.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    expect(run.lines.filter((l) => l.code.startsWith('discord.shard'))).toEqual([]);
    expect(run.lines.filter((l) => 'shard' in l)).toEqual([]);
  });
});

describe('npm start with DISCORD_SHARDS', () => {
  it(
    'runs one process per shard under the ShardingManager; each answers only its own servers and all stop on SIGTERM',
    { timeout: 90_000 },
    async () => {
      discord = await FakeDiscord.start({ shards: 2, maxConcurrency: 16, guilds: [...guilds] });
      const run = npmStart(envFor(discord, 'auto'));
      manager = run.child;
      const fake = discord;
      await waitFor(
        'both shards connected',
        () => fake.gateway.shards.length === 2 && fake.gateway.isReady && run.lines.some((l) => l.code === 'discord.shards.ready'),
        60_000,
      );
      expect(fake.gateway.shards).toEqual([
        [0, 2],
        [1, 2],
      ]);
      const pids = run.lines.filter((l) => l.code === 'discord.shard.spawned').map((l) => [l.shard, l.pid]);
      expect(pids.map(([shard]) => shard)).toEqual([0, 1]);
      expect(new Set(pids.map(([, pid]) => pid)).size).toBe(2);
      // Each shard's process built its own index.
      expect(
        run.lines
          .filter((l) => l.code === 'index.built')
          .map((l) => l.shard)
          .sort(),
      ).toEqual([0, 1]);
      if (existsSync('/proc/self/cmdline')) {
        for (const [, pid] of pids)
          expect(readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')).toEqual(
            expect.arrayContaining(['--max-semi-space-size=32', expect.stringMatching(/\/dist\/adapters\/discord\/shard\.js$/)]),
          );
      }

      const asked = guilds.flatMap((guildId, g) => [0, 1, 2, 3].map((n) => ({ guildId, shard: g, userId: `4100000000000${g}${n}000` })));
      const tokens = asked.map((who) => fake.interact(askInteraction("Who's Mexico's security chief?", who)));
      await waitFor('every answer', () => tokens.every((token) => fake.responsesTo(token).length === 1), 20_000);
      const answered = () => run.lines.filter((l) => l.code === 'discord.answered');
      await waitFor('every answer logged', () => answered().length === asked.length);
      expect(
        answered()
          .map((l) => [l.userId, l.shard])
          .sort(),
      ).toEqual(asked.map((who) => [who.userId, who.shard]).sort());
      expect(JSON.stringify(fake.responsesTo(tokens[7] ?? ''))).toContain('Omar García Harfuch');

      // /corpus status on one shard says what every shard serves.
      const status = fake.interact(corpusInteraction('status', { guildId: guilds[1] }));
      await waitFor('the status from shard 1', () => fake.responsesTo(status).length === 2);
      expect(JSON.stringify(fake.responsesTo(status))).toContain(
        'All 2 shards serve the same: 1 document, 36 paragraphs, 36 passages, no problems.',
      );

      // Each shard has its own index: /corpus reload on shard 1 reloads shard 0's too, and SIGHUP to the manager reloads both.
      const reloads = (shard: number) => run.lines.filter((l) => l.code === 'corpus.reloaded' && l.shard === shard).length;
      const reload = fake.interact(corpusInteraction('reload', { guildId: guilds[1] }));
      await waitFor(
        'the reload on shard 1, then on shard 0',
        () => fake.responsesTo(reload).length === 2 && reloads(0) === 1 && reloads(1) === 1,
      );
      manager.kill('SIGHUP');
      await waitFor('both shards to reload again', () => reloads(0) === 2 && reloads(1) === 2);

      // A shard that dies is started again, after a pause that doubles while it keeps dying.
      const exits = () => run.lines.filter((l) => l.code === 'discord.shard.exited' && l.shard === 1);
      const spawnsOf1 = () => run.lines.filter((l) => l.code === 'discord.shard.spawned' && l.shard === 1);
      const readies = () => run.lines.filter((l) => l.code === 'discord.ready' && l.shard === 1).length;
      const readiesBefore = readies();
      // The second kill comes as soon as the new process starts: a crash loop.
      for (const [death, pause] of [
        [1, 1_000],
        [2, 2_000],
      ] as const) {
        process.kill(Number(spawnsOf1().at(-1)?.pid), 'SIGKILL');
        await waitFor(`shard 1 to die (${death})`, () => exits().length === death);
        expect(exits().at(-1)).toMatchObject({ restartInMs: pause });
        if (death === 2) {
          // While shard 1 is down, /corpus status on shard 0 says so.
          const whileDown = fake.interact(corpusInteraction('status', { guildId: guilds[0] }));
          await waitFor('the status from shard 0', () => fake.responsesTo(whileDown).length === 2);
          expect(JSON.stringify(fake.responsesTo(whileDown))).toContain('Shard 1: not answering (starting or restarting).');
          expect(JSON.stringify(fake.responsesTo(whileDown))).toContain('Shard 0: 1 document, 36 paragraphs');
        }
        await waitFor(`shard 1 to start again (${death})`, () => spawnsOf1().length === death + 1, 30_000);
      }
      await waitFor('shard 1 back on the gateway', () => fake.gateway.isReady && readies() === readiesBefore + 1, 30_000);
      const again = fake.interact(askInteraction("Who's Mexico's security chief?", { guildId: guilds[1], userId: '41000000000019000' }));
      await waitFor('an answer from the restarted shard', () => fake.responsesTo(again).length === 1, 20_000);

      manager.kill('SIGTERM');
      expect(await run.exited).toBe(0);
      expect(
        run.lines
          .filter((l) => l.code === 'discord.stopped')
          .map((l) => l.shard)
          .sort(),
      ).toEqual([0, 1]);
      for (const { pid } of run.lines.filter((l) => l.code === 'discord.shard.spawned')) expect(isAlive(Number(pid))).toBe(false);
      expect(fake.rejected).toEqual([]);
    },
  );

  it('stops with exit code 1 and a message naming DISCORD_SHARDS when it is not a number or auto', async () => {
    discord = await FakeDiscord.start();
    const run = await runScript('adapters/main.ts', [], { env: envFor(discord, 'two') });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('Invalid configuration:\n  DISCORD_SHARDS: expected auto or a whole number of shards, 1 or more\n');
    expect(discord.gateway.connections).toBe(0);
  });

  it('stops with exit code 1 and starts no shard when a shard cannot load the corpus', { timeout: 60_000 }, async () => {
    discord = await FakeDiscord.start({ shards: 2, maxConcurrency: 16, guilds: [...guilds] });
    const run = await runScript('adapters/main.ts', [], { env: { ...envFor(discord, '2'), CORPUS_DIR: 'test/fixtures/missing-corpus' } });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('The corpus could not be loaded:\n  test/fixtures/missing-corpus: corpus directory does not exist');
    expect(run.stderr).toContain('A Discord shard stopped before it was ready (its log above says why), so none is running');
    expect(discord.gateway.connections).toBe(0);
  });
});
