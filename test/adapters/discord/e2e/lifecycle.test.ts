import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ReloadOutcome } from '../../../../src/index.js';
import { dataOf, startHarness, type Harness } from '../../../fakes/discord/harness.js';
import { askInteraction, corpusInteraction } from '../../../fakes/discord/payloads.js';
import { waitFor } from '../../../fakes/discord/wait.js';

type Embed = { description?: string };

let h: Harness;
beforeAll(async () => {
  // Short heartbeats so heartbeating and its acknowledgement happen within the test.
  h = await startHarness({ discord: { heartbeatIntervalMs: 200 } });
});
afterAll(async () => {
  await h.stop();
});
afterEach(() => {
  expect(h.discord.rejected).toEqual([]);
});

async function askAndRead(userId: string): Promise<string> {
  const [first] = await h.responses(h.discord.interact(askInteraction("Who's Mexico's security chief?", { userId })), 1);
  return (dataOf(first)['embeds'] as Embed[])[0]?.description ?? '';
}

describe('gateway connection end to end', () => {
  it('identifies with only the Guilds intent and answers', async () => {
    expect(h.discord.gateway.received.find((p) => p.op === 2)?.d).toMatchObject({ intents: 1, token: h.discord.token });
    expect(await askAndRead('400000000000000301')).toContain('Omar García Harfuch');
  });

  it('heartbeats and stays on one connection while each heartbeat is acknowledged', async () => {
    const [connections, beats] = [h.discord.gateway.connections, h.discord.gateway.received.filter((p) => p.op === 1).length];
    await waitFor('three more heartbeats', () => h.discord.gateway.received.filter((p) => p.op === 1).length >= beats + 3);
    expect(h.discord.gateway.connections).toBe(connections);
  });

  it('answers again after the gateway drops the connection and the client resumes', async () => {
    const [connections, sent] = [h.discord.gateway.connections, h.discord.gateway.received.length];
    h.discord.gateway.drop(4000);
    // Sent while the bot is away: Discord replays it on RESUME.
    const missed = h.discord.interact(askInteraction("Who's Mexico's security chief?", { userId: '400000000000000302' }));
    await waitFor('the client to reconnect', () => h.discord.gateway.connections > connections && h.discord.gateway.isReady);
    expect(h.discord.gateway.received.slice(sent).map((p) => p.op)).toContain(6);
    expect(JSON.stringify(dataOf((await h.responses(missed))[0]))).toContain('Omar García Harfuch');
    expect(await askAndRead('400000000000000303')).toContain('Omar García Harfuch');
    expect(h.logger.entries.map((e) => e.code)).toContain('discord.gateway.resumed');
  });

  it('answers again after an abrupt drop (no close frame)', async () => {
    const connections = h.discord.gateway.connections;
    h.discord.gateway.drop();
    await waitFor('the client to reconnect', () => h.discord.gateway.connections > connections && h.discord.gateway.isReady);
    expect(await askAndRead('400000000000000304')).toContain('Omar García Harfuch');
  });

  it('identifies afresh and answers when the session can no longer be resumed', async () => {
    const [connections, sent] = [h.discord.gateway.connections, h.discord.gateway.received.length];
    h.discord.gateway.forgetSession();
    h.discord.gateway.drop(4000);
    // discord.js spaces identifies 5 s apart, so this reconnect can take that long.
    await waitFor(
      'a new session',
      () => h.discord.gateway.received.slice(sent).some((p) => p.op === 2) && h.discord.gateway.isReady,
      15_000,
    );
    expect(h.discord.gateway.connections).toBeGreaterThan(connections);
    expect(h.discord.gateway.received.slice(sent).map((p) => p.op)).toEqual(expect.arrayContaining([6, 2]));
    expect(await askAndRead('400000000000000305')).toContain('Omar García Harfuch');
  });
});

describe('stop()', () => {
  it('lets an in-flight reply finish before destroying the client', async () => {
    let release: (outcome: ReloadOutcome) => void = () => undefined;
    h.bot.reload = () => new Promise<ReloadOutcome>((resolve) => (release = resolve));
    const token = h.discord.interact(corpusInteraction('reload'));
    await h.responses(token, 1);
    let stopped = false;
    const stopping = h.restart().then(() => (stopped = true));
    // Give a stop() that did not wait the time to finish; it must still be waiting for the reload.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(stopped).toBe(false);
    release({ ok: true, swapped: true, status: h.bot.status() });
    await stopping;
    expect(dataOf(h.discord.responsesTo(token)[1])['content']).toMatch(/^Reloaded\./);
  });
});
