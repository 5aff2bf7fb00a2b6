import { z } from 'zod';
import type { WebApp, WebPorts } from '../server.js';

const healthSchema = z.object({
  status: z.enum(['ok', 'not_ready']),
  documents: z.number().int(),
  paragraphs: z.number().int(),
  loadedAt: z.string(),
  problems: z.number().int().meta({ description: 'Problems the last reload found; bad files keep their last good version.' }),
});

/**
 * For operators: `GET /healthz` (200 once a corpus is served, 503 while none is, and while the server
 * stops), `GET /metrics` (Prometheus's text format) and `GET /openapi.json` (this API, described).
 */
export function registerOps(app: WebApp, ports: WebPorts): void {
  const { bot, metrics } = ports;
  const unwatch = metrics.watch(bot);
  app.addHook('onClose', async () => unwatch());

  app.get(
    '/healthz',
    { schema: { summary: 'Ready once a corpus is served', response: { 200: healthSchema, 503: healthSchema } } },
    async (_request, reply) => {
      const status = bot.status();
      const isReady = status.documents > 0;
      return reply.code(isReady ? 200 : 503).send({
        status: isReady ? 'ok' : 'not_ready',
        documents: status.documents,
        paragraphs: status.paragraphs,
        loadedAt: status.loadedAt.toISOString(),
        problems: status.rejected.length,
      });
    },
  );

  app.get('/metrics', { schema: { summary: 'Prometheus metrics', hide: true } }, async (_request, reply) => {
    const { body, contentType } = await metrics.text();
    return reply.type(contentType).send(body);
  });

  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
