import { z } from 'zod';
import { answerToJson } from '../../../src/index.js';
import { articleDetails, findArticle } from '../articles.js';
import { floodGuard } from '../flood-guard.js';
import { RequestError } from '../request-error.js';
import {
  answerJsonSchema,
  articleListSchema,
  articleParamsSchema,
  articleSchema,
  askBodySchema,
  errorSchema,
  feedbackBodySchema,
} from '../schemas.js';
import type { WebApp, WebPorts } from '../server.js';

/** The platform name web questions and marks are recorded under in the usage log. */
const platform = 'web';

const refusals = { 400: errorSchema, 413: errorSchema, 429: errorSchema };

/**
 * The HTTP API: `POST /api/ask` (the JSON contract of `ask --json`), `GET /api/articles`,
 * `GET /api/articles/:id` and `POST /api/feedback`. Asking and marking count against the client's flood limit.
 */
export function registerApi(app: WebApp, ports: WebPorts): void {
  const { bot, config, logger, metrics } = ports;
  const limited = (kind: string) => floodGuard(ports.limits.questions, kind, metrics);

  app.post(
    '/api/ask',
    {
      schema: { summary: 'Answer a question from the story', body: askBodySchema, response: { 200: answerJsonSchema, ...refusals } },
      preHandler: limited('ask'),
    },
    async (request) => {
      const { question, top, article } = request.body;
      if (article !== undefined && findArticle(bot, article) === undefined) {
        throw new RequestError(
          400,
          'invalid_request',
          `article: there is no article "${article}"; GET /api/articles lists them`,
          'article',
        );
      }
      const answer = bot.ask(question, { platform, top: top ?? config.MAX_EXCERPTS, ...(article === undefined ? {} : { article }) });
      logger('debug', 'question answered', 'web.asked', { outcome: answer.outcome, results: answer.results.length, article });
      return answerToJson(answer);
    },
  );

  app.get('/api/articles', { schema: { summary: 'The articles being served', response: { 200: articleListSchema } } }, async () => ({
    articles: bot.articles().map((article) => ({ ...articleDetails(article), paragraphs: article.paragraphs.length })),
  }));

  app.get(
    '/api/articles/:id',
    {
      schema: {
        summary: 'One article, paragraph by paragraph',
        params: articleParamsSchema,
        response: { 200: articleSchema, 404: errorSchema },
      },
    },
    async (request) => {
      const article = findArticle(bot, request.params.id);
      if (article === undefined) throw new RequestError(404, 'not_found', `There is no article "${request.params.id}".`, 'id');
      return { ...articleDetails(article), paragraphs: article.paragraphs.map(({ number, text }) => ({ number, text })) };
    },
  );

  app.post(
    '/api/feedback',
    {
      schema: {
        summary: 'Mark a cited paragraph helpful or not',
        body: feedbackBodySchema,
        response: { 204: z.null().meta({ description: 'Noted.' }), ...refusals },
      },
      preHandler: limited('feedback'),
    },
    async (request, reply) => {
      const { documentId, paragraph, helpful } = request.body;
      const article = findArticle(bot, documentId);
      if (article === undefined)
        throw new RequestError(400, 'invalid_request', `documentId: there is no article "${documentId}"`, 'documentId');
      if (paragraph > 0 && bot.paragraph(documentId, paragraph) === undefined) {
        throw new RequestError(400, 'invalid_request', `paragraph: "${documentId}" has no paragraph ${paragraph}`, 'paragraph');
      }
      bot.recordFeedback(platform, helpful, { documentId, paragraph });
      return reply.code(204).send(null);
    },
  );
}
