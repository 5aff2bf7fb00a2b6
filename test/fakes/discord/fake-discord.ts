import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeGateway } from './gateway.js';
import { choiceProblems, messageProblems } from './limits.js';
import { fakeIds, messagePayload } from './payloads.js';

type Json = Record<string, unknown>;

/** One thing the bot did in answer to an interaction, as Discord received it. */
export type Response =
  | { readonly kind: 'callback'; readonly type: number; readonly data: Json; readonly atMs: number }
  | { readonly kind: 'edit'; readonly data: Json }
  | { readonly kind: 'followup'; readonly data: Json }
  | { readonly kind: 'delete' };

type Interaction = { readonly id: string; readonly token: string; readonly channel_id: string; readonly type: number };
type Route = { readonly method: string; readonly pattern: RegExp; handle(match: RegExpExecArray, body: Json, res: ServerResponse, url: URL): void };

/** Discord stops accepting the first response to an interaction after 3 seconds. */
const ackWindowMs = 3000;

/**
 * A Discord stand-in on 127.0.0.1: the REST API v10 (under `/api`) and the Gateway on one port. It
 * validates what the bot sends the way Discord does, and records what members would see.
 */
export class FakeDiscord {
  readonly token: string;
  /** Command sets registered by PUT, by route ("global" or the guild id). */
  readonly commands = new Map<string, Json[]>();
  /** Messages the bot posted to channels (POST /channels/{id}/messages), in order. */
  readonly channelMessages: { readonly channelId: string; readonly body: Json }[] = [];
  /** Channels the bot may post in; any other gets 404 Unknown Channel, as a deleted channel would. */
  readonly channels = new Set<string>([fakeIds.guildChannel, fakeIds.adminChannel]);
  /** Requests Discord would have rejected, with why: tests assert this stays empty. */
  readonly rejected: { path: string; problems: string[] }[] = [];
  readonly #responses = new Map<string, Response[]>();
  readonly #interactions = new Map<string, Interaction & { sentAt: number }>();
  readonly #server: Server;
  readonly gateway: FakeGateway;
  readonly #routes: Route[];

  private constructor(server: Server, token: string, heartbeatIntervalMs: number | undefined) {
    this.#server = server;
    this.token = token;
    this.gateway = new FakeGateway(server, token, () => this.gatewayUrl, heartbeatIntervalMs);
    this.#routes = this.#makeRoutes();
    server.on('request', (req, res) => void this.#onRequest(req, res));
  }

  /** Starts the stand-in on a free loopback port. */
  static async start(options: { token?: string; heartbeatIntervalMs?: number } = {}): Promise<FakeDiscord> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return new FakeDiscord(server, options.token ?? 'fake-discord-token', options.heartbeatIntervalMs);
  }

  get #port(): number {
    return (this.#server.address() as AddressInfo).port;
  }

