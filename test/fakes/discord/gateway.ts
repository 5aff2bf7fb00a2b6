import type { Server } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import { GatewaySession, type Dispatched } from './gateway-session.js';
import { guildCreatePayload, readyPayload } from './payloads.js';

export type { Dispatched } from './gateway-session.js';

/** Close codes after which Discord will not resume the session: the client must IDENTIFY afresh. */
const sessionEndingCodes = new Set([4007, 4009]);

/** The shard a guild's events go to: `(guild_id >> 22) % num_shards`. @see https://discord.com/developers/docs/events/gateway#sharding */
export function shardOfGuild(guildId: string, count: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(count));
}

export type GatewayOptions = {
  readonly token: string;
  readonly url: () => string;
  /** The servers the bot is in; each shard is told about its own. */
  readonly guilds: readonly string[];
  /** What HELLO asks for; Discord's is about 41 s, tests may ask for less. @default 41_250 */
  readonly heartbeatIntervalMs?: number;
};

/**
 * The Gateway half of the stand-in, speaking the documented v10 JSON protocol without compression:
 * HELLO (op 10) on connect, IDENTIFY (op 2) → READY + a GUILD_CREATE per server of that shard, HEARTBEAT
 * (op 1) → ACK (op 11), RESUME (op 6) → the missed dispatches replayed, then RESUMED; INVALID_SESSION
 * (op 9) when a session cannot be resumed. One session per shard (IDENTIFY's `shard: [id, count]`); a
 * guild's events go to the shard `(guild_id >> 22) % count`, everything else to shard 0.
 * @see https://discord.com/developers/docs/events/gateway#connection-lifecycle
 */
export class FakeGateway {
  /** Every op a client sent, in order (`{ op, d }`), for assertions such as "it re-identified or resumed". */
  readonly received: { op: number; d: unknown }[] = [];
  /** How many connections were opened so far. */
  connections = 0;
  readonly #wss: WebSocketServer;
  readonly #options: GatewayOptions;
  /** The live session of each shard id. */
  readonly #sessions = new Map<number, GatewaySession>();

  constructor(server: Server, options: GatewayOptions) {
    this.#options = options;
    this.#wss = new WebSocketServer({ server });
    this.#wss.on('connection', (socket, request) => this.#accept(socket, request.url ?? ''));
  }

