import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, startHarness, type Harness } from '../fakes/discord/harness.js';
import { askAll, heapAfterGc, settle, shapeOf, slowestAck, untilAnswered } from '../fakes/discord/load.js';
import { waitFor } from '../fakes/discord/wait.js';

// The stand-in shares the bot's process and its two cores, so its clock is not Discord's: the 3 s
// acknowledgement window is widened and the slowest acknowledgement printed, never asserted.
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ discord: { ackWindowMs: 60_000, heartbeatIntervalMs: 100 } });
});
afterAll(async () => {
  await h.stop();
});

const inFlight = 1000;

describe('Discord under load: 1,000 /ask in flight at once', () => {
  let tokens: string[] = [];

  it('answers every one exactly once, with the cited answer, and drops none', async () => {
    const started = performance.now();
    tokens = askAll(h, inFlight);
    await untilAnswered(h, tokens);
    console.log(`1,000 /ask in flight: all answered in ${Math.round(performance.now() - started)} ms; slowest acknowledgement ${slowestAck(h, tokens)} ms`);
    // Each handler logs `discord.answered` once it is done, so nothing more can come after these.
    await waitFor('every handler to finish', () => h.logger.entries.filter((e) => e.code === 'discord.answered').length >= inFlight);
    for (const token of tokens) expect(shapeOf(h.discord.responsesTo(token))).toEqual(['callback:4']);
    const answers = new Set(tokens.map((token) => JSON.stringify(dataOf(h.discord.responsesTo(token)[0])['embeds'])));
    expect(answers.size).toBe(1);
    expect([...answers][0]).toContain('Omar García Harfuch');
    expect(h.discord.rejected).toEqual([]);
    expect(h.logger.entries.filter((e) => e.level === 'error' || e.level === 'warn')).toEqual([]);
    expect(h.logger.entries.filter((e) => e.code === 'discord.answered')).toHaveLength(inFlight);
  });

  it('keeps no state per interaction: the heap is back near its baseline after three more rounds', async () => {
    await settle(h);
    const baseline = heapAfterGc();
    // The same members ask again (4 questions each in all, under the flood limit of 5), so per-member
    // state that is already there cannot grow: what would grow is what each interaction left behind.
    for (let round = 0; round < 3; round += 1) await untilAnswered(h, askAll(h, inFlight));
    await settle(h);
    const after = heapAfterGc();
    const perInteraction = ((after - baseline) * 1e6) / (3 * inFlight);
    console.log(`heap: ${baseline.toFixed(1)} MB before 3,000 more /ask, ${after.toFixed(1)} MB after (${Math.round(perInteraction)} bytes per interaction)`);
    // Keeping the interactions themselves would cost about 3 KB each (9 MB here); sockets and GC leave
    // up to a few hundred bytes each of noise.
    expect(after - baseline).toBeLessThan(6);
  });
});
