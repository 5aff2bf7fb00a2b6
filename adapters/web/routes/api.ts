import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { answerToJson, type Answer } from '../../../src/index.js';
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
 * Each answer's JSON, made once per answer object: the bot hands out the same object again for a question it
 * has kept (ANSWER_CACHE_SIZE), so a repeated question costs neither the answering nor the serializing.
 */
const jsonOfAnswer = new WeakMap<Answer, string>();

function jsonOf(answer: Answer): string {
  let json = jsonOfAnswer.get(answer);
  if (json === undefined) {
    json = JSON.stringify(answerToJson(answer));
    jsonOfAnswer.set(answer, json);
  }
  return json;
}

/**
 * The HTTP API: `POST /api/ask` (the JSON contract of `ask --json`), `GET /api/articles`,
 * `GET /api/articles/:id` and `POST /api/feedback`. Asking and marking count against the client's flood limit.
 */
export function registerApi(app: WebApp, ports: WebPorts): void {
  registerAsk(app, ports);
  registerArticles(app, ports);
  registerFeedback(app, ports);
}

/** `POST /api/ask`: the answer, recorded in the usage log as `web`. */
function registerAsk(app: WebApp, { bot, config, logger, limits, metrics }: WebPorts): void {
  const schema = { summary: 'Answer a question from the story', body: askBodySchema, response: { 200: answerJsonSchema, ...refusals } };
  app.post('/api/ask', { schema, preHandler: floodGuard(limits.questions, 'ask', metrics) }, async (request, reply) => {
    const { question, top, article } = request.body;
    if (article !== undefined && findArticle(bot, article) === undefined) {
      throw new RequestError(400, 'invalid_request', `article: there is no article "${article}"; GET /api/articles lists them`, 'article');
    }
    const answer = bot.ask(question, { platform, top: top ?? config.MAX_EXCERPTS, ...(article === undefined ? {} : { article }) });
    logger('debug', 'question answered', 'web.asked', { outcome: answer.outcome, results: answer.results.length, article });
    // A string with a JSON content type goes out as it is; the route's typed reply takes only the object.
    const untyped: FastifyReply = reply;
    return untyped.type('application/json; charset=utf-8').send(jsonOf(answer));
  });
}

/** `GET /api/articles` and `GET /api/articles/:id`. */
function registerArticles(app: WebApp, { bot }: WebPorts): void {
  const listSchema = { summary: 'The articles being served', response: { 200: articleListSchema } };
  app.get('/api/articles', { schema: listSchema }, async () => ({
    articles: bot.articles().map((article) => ({ ...articleDetails(article), paragraphs: article.paragraphs.length })),
  }));
  const oneSchema = {
    summary: 'One article, paragraph by paragraph',
    params: articleParamsSchema,
    response: { 200: articleSchema, 404: errorSchema },
  };
  app.get('/api/articles/:id', { schema: oneSchema }, async (request) => {
    const article = findArticle(bot, request.params.id);
    if (article === undefined) throw new RequestError(404, 'not_found', `There is no article "${request.params.id}".`, 'id');
    return { ...articleDetails(article), paragraphs: article.paragraphs.map(({ number, text }) => ({ number, text })) };
  });
}

/** `POST /api/feedback`: a reader's mark, recorded only on a paragraph the served corpus has. */
function registerFeedback(app: WebApp, { bot, limits, metrics }: WebPorts): void {
  const schema = {
    summary: 'Mark a cited paragraph helpful or not',
    body: feedbackBodySchema,
    response: { 204: z.null().meta({ description: 'Noted.' }), ...refusals },
  };
  app.post('/api/feedback', { schema, preHandler: floodGuard(limits.questions, 'feedback', metrics) }, async (request, reply) => {
    const { documentId, paragraph, helpful } = request.body;
    if (findArticle(bot, documentId) === undefined) {
      throw new RequestError(400, 'invalid_request', `documentId: there is no article "${documentId}"`, 'documentId');
    }
    if (paragraph > 0 && bot.paragraph(documentId, paragraph) === undefined) {
      throw new RequestError(400, 'invalid_request', `paragraph: "${documentId}" has no paragraph ${paragraph}`, 'paragraph');
    }
    bot.recordFeedback(platform, helpful, { documentId, paragraph });
    return reply.code(204).send(null);
  });
}
