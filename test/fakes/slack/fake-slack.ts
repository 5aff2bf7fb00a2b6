import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { EnvelopeOutbox, type EnvelopeType } from './envelopes.js';
import { Recorder } from './wait.js';

/**
 * One Web API call as the stand-in received it (form values stay strings, as Slack receives them), `at`
 * when it arrived (performance.now()), and the status it got: 200, or 429 with the `retryAfter` (s) it was told.
 */
export type ApiCall = {
  readonly method: string;
  readonly params: Readonly<Record<string, string>>;
  readonly token: string | undefined;
  readonly at: number;
  readonly status: number;
  readonly retryAfter?: number;
};
/** One POST to a response_url. */
export type ResponsePost = { readonly id: string; readonly body: Readonly<Record<string, unknown>> };
/** One Socket Mode acknowledgement from the app. */
export type SocketAck = { readonly envelope_id: string; readonly payload?: unknown };
/** A scripted failure for the next call of a method: an HTTP 429, or a Slack `{ ok: false, error }`. */
export type Failure = { readonly status: 429; readonly retryAfter: number } | { readonly error: string };
/** Decides, call by call, whether a method fails: for faults spread through a load. `index` counts that method's calls from 0. */
export type FailurePolicy = (call: { readonly params: Readonly<Record<string, string>> }, index: number) => Failure | undefined;

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
  /** Socket Mode envelopes: sent, redelivered after a dropped connection, or lost. */
  readonly envelopes = new EnvelopeOutbox(() => this.sockets.entries.at(-1));
  readonly #failures = new Map<string, Failure[]>();
  readonly #policies = new Map<string, { decide: FailurePolicy; calls: number }>();
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

  /** From now on, asks `policy` whether each call of `method` fails (after any failNext failures). */
  failWhen(method: string, policy: FailurePolicy): void {
    this.#policies.set(method, { decide: policy, calls: 0 });
  }

  /** Sends one Socket Mode envelope on the newest connection and resolves with the app's ack. */
  async deliver(type: EnvelopeType, payload: object, retry = { attempt: 0, reason: '' }): Promise<SocketAck> {
    if (this.sockets.entries.length === 0) throw new Error('no Socket Mode connection to deliver on');
    const envelopeId = this.envelopes.send(type, payload, retry);
    return this.acks.waitFor((ack) => ack.envelope_id === envelopeId, `the ack of ${type} envelope ${envelopeId}`, { timeoutMs: 3_000 });
  }

  /** Sends one Socket Mode envelope without waiting for its ack (now, or on the next connection); returns its id. */
  send(type: EnvelopeType, payload: object): string {
    return this.envelopes.send(type, payload);
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

  /** Forgets what was recorded (calls, response_url posts, acks, envelopes sent), keeping the connections. */
  forget(): void {
    for (const recorder of [this.calls, this.responses, this.acks, this.envelopes.sent]) recorder.clear();
  }

  async close(): Promise<void> {
    for (const socket of this.#wss.clients) socket.terminate();
    await new Promise<void>((resolve) => this.#wss.close(() => resolve()));
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  #accept(socket: WebSocket): void {
    socket.on('close', (code) => {
      this.closes.add(code);
      this.envelopes.closed(socket);
    });
    socket.on('message', (data) => {
      const parsed: unknown = JSON.parse((data as Buffer).toString('utf8')); // ws hands over a Buffer (binaryType 'nodebuffer')
      if (!isAck(parsed)) return;
      this.envelopes.acked(parsed.envelope_id);
      this.acks.add(parsed);
    });
    socket.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A0FAKE' }, debug_info: { host: 'fake' } }));
    this.sockets.add(socket);
    this.envelopes.flush();
  }

  async #handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = await readBody(request);
    const path = request.url ?? '';
    if (path.startsWith('/response/')) {
      this.#respondUrl(path.slice('/response/'.length), body, response);
      return;
    }
    if (!path.startsWith('/api/')) {
      send(response, 404, { ok: false, error: 'not_found' });
      return;
    }
    const method = path.slice('/api/'.length).split('?')[0] ?? '';
    const params = Object.fromEntries(new URLSearchParams(body));
    const failure = this.#failureFor(method, params);
    const token = request.headers.authorization?.replace(/^Bearer /, '');
    const limited = failure !== undefined && 'status' in failure ? { status: 429, retryAfter: failure.retryAfter } : { status: 200 };
    this.calls.add({ method, params, token, at: performance.now(), ...limited });
    if (limited.retryAfter !== undefined)
      send(response, 429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(limited.retryAfter) });
    else if (failure !== undefined && 'error' in failure) send(response, 200, { ok: false, error: failure.error });
    else send(response, 200, this.#answer(method));
  }

  #failureFor(method: string, params: Readonly<Record<string, string>>): Failure | undefined {
    const scripted = this.#failures.get(method)?.shift();
    if (scripted !== undefined) return scripted;
    const policy = this.#policies.get(method);
    if (policy === undefined) return undefined;
    policy.calls += 1;
    return policy.decide({ params }, policy.calls - 1);
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
        return {
          ok: true,
          url: 'https://fake.slack.test/',
          team: 'Fake',
          user: 'storybot',
          team_id: 'T0FAKE',
          user_id: fakeBotUserId,
          bot_id: 'B0FAKE',
        };
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
export type PostedMessage = {
  readonly channel: string;
  readonly threadTs: string | undefined;
  readonly text: string;
  readonly blocks: unknown[];
  readonly params: Readonly<Record<string, string>>;
};

function toPosted(call: ApiCall): PostedMessage {
  const blocks: unknown = JSON.parse(call.params['blocks'] ?? '[]');
  return {
    channel: call.params['channel'] ?? '',
    threadTs: call.params['thread_ts'],
    text: call.params['text'] ?? '',
    blocks: Array.isArray(blocks) ? blocks : [],
    params: call.params,
  };
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
