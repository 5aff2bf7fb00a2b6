import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Storybot, type BotCore } from '../../src/index.js';
import { dataOf, startHarness } from '../fakes/discord/harness.js';
import { forwardingBot } from '../fakes/forwarding-bot.js';
import { askAll, shapeOf, untilAnswered } from '../fakes/discord/load.js';

/** The bundled story behind a core that takes `ms` of the event loop for every answer, as a busy bot would. */
async function slowCore(ms: number): Promise<BotCore> {
  const bot = await Storybot.load('corpus');
  return forwardingBot(bot, {
    ask: (question, options) => {
      const until = performance.now() + ms;
      while (performance.now() < until);
      return bot.ask(question, options);
    },
  });
}

// Discord's own window: a first response more than 3 s after the interaction was sent is refused.
let h: Awaited<ReturnType<typeof startHarness<BotCore>>>;
beforeAll(async () => {
  h = await startHarness({ bot: await slowCore(25), discord: { ackWindowMs: 3_000 } });
});
afterAll(async () => {
  await h.stop();
});

describe("Discord's 3-second deadline when answers queue up", () => {
  it('defers in time every interaction that waited behind others, and answers each once', { timeout: 60_000 }, async () => {
    // 160 questions at 25 ms each: 4 s of answering, more than Discord's 3 s, all arriving at once.
    const tokens = askAll(h, 160);
    await untilAnswered(h, tokens, 1, 30_000).catch((error: unknown) => {
      const shapes = new Map<string, number>();
      for (const token of tokens) {
        const key = shapeOf(h.discord.responsesTo(token)).join(',') || 'none';
        shapes.set(key, (shapes.get(key) ?? 0) + 1);
      }
      console.log([...shapes], h.logger.entries.filter((e) => e.level !== 'info').slice(0, 3));
      throw error;
    });
    const firsts = tokens.map((token) => h.discord.responsesTo(token)[0]);
    const late = firsts.filter((first) => first?.kind !== 'callback');
    const deferred = tokens.filter((token) => shapeOf(h.discord.responsesTo(token))[0] === 'callback:5');
    const slowest = Math.max(...firsts.map((first) => (first?.kind === 'callback' ? first.atMs : 0)));
    console.log(`160 slow /ask at once: ${deferred.length} deferred, slowest first response ${slowest} ms after sending`);
    expect(late).toEqual([]);
    expect(deferred.length).toBeGreaterThan(0);
    await untilAnswered(h, deferred, 2, 30_000);
    for (const token of tokens) {
      const shape = shapeOf(h.discord.responsesTo(token)).join(',');
      expect(['callback:4', 'callback:5,edit']).toContain(shape);
      expect(JSON.stringify(dataOf(h.discord.responsesTo(token).at(-1))['embeds'])).toContain('Omar García Harfuch');
    }
    expect(h.discord.rejected).toEqual([]);
  });
});
