import { randomUUID } from 'node:crypto';
import { WebSocket } from 'ws';
import { Recorder } from './wait.js';

/** The kinds of Socket Mode envelope Storybot receives. */
export type EnvelopeType = 'events_api' | 'slash_commands' | 'interactive';

/** One Socket Mode envelope, as Slack sends it. */
export type Envelope = {
  readonly envelope_id: string;
  readonly type: EnvelopeType;
  readonly payload: object;
  readonly accepts_response_payload: boolean;
  readonly retry_attempt: number;
  readonly retry_reason: string;
};

/** Why Slack sends an events_api envelope again: no ack came back in time (Socket Mode's retry_reason). */
const redeliveryReason = 'timeout';

/**
 * Slack's side of Socket Mode delivery: envelopes go out on the newest open connection (or wait for
 * one), and those not acked when their connection ends are dealt with as Slack does. An events_api
 * envelope is sent again on the next connection, under a new envelope id, with `retry_attempt` one
 * higher and `retry_reason: 'timeout'`; a slash command or a click is not (the user sees an error in
 * Slack), and is recorded in `lost`.
 */
export class EnvelopeOutbox {
  /** Every envelope sent, redeliveries included, in order. */
  readonly sent = new Recorder<Envelope>();
  /** Every redelivery scheduled because a connection ended before the ack came back. */
  readonly redelivered = new Recorder<Envelope>();
  /** Slash commands and clicks whose connection ended before their ack came back. */
  readonly lost = new Recorder<Envelope>();
  readonly #unacked = new Map<string, { envelope: Envelope; socket: WebSocket }>();
  readonly #backlog: Envelope[] = [];
  readonly #socket: () => WebSocket | undefined;

  /** @param socket the connection to send on: the newest one, whatever its state. */
  constructor(socket: () => WebSocket | undefined) {
    this.#socket = socket;
  }

  /** Sends an envelope now, or on the next connection when none is open; returns its envelope id. */
  send(type: EnvelopeType, payload: object, retry = { attempt: 0, reason: '' }): string {
    const envelope = {
      envelope_id: randomUUID(),
      type,
      payload,
      accepts_response_payload: type !== 'events_api',
      retry_attempt: retry.attempt,
      retry_reason: retry.reason,
    };
    this.#backlog.push(envelope);
    this.flush();
    return envelope.envelope_id;
  }

  /** How many envelopes are out and not acked, or waiting for a connection. */
  get pending(): number {
    return this.#unacked.size + this.#backlog.length;
  }

  /** Forgets an acked envelope (its ack may come on a later connection than the envelope went out on). */
  acked(envelopeId: string): void {
    this.#unacked.delete(envelopeId);
  }

  /** A connection ended: what it carried and nobody acked is sent again, or lost. */
  closed(socket: WebSocket): void {
    for (const [id, entry] of this.#unacked) {
      if (entry.socket !== socket) continue;
      this.#unacked.delete(id);
      if (entry.envelope.type !== 'events_api') this.lost.add(entry.envelope);
      else this.#redeliver(entry.envelope);
    }
    this.flush();
  }

  /** Sends what waits, when a connection is open. */
  flush(): void {
    const socket = this.#socket();
    if (socket?.readyState !== WebSocket.OPEN) return;
    for (const envelope of this.#backlog.splice(0)) {
      this.#unacked.set(envelope.envelope_id, { envelope, socket });
      socket.send(JSON.stringify(envelope));
      this.sent.add(envelope);
    }
  }

  #redeliver(envelope: Envelope): void {
    const again = { ...envelope, envelope_id: randomUUID(), retry_attempt: envelope.retry_attempt + 1, retry_reason: redeliveryReason };
    this.#backlog.push(again);
    this.redelivered.add(again);
  }
}
