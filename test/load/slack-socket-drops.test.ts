import { describe, expect, it } from 'vitest';
import { answersPerQuestion, makeLoad, sendLoad, untilAnswered, useLoadRig, type LoadQuestion, type LoadRig } from '../fakes/slack/load.js';

const rig = useLoadRig();

describe('Slack Socket Mode drops under load', () => {
  it('answers every question that reached the bot exactly once when the connection drops twice mid-load', async () => {
    const { fake, log } = rig();
    const first = makeLoad(fake, 'before', 500);
    const second = makeLoad(fake, 'after', 500);
    sendLoad(fake, first);
    await fake.acks.waitFor(() => true, 'the 50th ack', { count: 50 });
    fake.dropConnection();
    // Sent while the bot reconnects: Slack holds them for the next connection.
    sendLoad(fake, second);
    await fake.sockets.waitFor(() => true, 'the second connection', { count: 2, timeoutMs: 20_000 });
    await fake.acks.waitFor(() => true, 'the 600th ack', { count: 600, timeoutMs: 20_000 });
    fake.dropConnection();
    await fake.sockets.waitFor(() => true, 'the third connection', { count: 3, timeoutMs: 20_000 });
    await fake.acks.waitFor(() => fake.envelopes.pending === 0, 'every envelope acked', { timeoutMs: 30_000 });

    // Events are redelivered until acked, so every one reaches the bot, and dedupe drops second sightings.
    // Commands are not redelivered: one lost with its connection may never have reached the bot.
    const load = [...first, ...second];
    const lost = new Set(fake.envelopes.lost.entries.map((envelope) => (envelope.payload as { response_url?: string }).response_url));
    const isLost = (q: LoadQuestion) => q.via === 'command' && lost.has(fake.responseUrl(q.responseId));
    await untilAnswered(
      fake,
      load.filter((q) => !isLost(q)),
    );
    await barrier(rig());
    const counts = answersPerQuestion(fake, load);
    expect(load.filter((q, i) => !isLost(q) && counts[i] !== 1)).toEqual([]);
    expect(load.filter((q, i) => isLost(q) && (counts[i] ?? 0) > 1)).toEqual([]);
    expect(fake.envelopes.redelivered.entries.length).toBeGreaterThan(0);
    expect(
      log.filter((e) => e.code === 'slack.handler_failed' || e.code === 'slack.reply_failed' || e.code === 'slack.bolt_error'),
    ).toEqual([]);
    const duplicates = log.filter((e) => e.code === 'slack.duplicate_event').length;
    const lostAnswered = load.filter((q, i) => isLost(q) && counts[i] === 1).length;
    console.log(
      `[slack drops] 1,000 questions, 2 drops: ${fake.envelopes.redelivered.entries.length} events redelivered (${duplicates} already answered, dropped); ${lost.size} /ask lost with a connection, ${lostAnswered} of them had reached the bot and were answered`,
    );
  }, 120_000);
});

/** One more question, answered after everything sent before it was acked: late duplicates would show by then. */
async function barrier({ fake }: LoadRig): Promise<void> {
  const question = makeLoad(fake, 'barrier', 1, ['dm']);
  sendLoad(fake, question);
  await untilAnswered(fake, question);
}
