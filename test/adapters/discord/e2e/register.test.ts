import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerCommands } from '../../../../adapters/discord/commands.js';
import { loadDiscordConfig } from '../../../../adapters/discord/config.js';
import { startDiscord } from '../../../../adapters/discord/start.js';
import { Storybot } from '../../../../src/index.js';
import { FakeDiscord } from '../../../fakes/discord/fake-discord.js';
import { fakeIds } from '../../../fakes/discord/payloads.js';
import { builtEntry } from '../../../support/run-script.js';

let discord: FakeDiscord;
beforeAll(async () => {
  discord = await FakeDiscord.start();
});
afterAll(async () => {
  await discord.close();
});

const env = () => ({ DISCORD_TOKEN: discord.token, DISCORD_APPLICATION_ID: fakeIds.application, DISCORD_API_URL: discord.apiUrl });

describe('command registration', () => {
  it('registers /ask and /corpus globally with the documented options', async () => {
    expect(await registerCommands(loadDiscordConfig(env()))).toBe(2);
    const [ask, corpus] = discord.commands.get('global') ?? [];
    expect(ask).toMatchObject({
      name: 'ask',
      contexts: [0, 1],
      options: [
        { name: 'question', type: 3, required: true, autocomplete: true, max_length: 500 },
        { name: 'private', type: 5, required: false },
        { name: 'article', type: 3, required: false, autocomplete: true, max_length: 100 },
      ],
    });
    expect(corpus).toMatchObject({
      name: 'corpus',
      default_member_permissions: '32',
      contexts: [0],
      options: [
        { name: 'status', type: 1 },
        { name: 'reload', type: 1 },
      ],
    });
  });

  it('registers to one server when DISCORD_GUILD_ID is set', async () => {
    await registerCommands(loadDiscordConfig({ ...env(), DISCORD_GUILD_ID: fakeIds.guild }));
    expect(discord.commands.get(fakeIds.guild)?.map((c) => c['name'])).toEqual(['ask', 'corpus']);
  });

  it('runs as `npm run discord:register` and fails with the variable named when the config is bad', async () => {
    const run = promisify(execFile);
    const script = [process.execPath, builtEntry('adapters/discord/deploy-commands.ts')] as const;
    const guild = '200000000000000099';
    const ok = await run(script[0], [script[1]], { env: { ...process.env, ...env(), DISCORD_GUILD_ID: guild } });
    expect(ok.stderr).toContain('registered 2 commands to server 200000000000000099');
    expect(discord.commands.get(guild)).toHaveLength(2);
    const bad = await run(script[0], [script[1]], { env: { ...process.env, ...env(), DISCORD_APPLICATION_ID: 'fake-not-an-id' } }).catch(
      (error: unknown) => error as { code: number; stderr: string },
    );
    expect(bad).toMatchObject({ code: 1 });
    expect(bad.stderr).toContain('DISCORD_APPLICATION_ID: expected a Discord id');
    expect(bad.stderr).not.toContain('fake-not-an-id');
    expect(bad.stderr).not.toContain(discord.token);
  });
});

describe('startDiscord against the stand-in', () => {
  it('fails with a message that names the problem, not the token, when Discord refuses the token', async () => {
    const config = loadDiscordConfig({ ...env(), DISCORD_TOKEN: 'fake-wrong-token' });
    const started = startDiscord({ config, bot: await Storybot.load('test/fixtures/discord/corpus'), logger: () => undefined });
    await expect(started).rejects.toThrow('An invalid token was provided.');
    await started.catch((error: unknown) => expect(String(error)).not.toContain('fake-wrong-token'));
  });
});
