import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../../../fakes/discord/harness.js';
import { askInteraction } from '../../../fakes/discord/payloads.js';

let h: Harness;
beforeAll(async () => { h = await startHarness(); });
afterAll(async () => { await h.stop(); });

describe('smoke', () => {
  it('answers', async () => {
    const token = h.discord.interact(askInteraction("Who's Mexico's security chief?"));
    const r = await h.responses(token);
    console.log(JSON.stringify(r, null, 1), h.discord.rejected, h.logger.entries);
    expect(r.length).toBe(1);
  });
});