  /** The REST base to give discord.js as `rest: { api }` (DISCORD_API_URL). */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.#port}/api`;
  }

  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.#port}`;
  }

  /** Sends an interaction to the bot over the gateway (INTERACTION_CREATE) and returns its token. */
  interact(payload: Interaction): string {
    this.#interactions.set(payload.token, { ...payload, sentAt: Date.now() });
    this.#responses.set(payload.token, []);
    this.gateway.dispatch('INTERACTION_CREATE', payload);
    return payload.token;
  }

  /** What the bot has sent in answer to the interaction with `token`, in order. */
  responsesTo(token: string): readonly Response[] {
    return this.#responses.get(token) ?? [];
  }

  async close(): Promise<void> {
    await this.gateway.close();
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  async #onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.apiUrl);
    const raw = await readBody(req);
    const body = (raw === '' ? {} : JSON.parse(raw)) as Json;
    const path = decodeURIComponent(url.pathname).replace(/^\/api\/v10/, '');
    const route = this.#routes.find((r) => r.method === req.method && r.pattern.test(path));
    const needsAuth = !path.startsWith('/interactions/') && !path.startsWith('/webhooks/');
    if (needsAuth && req.headers.authorization !== `Bot ${this.token}`) return send(res, 401, { message: '401: Unauthorized', code: 0 });
    if (route === undefined) return send(res, 404, { message: `Unknown route ${req.method} ${path}`, code: 0 });
    route.handle(route.pattern.exec(path) as RegExpExecArray, body, res, url);
  }

  #reject(res: ServerResponse, path: string, problems: string[], code = 50035): void {
    this.rejected.push({ path, problems });
    send(res, 400, { message: problems.join('; '), code });
  }

  #makeRoutes(): Route[] {
    const gatewayBot: Route = {
      method: 'GET',
      pattern: /^\/gateway\/bot$/,
      handle: (_m, _b, res) =>
        send(res, 200, { url: this.gatewayUrl, shards: 1, session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 } }),
    };
    const putCommands: Route = {
      method: 'PUT',
      pattern: /^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/,
      handle: (m, body, res) => {
        if (m[1] !== fakeIds.application || !Array.isArray(body)) return this.#reject(res, m[0], ['unknown application or body not a list']);
        const registered = (body as Json[]).map((command, i) => ({ ...command, id: `60000000000000000${i}`, application_id: m[1], version: '1' }));
        this.commands.set(m[2] ?? 'global', registered);
        send(res, 200, registered);
      },
    };
    const postMessage: Route = {
      method: 'POST',
      pattern: /^\/channels\/(\d+)\/messages$/,
      handle: (m, body, res) => {
        const [channelId, problems] = [m[1] ?? '', messageProblems(body)];
        if (!this.channels.has(channelId)) return send(res, 404, { message: 'Unknown Channel', code: 10003 });
        if (problems.length > 0) return this.#reject(res, m[0], problems);
        this.channelMessages.push({ channelId, body });
        send(res, 200, { ...messagePayload(body, channelId), type: 0, webhook_id: undefined });
      },
    };
    return [gatewayBot, putCommands, postMessage, ...this.#interactionRoutes()];
  }

  #interactionRoutes(): Route[] {
    const record = (token: string, response: Response) => this.#responses.get(token)?.push(response);
    const callback: Route = {
      method: 'POST',
      pattern: /^\/interactions\/(\d+)\/([^/]+)\/callback$/,
      handle: (m, body, res) => {
        const interaction = this.#interactions.get(m[2] ?? '');
        if (interaction === undefined || interaction.id !== m[1]) return send(res, 404, { message: 'Unknown interaction', code: 10062 });
        const atMs = Date.now() - interaction.sentAt;
        if (atMs > ackWindowMs) return send(res, 404, { message: 'Unknown interaction (acknowledged too late)', code: 10062 });
        if (this.responsesTo(interaction.token).some((r) => r.kind === 'callback')) return this.#reject(res, m[0], ['Interaction has already been acknowledged.'], 40060);
        const type = Number(body['type']);
        const data = (body['data'] ?? {}) as Json;
        const problems = type === 4 ? messageProblems(data) : type === 8 ? choiceProblems(data) : [5, 6].includes(type) ? [] : [`unexpected callback type ${type}`];
        if (problems.length > 0) return this.#reject(res, m[0], problems);
        record(interaction.token, { kind: 'callback', type, data, atMs });
        send(res, 204);
      },
    };
    return [callback, ...this.#webhookRoutes(record)];
  }

  #webhookRoutes(record: (token: string, response: Response) => void): Route[] {
    const known = (m: RegExpExecArray) => (m[1] === fakeIds.application ? this.#interactions.get(m[2] ?? '') : undefined);
    const acknowledged = (token: string) => this.responsesTo(token).some((r) => r.kind === 'callback');
    const message = (kind: 'edit' | 'followup', method: string, pattern: RegExp): Route => ({
      method,
      pattern,
      handle: (m, body, res) => {
        const interaction = known(m);
        if (interaction === undefined || !acknowledged(interaction.token)) return send(res, 404, { message: 'Unknown Webhook', code: 10015 });
        const problems = messageProblems(body);
        if (problems.length > 0) return this.#reject(res, m[0], problems);
        record(interaction.token, { kind, data: body });
        send(res, 200, messagePayload(body, interaction.channel_id));
      },
    });
    const remove: Route = {
      method: 'DELETE',
      pattern: /^\/webhooks\/(\d+)\/([^/]+)\/messages\/@original$/,
      handle: (m, _b, res) => {
        const interaction = known(m);
        if (interaction === undefined) return send(res, 404, { message: 'Unknown Webhook', code: 10015 });
        record(interaction.token, { kind: 'delete' });
        send(res, 204);
      },
    };
    return [
      message('edit', 'PATCH', /^\/webhooks\/(\d+)\/([^/]+)\/messages\/@original$/),
      message('followup', 'POST', /^\/webhooks\/(\d+)\/([^/]+)$/),
      remove,
    ];
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function send(res: ServerResponse, status: number, body?: unknown): void {
  if (body === undefined) return void res.writeHead(status).end();
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}
