import type { FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { userMessageFor, type Logger } from '../../src/index.js';
import { errorPage } from './layout.js';
import { RequestError } from './request-error.js';
import { bodyLimitBytes } from './schemas.js';
import type { WebApp } from './server.js';

/** A refusal as the client sees it: status, stable code, one sentence, and the field at fault. */
type Refusal = { readonly statusCode: number; readonly error: string; readonly message: string; readonly field?: string };

/** Machine-facing paths answer errors in JSON; the rest are pages, and get a short HTML page. */
const isApiPath = (url: string) => /^\/(?:api\/|healthz|metrics|openapi\.json)/.test(url);

/**
 * The web front door's one catch boundary: bad input becomes a 400 naming the field, oversized bodies 413,
 * other refusals their own status, and anything unexpected is logged whole once (`web.request_failed`) and
 * answered with a 500 and the safe sentence. Unknown paths get a 404. JSON for the API, a page otherwise.
 */
export function registerErrorHandling(app: WebApp, logger: Logger): void {
  app.setErrorHandler(async (error: unknown, request, reply) => {
    const refusal = refusalFor(error);
    if (refusal.statusCode >= 500) {
      logger('error', 'web request failed', 'web.request_failed', { method: request.method, route: request.routeOptions.url, error });
    }
    return send(request, reply, refusal);
  });
  app.setNotFoundHandler(async (request, reply) =>
    send(request, reply, {
      statusCode: 404,
      error: 'not_found',
      message: `There is nothing at ${request.method} ${request.url.split('?')[0] ?? ''}.`,
    }),
  );
}

function send(request: FastifyRequest, reply: FastifyReply, { statusCode, ...body }: Refusal): FastifyReply {
  reply.code(statusCode);
  if (isApiPath(request.url)) return reply.type('application/json; charset=utf-8').send(body);
  return reply.type('text/html; charset=utf-8').send(errorPage(statusCode, body.message));
}

/** What to tell the client about `error`. */
export function refusalFor(error: unknown): Refusal {
  if (hasZodFastifySchemaValidationErrors(error)) {
    const [issue] = error.validation;
    const keys = issue?.params['keys'];
    const field = Array.isArray(keys) ? String(keys[0]) : (issue?.instancePath.slice(1).replace(/\//g, '.') ?? '');
    const rule = Array.isArray(keys) ? 'is not a field of this request' : (issue?.message ?? 'is not valid');
    const where = field === '' ? `the ${error.validationContext ?? 'request'}` : field;
    return { statusCode: 400, error: 'invalid_request', message: `${where}: ${rule}`, ...(field === '' ? {} : { field }) };
  }
  if (error instanceof RequestError) {
    return {
      statusCode: error.statusCode,
      error: error.code,
      message: error.message,
      ...(error.field === undefined ? {} : { field: error.field }),
    };
  }
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  const statusCode = typeof error === 'object' && error !== null && 'statusCode' in error ? Number(error.statusCode) : 500;
  if (code === 'FST_ERR_CTP_BODY_TOO_LARGE')
    return { statusCode: 413, error: 'payload_too_large', message: `The request body is larger than ${bodyLimitBytes / 1024} KiB.` };
  if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
    return { statusCode: 415, error: 'unsupported_media_type', message: 'Send the body as JSON (Content-Type: application/json).' };
  if (code === 'FST_ERR_CTP_INVALID_JSON_BODY' || code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || error instanceof SyntaxError)
    return { statusCode: 400, error: 'invalid_json', message: 'The request body is not valid JSON.' };
  if (statusCode >= 400 && statusCode < 500) return { statusCode, error: 'bad_request', message: 'The request could not be read.' };
  return { statusCode: 500, error: 'internal', message: userMessageFor(error) };
}
