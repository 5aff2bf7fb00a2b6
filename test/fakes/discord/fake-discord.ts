import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeGateway } from './gateway.js';
import { readBody, send, type Route } from './http.js';
import { interactionRoutes } from './interaction-routes.js';
import { InteractionLedger, type Response, type SentInteraction } from './ledger.js';
import { messageProblems } from './limits.js';
import { fakeIds, messagePayload } from './payloads.js';
import { RateLimits, type LimitedRoute } from './rate-limits.js';

export type { Response } from './ledger.js';

type Json = Record<string, unknown>;

export type FakeDiscordOptions = {
  readonly token?: string;
  /** What the gateway's HELLO asks for. @default 41_250 */
  readonly heartbeatIntervalMs?: number;
  /** The shard count GET /gateway/bot recommends. @default 1 */
  readonly shards?: number;
  /** How many shards may IDENTIFY at once (`session_start_limit.max_concurrency`). @default 1 */
  readonly maxConcurrency?: number;
  /** The servers the bot is in. @default [fakeIds.guild] */
  readonly guilds?: readonly string[];
  /**
   * How long after an interaction is sent its first response is still accepted. Discord's is 3 s; load
   * tests, whose stand-in shares the bot's process and CPU, may allow more and print the figures instead.
   * @default 3000
   */
  readonly ackWindowMs?: number;
};

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
  /** Set `rateLimits.rule` to answer some requests 429; `served` and `early` tell what happened. */
  readonly rateLimits = new RateLimits();
  readonly gateway: FakeGateway;
  readonly #interactions = new InteractionLedger();
  readonly #server: Server;
  readonly #options: FakeDiscordOptions;
  readonly #routes: Route[];

  private constructor(server: Server, options: FakeDiscordOptions) {
    this.#server = server;
    this.#options = options;
    this.token = options.token ?? 'fake-discord-token';
    const gateway = { token: this.token, url: () => this.gatewayUrl, guilds: options.guilds ?? [fakeIds.guild] };
    this.gateway = new FakeGateway(
      server,
      options.heartbeatIntervalMs === undefined ? gateway : { ...gateway, heartbeatIntervalMs: options.heartbeatIntervalMs },
    );
    this.#routes = this.#makeRoutes();
    server.on('request', (req, res) => void this.#onRequest(req, res));
  }

  /** Starts the stand-in on a free loopback port. */
  static async start(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
    const server = createServer();
    // A deep accept queue: a load test opens a thousand connections at once.
    await new Promise<void>((resolve) => server.listen({ port: 0, host: '127.0.0.1', backlog: 4096 }, resolve));
    return new FakeDiscord(server, options);
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

  /**
   * Sends an interaction to the bot over the gateway (INTERACTION_CREATE, to the shard of its server)
   * and returns its token.
   */
  interact(payload: SentInteraction): string {
    this.#interactions.add(payload, this.gateway.dispatch('INTERACTION_CREATE', payload));
    return payload.token;
  }

  /** What the bot has sent in answer to the interaction with `token`, in order. */
  responsesTo(token: string): readonly Response[] {
    return this.#interactions.responsesTo(token);
  }

  /** Whether the interaction reached the bot: written to its connection, not lost with a session that ended first. */
  isDelivered(token: string): boolean {
    return this.#interactions.isDelivered(token);
  }

  /** Forgets the interactions sent so far and what was answered (a load test's bookkeeping, before it measures memory). */
  forgetInteractions(): void {
    this.#interactions.clear();
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
    if (needsAuth && req.headers.authorization !== `Bot ${this.token}`) {
      send(res, 401, { message: '401: Unauthorized', code: 0 });
      return;
    }
    const limited = this.rateLimits.check(limitedRoute(path), req.method ?? '', path, raw);
    if (limited !== undefined)
      return void res.writeHead(429, { 'content-type': 'application/json', ...limited.headers }).end(JSON.stringify(limited.body));
    if (route === undefined) {
      send(res, 404, { message: `Unknown route ${req.method} ${path}`, code: 0 });
      return;
    }
    route.handle(route.pattern.exec(path)!, body, res, url);
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
        send(res, 200, {
          url: this.gatewayUrl,
          shards: this.#options.shards ?? 1,
          session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: this.#options.maxConcurrency ?? 1 },
        }),
    };
    const putCommands: Route = {
      method: 'PUT',
      pattern: /^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/,
      handle: (m, body, res) => {
        if (m[1] !== fakeIds.application || !Array.isArray(body))
          return this.#reject(res, m[0], ['unknown application or body not a list']);
        const registered = (body as Json[]).map((command, i) => ({
          ...command,
          id: `60000000000000000${i}`,
          application_id: m[1],
          version: '1',
        }));
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
    const reject = (res: ServerResponse, path: string, problems: string[], code?: number) => this.#reject(res, path, problems, code);
    return [
      gatewayBot,
      putCommands,
      postMessage,
      ...interactionRoutes(this.#interactions, reject, this.#options.ackWindowMs ?? ackWindowMs),
    ];
  }
}

/** Which rate-limited route `path` is: interaction callbacks and the interaction webhook can be refused with 429. */
function limitedRoute(path: string): LimitedRoute | undefined {
  if (path.startsWith('/interactions/')) return 'callback';
  return path.startsWith('/webhooks/') ? 'webhook' : undefined;
}
