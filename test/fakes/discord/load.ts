import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Harness } from './harness.js';
import type { Response } from './ledger.js';
import { askInteraction, corpusInteraction } from './payloads.js';
import { waitFor } from './wait.js';

/**
 * Helpers for the load tests: many interactions at once through the stand-in, waiting for all their
 * answers, and the heap after a full garbage collection.
 */

/** A distinct member id for the n-th asker, so the 5-questions flood limit never refuses a load test. */
export const askerId = (n: number): string => (430_000_000_000_000_000n + BigInt(n)).toString();

/** Sends `/ask` from members `first` to `first + count - 1`, all in one go (nothing awaited in between); returns the tokens. */
export function askAll(h: Harness, count: number, first = 0, question = "Who's Mexico's security chief?"): string[] {
  return Array.from({ length: count }, (_, i) => h.discord.interact(askInteraction(question, { userId: askerId(first + i) })));
}

/** Sends `/corpus reload` `count` times in one go (each is deferred, then edited through the webhook); returns the tokens. */
export function reloadAll(h: Harness, count: number): string[] {
  return Array.from({ length: count }, () => h.discord.interact(corpusInteraction('reload')));
}

/** Waits until every interaction has at least `count` responses (default: its answer), polling, for up to `timeoutMs`. */
export async function untilAnswered(h: Harness, tokens: readonly string[], count = 1, timeoutMs = 60_000): Promise<void> {
  await waitFor(
    `${tokens.length} interactions answered`,
    () => tokens.every((token) => h.discord.responsesTo(token).length >= count),
    timeoutMs,
  );
}

/** The latest first response to any of `tokens`, in ms after it was sent: a figure to print, not to assert. */
export function slowestAck(h: Harness, tokens: readonly string[]): number {
  const acks = tokens
    .map((token) => h.discord.responsesTo(token)[0])
    .filter((r): r is Extract<Response, { kind: 'callback' }> => r?.kind === 'callback');
  return Math.max(0, ...acks.map((r) => r.atMs));
}

/** A short summary of each response, e.g. `callback:4` or `edit`, for comparing whole answers at once. */
export function shapeOf(responses: readonly Response[]): string[] {
  return responses.map((r) => (r.kind === 'callback' ? `callback:${r.type}` : r.kind));
}

/**
 * Lets the bot's client confirm what it received (two heartbeats carry its last sequence, so the stand-in
 * drops its replay buffer), then forgets the stand-in's and the fake logger's records: what is left on the
 * heap is the bot's.
 */
export async function settle(h: Harness): Promise<void> {
  const beats = () => h.discord.gateway.received.filter((p) => p.op === 1).length;
  const seen = beats();
  await waitFor('two heartbeats', () => beats() >= seen + 2);
  h.discord.forgetInteractions();
  h.logger.entries.length = 0;
}

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** heapUsed in MB after two full garbage collections (V8's `gc`, exposed at run time). */
export function heapAfterGc(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 1e6;
}
