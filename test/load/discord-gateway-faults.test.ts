import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../fakes/discord/harness.js';
import { askAll, shapeOf, untilAnswered } from '../fakes/discord/load.js';
import { waitFor } from '../fakes/discord/wait.js';

// The stand-in shares the bot's process and CPU, so the 3 s acknowledgement window is widened (see
// discord-load.test.ts). Each case sends a burst, breaks the gateway while the bot is still working
// through it, sends more, and checks that every interaction that reached the bot was answered once.
let h: Harness;
let asker = 0;
beforeAll(async () => {
  h = await startHarness({ discord: { ackWindowMs: 60_000 } });
});
afterAll(async () => {
  await h.stop();
});

/** `/ask` from `count` members who have not asked yet in this file, all at once. */
function burst(count: number): string[] {
  asker += count;
  return askAll(h, count, asker - count);
}

/** The ops the client sent since `from` (an index into `received`), ignoring heartbeats. */
const opsSince = (from: number) =>
  h.discord.gateway.received
    .slice(from)
    .map((p) => p.op)
    .filter((op) => op !== 1);

/** Every delivered interaction answered exactly once, every other one not at all; returns how many were delivered. */
async function expectDeliveredAnsweredOnce(tokens: readonly string[]): Promise<number> {
  const delivered = tokens.filter((token) => h.discord.isDelivered(token));
  await untilAnswered(h, delivered);
  // stop() waits for every handler in flight, so nothing can be answered after this.
  await h.restart();
  for (const token of delivered) expect(shapeOf(h.discord.responsesTo(token))).toEqual(['callback:4']);
  for (const token of tokens.filter((t) => !delivered.includes(t))) expect(h.discord.responsesTo(token)).toEqual([]);
  expect(h.discord.rejected).toEqual([]);
  expect(h.logger.entries.filter((e) => e.level === 'error')).toEqual([]);
  return delivered.length;
}

describe('Discord under load when the gateway connection breaks', () => {
  it.each([
    ['a close with 4000 (unknown error)', 4000],
    ['a dropped socket (no close frame)', undefined],
  ])('resumes after %s and answers all 1,000 interactions once, the missed ones replayed', async (_name, code) => {
    const [connections, from] = [h.discord.gateway.connections, h.discord.gateway.received.length];
    const before = burst(500);
    h.discord.gateway.drop(code);
    // Sent while the bot is away: the session keeps them and replays them on RESUME.
    const during = burst(500);
    await waitFor('the client to resume', () => h.discord.gateway.connections > connections && h.discord.gateway.isReady, 15_000);
    expect(opsSince(from)).toEqual([6]);
    expect(await expectDeliveredAnsweredOnce([...before, ...during])).toBe(1000);
    const replayed = Number(h.logger.entries.findLast((e) => e.code === 'discord.gateway.resumed')?.context['replayed']);
    console.log(`resumed after ${code === undefined ? 'a dropped socket' : `close ${code}`}: ${replayed} dispatches replayed`);
    expect(replayed).toBeGreaterThanOrEqual(500);
  });

  it.each([
    ['INVALID_SESSION (op 9, d: false)', () => h.discord.gateway.invalidateSession()],
    ['a close with 4007 (invalid seq)', () => h.discord.gateway.drop(4007)],
    ['a close with 4009 (session timed out)', () => h.discord.gateway.drop(4009)],
  ])('identifies afresh after %s and answers every interaction that reached it once', async (_name, end) => {
    const from = h.discord.gateway.received.length;
    const before = burst(500);
    end();
    // Sent between the old session's end and the new READY: Discord never delivers these.
    const lost = burst(200);
    // discord.js spaces IDENTIFYs 5 s apart, so the new session can take that long.
    await waitFor('a new session', () => opsSince(from).includes(2) && h.discord.gateway.isReady, 15_000);
    const after = burst(300);
    expect(lost.filter((token) => h.discord.isDelivered(token))).toEqual([]);
    expect(await expectDeliveredAnsweredOnce([...before, ...lost, ...after])).toBe(800);
  });
});
