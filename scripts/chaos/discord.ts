import { Storybot, type UsageEntry } from '../../src/index.js';
import { dataOf, startHarness } from '../../test/fakes/discord/harness.js';
import { askAll, shapeOf } from '../../test/fakes/discord/load.js';
import { askInteraction, buttonInteraction, corpusInteraction, fakeIds, messagePayload } from '../../test/fakes/discord/payloads.js';
import { waitFor } from '../../test/fakes/discord/wait.js';
import { watchPauses } from '../../test/support/pause-probe.js';
import type { Counts } from './table.js';

/** The Discord front door over the story, against the stand-in with Discord's own 3 s window; marks counted. */
async function discordTarget() {
  const marks: UsageEntry[] = [];
  const bot = await Storybot.load('corpus', { usage: { record: (entry) => (entry.kind === 'feedback' ? marks.push(entry) : undefined) } });
  const h = await startHarness({ bot, discord: { ackWindowMs: 3_000 } });
  return { h, bot, marks };
}

/** Helpful / Not helpful ids naming documents and paragraphs the corpus lacks, and one member's fifty clicks on one answer. */
export async function forgedButtons(): Promise<Counts> {
  const { h, marks } = await discordTarget();
  const [answer] = await h.responses(
    h.discord.interact(askInteraction('Who is Mexico’s security chief?', { userId: '430000000000009001' })),
  );
  const message = messagePayload(dataOf(answer), fakeIds.guildChannel);
  const forged = Array.from(
    { length: 200 },
    (_, i) => `sb:f${i % 2 === 0 ? '+' : '-'}:${(i * 7919) % 1_000_000}:${i % 3 === 0 ? 'us-presses-mexico-on-cartels' : `forged-${i}`}`,
  );
  const clicks = [...forged, ...Array.from({ length: 50 }, () => 'sb:f+:23:us-presses-mexico-on-cartels')];
  const probe = watchPauses();
  const tokens = clicks.map((customId) => h.discord.interact(buttonInteraction(customId, message, { userId: '430000000000009002' })));
  await waitFor('every click answered', () => tokens.every((token) => h.discord.responsesTo(token).length > 0), 30_000);
  const pauses = probe.stop();
  const over = h.discord.rejected.length;
  await h.stop();
  return {
    pauses,
    requests: clicks.length,
    crashes: 0,
    leaks: Math.max(0, marks.length - 1),
    overLimit: over,
    note: `200 forged ids (paragraphs up to 999,999) and 50 clicks on one answer → ${marks.length} mark recorded`,
  };
}

/** `/corpus reload` and `status` from members without Manage Server, and in DMs. */
export async function corpusWithoutPermission(): Promise<Counts> {
  const { h, bot } = await discordTarget();
  const loadedAt = bot.status().loadedAt;
  const interactions = Array.from({ length: 20 }, (_, i) =>
    corpusInteraction(i % 2 === 0 ? 'reload' : 'status', i % 4 < 2 ? { permissions: '1024' } : { place: 'dm' }),
  );
  const probe = watchPauses();
  const tokens = interactions.map((interaction) => h.discord.interact(interaction));
  await waitFor('every refusal', () => tokens.every((token) => h.discord.responsesTo(token).length > 0), 30_000);
  const pauses = probe.stop();
  const reloaded = bot.status().loadedAt !== loadedAt ? 1 : 0;
  await h.stop();
  return {
    pauses,
    requests: tokens.length,
    crashes: 0,
    leaks: reloaded,
    overLimit: h.discord.rejected.length,
    note: 'no reload ran, each refused privately',
  };
}

/** A thousand /ask at once, each to be acknowledged within Discord's 3 s of being sent. */
export async function thousandAsks(): Promise<Counts> {
  const { h } = await discordTarget();
  const probe = watchPauses();
  const tokens = askAll(h, 1000);
  // A first response refused for lateness never comes: wait until all that will come have.
  await waitFor('the first responses', () => tokens.every((token) => h.discord.responsesTo(token).length > 0), 8_000).catch(
    () => undefined,
  );
  const late = tokens.filter((token) => h.discord.responsesTo(token).length === 0).length;
  const deferred = tokens.filter((token) => shapeOf(h.discord.responsesTo(token))[0] === 'callback:5');
  const slowest = Math.max(0, ...tokens.map((token) => h.discord.responsesTo(token)[0]).map((r) => (r?.kind === 'callback' ? r.atMs : 0)));
  await waitFor('the deferred answers', () => deferred.every((token) => h.discord.responsesTo(token).length >= 2), 60_000).catch(
    () => undefined,
  );
  const pauses = probe.stop();
  const unanswered = deferred.filter((token) => h.discord.responsesTo(token).length < 2).length;
  const rejected = h.discord.rejected.length;
  await h.stop();
  return {
    pauses,
    requests: tokens.length,
    crashes: unanswered,
    leaks: 0,
    overLimit: late + rejected,
    note: `${deferred.length} deferred; slowest first response ${slowest} ms; ${late} after 3 s (machine under load)`,
  };
}
