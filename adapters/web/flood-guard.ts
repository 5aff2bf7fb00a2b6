import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FloodLimiter } from '../flood-limit.js';
import { clientKey } from './client-key.js';
import type { WebMetrics } from './metrics.js';

/**
 * The preHandlers that count the request against `limiter` under the client's address (`kind` keeps the
 * limits of different actions apart) and refuse it with 429 and Retry-After (whole seconds) when over.
 * No limiter: none, so the route runs no hook at all for it.
 */
export function floodGuard(limiter: FloodLimiter | undefined, kind: string, metrics: WebMetrics) {
  if (limiter === undefined) return [];
  const guard = async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const decision = await limiter.allow(`${kind}:${clientKey(request.ip)}`);
    if (decision.allowed) return;
    const seconds = Math.max(1, Math.ceil(decision.retryAfterMs / 1000));
    metrics.countRefused(request.routeOptions.url ?? request.url);
    await reply
      .code(429)
      .header('retry-after', String(seconds))
      .send({ error: 'rate_limited', message: `Too many requests from your address; try again in ${seconds} seconds.` });
  };
  return [guard];
}
