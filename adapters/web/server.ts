import type { IncomingMessage, ServerResponse } from 'node:http';
import cors from '@fastify/cors';
import swagger from '@fastify/swagger';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type RawServerDefault } from 'fastify';
import { jsonSchemaTransform, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { BotCore, Logger } from '../../src/index.js';
import type { WebConfig } from './config.js';
import { registerErrorHandling } from './error-handling.js';
import type { FloodLimiter } from '../flood-limit.js';
import type { WebMetrics } from './metrics.js';
import { registerAdmin } from './routes/admin.js';
import { registerApi } from './routes/api.js';
import { registerOps } from './routes/ops.js';
import { registerPages } from './routes/pages.js';
import { bodyLimitBytes } from './schemas.js';
import { securityHeaders } from './security-headers.js';

/** The Fastify instance of the web front door, with zod schemas as its type provider. */
export type WebApp = FastifyInstance<RawServerDefault, IncomingMessage, ServerResponse, FastifyBaseLogger, ZodTypeProvider>;

/** The flood limits of the web front door, per client address. */
export type WebLimits = {
  /** Questions and readers' marks; undefined when WEB_RATE_LIMIT is 0. */
  readonly questions: FloodLimiter | undefined;
  /** Admin sign-in attempts (a token cannot be guessed at speed). */
  readonly signIns: FloodLimiter;
};

/** What the web front door is built from: narrow ports, so tests hand it a fake or a small real bot. */
export type WebPorts = {
  readonly config: WebConfig;
  readonly bot: BotCore;
  readonly logger: Logger;
  readonly limits: WebLimits;
  readonly metrics: WebMetrics;
  /** Where the admin page reads the usage log; undefined when USAGE_LOG_DIR is off. */
  readonly usageDir: string | undefined;
  /** The clock, injectable for tests. */
  readonly now?: () => Date;
};

/**
 * The web front door as a Fastify instance, not yet listening: the HTTP API (`/api/…`), the reader's page
 * (`/`, `/embed`, `/read/:id`), the admin page (`/admin`, when WEB_ADMIN_TOKEN is set), `/healthz`,
 * `/metrics` and `/openapi.json`. Fastify's own logger is off: everything is logged through `ports.logger`.
 *
 * @example const app = await buildWebServer(ports); await app.listen({ port: 8080 });
 */
export async function buildWebServer(ports: WebPorts): Promise<WebApp> {
  const { config } = ports;
  const app: WebApp = Fastify({
    logger: false,
    bodyLimit: bodyLimitBytes,
    trustProxy: config.WEB_TRUST_PROXY ?? false,
    return503OnClosing: true,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  // Response schemas document the contract (OpenAPI); the handlers already build exactly that shape.
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  // JSON only (415 otherwise): a plain-text post is what another site's page could send without asking CORS first.
  app.removeContentTypeParser('text/plain');
  const [pageHeaders, embedHeaders] = [securityHeaders(config, false), securityHeaders(config, true)];
  // Callback hooks, not async ones: they run on every request, and a promise each is measurable under load.
  app.addHook('onRequest', (request, reply, done) => {
    reply.headers(request.url === '/embed' || request.url.startsWith('/embed?') ? embedHeaders : pageHeaders);
    done();
  });
  app.addHook('onResponse', (request, reply, done) => {
    ports.metrics.observeRequest(request.routeOptions.url ?? 'unmatched', request.method, reply.statusCode, reply.elapsedTime / 1000);
    done();
  });
  registerErrorHandling(app, ports.logger);
  if (config.WEB_ALLOWED_ORIGINS.length > 0) {
    await app.register(cors, { origin: config.WEB_ALLOWED_ORIGINS, methods: ['GET', 'POST'], maxAge: 600 });
  }
  await app.register(swagger, {
    openapi: {
      info: { title: 'Storybot', version: '1', description: 'Questions about a news story, answered with its own words, cited.' },
    },
    transform: jsonSchemaTransform,
  });
  registerApi(app, ports);
  registerOps(app, ports);
  registerPages(app, ports);
  // Only the admin's forms are form-encoded; the API takes JSON alone, so another site's form cannot post to it.
  await app.register(async (admin: WebApp) => {
    admin.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    });
    registerAdmin(admin, ports);
  });
  return app;
}
