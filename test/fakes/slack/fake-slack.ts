import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { Recorder } from './wait.js';

/** One Web API call as the stand-in received it; form values stay strings, as Slack receives them. */
export type ApiCall = { readonly method: string; readonly params: Readonly<Record<string, string>>; readonly token: string | undefined };
/** One POST to a response_url. */
export type ResponsePost = { readonly id: string; readonly body: Readonly<Record<string, unknown>> };
/** One Socket Mode acknowledgement from the app. */
export type SocketAck = { readonly envelope_id: string; readonly payload?: unknown };
/** A scripted failure for the next call of a method: an HTTP 429, or a Slack `{ ok: false, error }`. */
export type Failure = { readonly status: 429; readonly retryAfter: number } | { readonly error: string };

export const fakeBotUserId = 'U0FAKEBOT';

/**
 * A local stand-in for Slack on 127.0.0.1: the Web API methods Storybot uses, response_urls, and a
 * Socket Mode WebSocket (hello, envelopes, acks). It records everything the app sends.
 */
export class FakeSlack {
  readonly calls = new Recorder<ApiCall>();
  readonly responses = new Recorder<ResponsePost>();
  readonly acks = new Recorder<SocketAck>();
  readonly sockets = new Recorder<WebSocket>();
  /** The close code of every Socket Mode connection that ended (1000 is a clean close by the app). */
  readonly closes = new Recorder<number>();
  readonly #failures = new Map<string, Failure[]>();
  readonly #server: Server;
  readonly #wss: WebSocketServer;

  private constructor() {
    this.#server = createServer((request, response) => void this.#handle(request, response));
    this.#wss = new WebSocketServer({ server: this.#server, path: '/socket' });
    this.#wss.on('connection', (socket) => this.#accept(socket));
  }

  static async start(): Promise<FakeSlack> {
    const fake = new FakeSlack();
    await new Promise<void>((resolve) => fake.#server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get origin(): string {
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  /** The Web API base to give the app as SLACK_API_URL. */
  get apiUrl(): string {
    return `${this.origin}/api/`;
  }

  responseUrl(id: string): string {
    return `${this.origin}/response/${id}`;
  }

  /** Makes the next call of `method` fail once with `failure` (queue several for several calls). */
  failNext(method: string, failure: Failure): void {
    this.#failures.set(method, [...(this.#failures.get(method) ?? []), failure]);
  }

  /** Sends one Socket Mode envelope on the newest connection and resolves with the app's ack. */
  async deliver(type: 'events_api' | 'slash_commands' | 'interactive', payload: object, retry = { attempt: 0, reason: '' }): Promise<SocketAck> {
    const socket = this.sockets.entries.at(-1);
    if (socket === undefined) throw new Error('no Socket Mode connection to deliver on');
    const envelopeId = randomUUID();
    const envelope = { envelope_id: envelopeId, type, payload, accepts_response_payload: type !== 'events_api', retry_attempt: retry.attempt, retry_reason: retry.reason };
    socket.send(JSON.stringify(envelope));
    return this.acks.waitFor((ack) => ack.envelope_id === envelopeId, `the ack of ${type} envelope ${envelopeId}`, { timeoutMs: 3_000 });
  }

  /** Cuts the newest Socket Mode connection without a close handshake, as a network failure would. */
  dropConnection(): void {
    this.sockets.entries.at(-1)?.terminate();
  }

  /** Messages the app posted with chat.postMessage, with their blocks parsed. */
  posted(): PostedMessage[] {
    return this.calls.filter((call) => call.method === 'chat.postMessage').map(toPosted);
  }

  async waitForPost(predicate: (message: PostedMessage) => boolean, what: string, count = 1): Promise<PostedMessage> {
    return toPosted(await this.calls.waitFor((call) => call.method === 'chat.postMessage' && predicate(toPosted(call)), what, { count }));
  }

  async close(): Promise<void> {
    for (const socket of this.#wss.clients) socket.terminate();
    await new Promise<void>((resolve) => this.#wss.close(() => resolve()));
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  #accept(socket: WebSocket): void {
    socket.on('close', (code) => this.closes.add(code));
    socket.on('message', (data) => {
      const parsed: unknown = JSON.parse(String(data));
      if (isAck(parsed)) this.acks.add(parsed);
    });
    socket.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A0FAKE' }, debug_info: { host: 'fake' } }));
    this.sockets.add(socket);
  }

  async #handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = await readBody(request);
    const path = request.url ?? '';
    if (path.startsWith('/response/')) return this.#respondUrl(path.slice('/response/'.length), body, response);
    if (!path.startsWith('/api/')) return send(response, 404, { ok: false, error: 'not_found' });
    const method = path.slice('/api/'.length).split('?')[0] ?? '';
    const auth = request.headers.authorization;
    this.calls.add({ method, params: Object.fromEntries(new URLSearchParams(body)), token: auth?.replace(/^Bearer /, '') });
    const failure = this.#failures.get(method)?.shift();
    if (failure !== undefined && 'status' in failure) return send(response, 429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(failure.retryAfter) });
    if (failure !== undefined) return send(response, 200, { ok: false, error: failure.error });
    send(response, 200, this.#answer(method));
  }

  #respondUrl(id: string, body: string, response: ServerResponse): void {
    const failure = this.#failures.get(`response_url`)?.shift();
    this.responses.add({ id, body: JSON.parse(body) as Record<string, unknown> });
    if (failure !== undefined) return send(response, 404, { ok: false, error: 'expired_url' });
    send(response, 200, { ok: true });
  }

  #answer(method: string): object {
    switch (method) {
      case 'auth.test':
        return { ok: true, url: 'https://fake.slack.test/', team: 'Fake', user: 'storybot', team_id: 'T0FAKE', user_id: fakeBotUserId, bot_id: 'B0FAKE' };
      case 'apps.connections.open':
        return { ok: true, url: `ws://127.0.0.1:${(this.#server.address() as AddressInfo).port}/socket` };
      case 'chat.postMessage':
        return { ok: true, channel: 'C0FAKE', ts: `${Date.now() / 1000}` };
      case 'chat.postEphemeral':
        return { ok: true, message_ts: `${Date.now() / 1000}` };
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }
}

/** A chat.postMessage call, readable: where it went and what it said. */
export type PostedMessage = { readonly channel: string; readonly threadTs: string | undefined; readonly text: string; readonly blocks: unknown[]; readonly params: Readonly<Record<string, string>> };

function toPosted(call: ApiCall): PostedMessage {
  const blocks: unknown = JSON.parse(call.params['blocks'] ?? '[]');
  return { channel: call.params['channel'] ?? '', threadTs: call.params['thread_ts'], text: call.params['text'] ?? '', blocks: Array.isArray(blocks) ? blocks : [], params: call.params };
}

function isAck(value: unknown): value is SocketAck {
  return typeof value === 'object' && value !== null && typeof (value as { envelope_id?: unknown }).envelope_id === 'string';
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function send(response: ServerResponse, status: number, body: object, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
}
