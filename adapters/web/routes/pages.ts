import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import { z } from 'zod';
import { findArticle } from '../articles.js';
import { renderArticle } from '../render-article.js';
import { renderAskPage } from '../render-ask-page.js';
import { RequestError } from '../request-error.js';
import { articleParamsSchema } from '../schemas.js';
import type { WebApp, WebPorts } from '../server.js';

/** The page's files (plain JS modules, CSS, icon), served as they are: no build step, no inline script. */
export const publicDir = fileURLToPath(new URL('../public/', import.meta.url));

const readQuerySchema = z.object({ p: z.coerce.number().int().min(0).optional() });

/**
 * The reader's pages: `/` (the question box), `/embed` (the same, compact, for an iframe under an article),
 * `/read/:id?p=N` (the article, paragraph N marked), and the static files under `/assets/`.
 */
export function registerPages(app: WebApp, ports: WebPorts): void {
  void app.register(fastifyStatic, { root: publicDir, prefix: '/assets/', index: false });

  const askPage = renderAskPage(false);
  const embedPage = renderAskPage(true);
  app.get('/', { schema: { hide: true } }, async (_request, reply) => reply.type('text/html; charset=utf-8').send(askPage));
  app.get('/embed', { schema: { hide: true } }, async (_request, reply) => reply.type('text/html; charset=utf-8').send(embedPage));

  app.get('/read/:id', { schema: { hide: true, params: articleParamsSchema, querystring: readQuerySchema } }, async (request, reply) => {
    const article = findArticle(ports.bot, request.params.id);
    if (article === undefined)
      throw new RequestError(404, 'not_found', 'There is no such article; it may have been removed from the corpus.');
    return reply.type('text/html; charset=utf-8').send(renderArticle(article, request.query.p));
  });
}
