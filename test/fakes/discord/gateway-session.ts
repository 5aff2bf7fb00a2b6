import { randomUUID } from 'node:crypto';
import type { WebSocket } from 'ws';

/** One dispatch (op 0) of a session; `delivered` turns true once it is written to a connected client's socket. */
export type Dispatched = { readonly s: number; readonly t: string; readonly d: unknown; readonly shard: number; delivered: boolean };

/**
 * One Gateway session: what IDENTIFY starts and RESUME continues. It numbers its dispatches and keeps
 * those the client has not confirmed (a heartbeat carries the last sequence it saw), so a RESUME can
 * replay what a dropped connection missed.
 * @see https://discord.com/developers/docs/events/gateway#resuming
 */
export class GatewaySession {
  readonly id = randomUUID();
  /** `[shard_id, num_shards]` from IDENTIFY. */
  readonly shard: readonly [number, number];
  socket: WebSocket | undefined;
  /** False once Discord has forgotten the session: a RESUME gets INVALID_SESSION, and what it still holds is never delivered. */
  isResumable = true;
  #ready = false;
  #sequence = 0;
  #unconfirmed: Dispatched[] = [];

  constructor(shard: readonly [number, number], socket: WebSocket) {
    this.shard = shard;
    this.socket = socket;
  }

  /** Connected and told READY or RESUMED: dispatches go out at once. */
  get isReady(): boolean {
    return this.#ready && this.socket !== undefined;
  }

  /** Numbers a dispatch and sends it when connected; while disconnected it waits for a RESUME. */
  dispatch(t: string, d: unknown): Dispatched {
    this.#sequence += 1;
    const event: Dispatched = { s: this.#sequence, t, d, shard: this.shard[0], delivered: false };
    this.#unconfirmed.push(event);
    if (this.isReady) this.#deliver(event);
    return event;
  }

  /** The client confirmed every dispatch up to `seq` (its heartbeat's `d`): they will never be replayed. */
  confirm(seq: unknown): void {
    if (typeof seq === 'number') this.#unconfirmed = this.#unconfirmed.filter((event) => event.s > seq);
  }

  /** Marks the session ready on `socket` (after READY or RESUMED are queued). */
  attach(socket: WebSocket): void {
    this.socket = socket;
    this.#ready = true;
  }

  /** RESUME: replays every dispatch after `seq`, then RESUMED. */
  resume(socket: WebSocket, seq: number): void {
    this.attach(socket);
    for (const event of this.#unconfirmed.filter((e) => e.s > seq)) this.#deliver(event);
    this.dispatch('RESUMED', {});
  }

  /** The connection is gone; the session stays resumable. */
  detach(): WebSocket | undefined {
    const socket = this.socket;
    [this.socket, this.#ready] = [undefined, false];
    return socket;
  }

  /** Sends a non-dispatch payload (HELLO, HEARTBEAT_ACK, INVALID_SESSION) on the session's socket. */
  send(payload: Record<string, unknown>): void {
    this.socket?.send(JSON.stringify({ s: null, t: null, ...payload }));
  }

  #deliver(event: Dispatched): void {
    const { s, t, d } = event;
    this.send({ op: 0, s, t, d });
    event.delivered = true;
  }
}