  /** Whether at least one shard is connected and every session is connected and told READY or RESUMED. */
  get isReady(): boolean {
    const sessions = [...this.#sessions.values()];
    return sessions.length > 0 && sessions.every((session) => session.isReady);
  }

  /** The shards with a session, as `[id, count]`, in shard order. */
  get shards(): (readonly [number, number])[] {
    return [...this.#sessions.values()].map((session) => session.shard).sort((a, b) => a[0] - b[0]);
  }

  /**
   * Sends a dispatch (op 0) to the session of the shard it belongs to; while that session is
   * disconnected it is kept for the RESUME replay. With no session for that shard, or one Discord has
   * forgotten, it never reaches the bot (`delivered` stays false).
   */
  dispatch(t: string, d: unknown): Dispatched {
    const guildId = (d as { guild_id?: unknown } | null)?.guild_id;
    const session = [...this.#sessions.values()].find(
      (s) => s.shard[0] === (typeof guildId === 'string' ? shardOfGuild(guildId, s.shard[1]) : 0),
    );
    return session?.dispatch(t, d) ?? { s: 0, t, d, shard: -1, delivered: false };
  }

  /**
   * Ends the connection of `shard` (default: every shard) from the server side: with a close `code` as
   * Discord does on a fault (4000: unknown error, resumable; 4007, 4009: the session is over), or,
   * without one, abruptly as a network failure would (no close frame).
   */
  drop(code?: number, shard?: number): void {
    for (const session of this.#sessionsOf(shard)) {
      if (code !== undefined && sessionEndingCodes.has(code)) session.isResumable = false;
      const socket = session.detach();
      if (code === undefined) socket?.terminate();
      else socket?.close(code, 'fake gateway drop');
    }
  }

  /** Forgets the sessions, as Discord does after a while: the next RESUME gets INVALID_SESSION (op 9). */
  forgetSession(shard?: number): void {
    for (const session of this.#sessionsOf(shard)) session.isResumable = false;
  }

  /**
   * Ends the sessions on their open connections with INVALID_SESSION (op 9, `d: false`): the client must
   * IDENTIFY afresh, and what is dispatched until then is lost with the old session.
   */
  invalidateSession(shard?: number): void {
    for (const session of this.#sessionsOf(shard)) {
      session.isResumable = false;
      session.send({ op: 9, d: false });
      session.detach();
    }
  }

  async close(): Promise<void> {
    for (const client of this.#wss.clients) client.terminate();
    await new Promise<void>((resolve) => this.#wss.close(() => resolve()));
  }

  #sessionsOf(shard: number | undefined): GatewaySession[] {
    return [...this.#sessions.values()].filter((session) => shard === undefined || session.shard[0] === shard);
  }

  #accept(socket: WebSocket, path: string): void {
    this.connections += 1;
    if (!/[?&]v=10\b/.test(path) || !/[?&]encoding=json\b/.test(path)) {
      socket.close(4012, 'Invalid API version or encoding');
      return;
    }
    socket.on('message', (raw) => this.#onMessage(socket, JSON.parse((raw as Buffer).toString('utf8')) as { op: number; d: unknown }));
    socket.on('close', () => {
      for (const session of this.#sessions.values()) if (session.socket === socket) session.detach();
    });
    socket.send(JSON.stringify({ op: 10, s: null, t: null, d: { heartbeat_interval: this.#options.heartbeatIntervalMs ?? 41_250 } }));
  }

  #onMessage(socket: WebSocket, payload: { op: number; d: unknown }): void {
    this.received.push(payload);
    const d = (payload.d ?? {}) as Record<string, unknown>;
    switch (payload.op) {
      case 1:
        for (const session of this.#sessions.values()) if (session.socket === socket) session.confirm(payload.d);
        return socket.send(JSON.stringify({ op: 11, s: null, t: null, d: null }));
      case 2:
        return this.#identify(socket, d);
      case 6:
        return this.#resume(socket, d);
      default:
        return undefined;
    }
  }

  #identify(socket: WebSocket, d: Record<string, unknown>): void {
    if (d['token'] !== this.#options.token) return socket.close(4004, 'Authentication failed.');
    if (d['intents'] !== 1) return socket.close(4014, 'Disallowed intent(s): this bot asks only for Guilds (1)');
    const [id, count] = Array.isArray(d['shard']) ? (d['shard'] as number[]) : [0, 1];
    if (id === undefined || count === undefined || !(id >= 0 && id < count)) return socket.close(4010, 'Invalid shard.');
    this.#sessions.get(id)?.detach()?.terminate();
    const session = new GatewaySession([id, count], socket);
    this.#sessions.set(id, session);
    session.attach(socket);
    const guilds = this.#options.guilds.filter((guild) => shardOfGuild(guild, count) === id);
    session.dispatch('READY', readyPayload(session.id, this.#options.url(), [id, count], guilds));
    for (const guild of guilds) session.dispatch('GUILD_CREATE', guildCreatePayload(guild));
  }

  #resume(socket: WebSocket, d: Record<string, unknown>): void {
    if (d['token'] !== this.#options.token) return socket.close(4004, 'Authentication failed.');
    const session = [...this.#sessions.values()].find((s) => s.isResumable && s.id === d['session_id']);
    if (session === undefined || typeof d['seq'] !== 'number') return socket.send(JSON.stringify({ op: 9, s: null, t: null, d: false }));
    if (session.socket !== socket) session.detach()?.terminate();
    session.resume(socket, d['seq']);
  }
}
