import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import { guildCreatePayload, readyPayload } from './payloads.js';

/**
 * The Gateway half of the stand-in, speaking the documented v10 JSON protocol without compression:
 * HELLO (op 10) on connect, IDENTIFY (op 2) → READY + GUILD_CREATE, HEARTBEAT (op 1) → ACK (op 11),
 * RESUME (op 6) → the missed dispatches replayed, then RESUMED.
 * @see https://discord.com/developers/docs/events/gateway#connection-lifecycle
 */
export class FakeGateway {
  /** Every op a client sent, in order (`{ op, d }`), for assertions such as "it re-identified or resumed". */
  readonly received: { op: number; d: unknown }[] = [];
  readonly #wss: WebSocketServer;
  readonly #token: string;
  #socket: WebSocket | undefined;
  #sessionId: string | undefined;
  #sequence = 0;
  readonly #sent: { s: number; t: string; d: unknown }[] = [];
  #ready = false;

  readonly #heartbeatIntervalMs: number;

  /** `heartbeatIntervalMs` is what HELLO asks for; Discord's is about 41 s, tests may ask for less. */
  constructor(server: Server, token: string, readonly url: () => string, heartbeatIntervalMs = 41_250) {
    this.#token = token;
    this.#heartbeatIntervalMs = heartbeatIntervalMs;
    this.#wss = new WebSocketServer({ server });
    this.#wss.on('connection', (socket, request) => this.#accept(socket, request.url ?? ''));
  }

  /** Whether a client is connected and has been told READY or RESUMED. */
  get isReady(): boolean {
    return this.#ready && this.#socket !== undefined;
  }

  /** How many connections were opened so far. */
  connections = 0;

  /** Sends a dispatch (op 0) to the session; while disconnected it is kept for the RESUME replay. */
  dispatch(t: string, d: unknown): void {
    this.#sequence += 1;
    const event = { s: this.#sequence, t, d };
    this.#sent.push(event);
    if (this.isReady) this.#send({ op: 0, ...event });
  }

  /**
   * Ends the connection from the server side: with a close `code` as Discord does on a fault (4000:
   * unknown error, resumable), or, without one, abruptly as a network failure would (no close frame).
   */
  drop(code?: number): void {
    const socket = this.#socket;
    [this.#socket, this.#ready] = [undefined, false];
    if (code === undefined) socket?.terminate();
    else socket?.close(code, 'fake gateway drop');
  }

  /** Forgets the session, as Discord does after a while: the next RESUME gets INVALID_SESSION (op 9). */
  forgetSession(): void {
    this.#sessionId = undefined;
  }

  async close(): Promise<void> {
    for (const client of this.#wss.clients) client.terminate();
    await new Promise<void>((resolve) => this.#wss.close(() => resolve()));
  }

  #accept(socket: WebSocket, path: string): void {
    this.connections += 1;
    if (!/[?&]v=10\b/.test(path) || !/[?&]encoding=json\b/.test(path)) {
      socket.close(4012, 'Invalid API version or encoding');
      return;
    }
    this.#socket?.terminate();
    this.#socket = socket;
    this.#ready = false;
    socket.on('message', (raw) => this.#onMessage(socket, JSON.parse(String(raw)) as { op: number; d: unknown }));
    socket.on('close', () => {
      if (this.#socket === socket) [this.#socket, this.#ready] = [undefined, false];
    });
    this.#send({ op: 10, d: { heartbeat_interval: this.#heartbeatIntervalMs } });
  }

  #onMessage(socket: WebSocket, payload: { op: number; d: unknown }): void {
    if (socket !== this.#socket) return;
    this.received.push(payload);
    const d = (payload.d ?? {}) as Record<string, unknown>;
    switch (payload.op) {
      case 1:
        return this.#send({ op: 11 });
      case 2:
        return this.#identify(socket, d);
      case 6:
        return this.#resume(socket, d);
      default:
        return undefined;
    }
  }

  #identify(socket: WebSocket, d: Record<string, unknown>): void {
    if (d['token'] !== this.#token) return socket.close(4004, 'Authentication failed.');
    if (d['intents'] !== 1) return socket.close(4014, 'Disallowed intent(s): this bot asks only for Guilds (1)');
    this.#sessionId = randomUUID();
    this.#sent.length = 0;
    this.#ready = true;
    this.dispatch('READY', readyPayload(this.#sessionId, this.url()));
    this.dispatch('GUILD_CREATE', guildCreatePayload());
  }

  #resume(socket: WebSocket, d: Record<string, unknown>): void {
    if (d['token'] !== this.#token) return socket.close(4004, 'Authentication failed.');
    if (d['session_id'] !== this.#sessionId || typeof d['seq'] !== 'number') return this.#send({ op: 9, d: false });
    const seq = d['seq'];
    this.#ready = true;
    for (const event of this.#sent.filter((e) => e.s > seq)) this.#send({ op: 0, ...event });
    this.#sequence += 1;
    this.#send({ op: 0, s: this.#sequence, t: 'RESUMED', d: {} });
  }

  #send(payload: Record<string, unknown>): void {
    this.#socket?.send(JSON.stringify({ s: null, t: null, ...payload }));
  }
}
