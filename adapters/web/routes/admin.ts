import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { readUsageLog, summarizeUsage, type ReloadOutcome } from '../../../src/index.js';
import { isAdmin, isSameOrigin, sameSecret, sessionCookie, sessionValue } from '../admin-auth.js';
import { daysUpTo } from '../charts.js';
import { floodGuard } from '../flood-guard.js';
import { renderAdmin, renderSignIn, reportPeriods, type ReloadNotice } from '../render-admin.js';
import { RequestError } from '../request-error.js';
import type { WebApp, WebPorts } from '../server.js';

const adminQuerySchema = z.object({
  days: z.coerce
    .number()
    .refine((n) => (reportPeriods as readonly number[]).includes(n), `must be one of ${reportPeriods.join(', ')}`)
    .default(30),
  reloaded: z.enum(['clean', 'problems', 'unusable']).optional(),
});

const signInSchema = z.object({ token: z.string({ error: 'is required' }).max(1_000) });

/** How many of each ranked list the admin page shows. */
const topCount = 10;

/**
 * The admin page, only when WEB_ADMIN_TOKEN is set (otherwise `/admin` is a 404): `GET /admin` (the corpus,
 * a Reload button, the usage report as charts; a sign-in form without a session), `POST /admin/login`
 * (flood-limited per address), `POST /admin/logout` and `POST /admin/reload`. Posts from other sites are refused.
 */
export function registerAdmin(app: WebApp, ports: WebPorts): void {
  const token = ports.config.WEB_ADMIN_TOKEN;
  if (token === undefined) return;
  registerPage(app, ports, token);
  registerSession(app, ports, token);
  app.post('/admin/reload', { schema: { hide: true } }, async (request, reply) => {
    refuseCrossSite(request);
    if (!isAdmin(request, token)) return sendPage(reply.code(401), renderSignIn(false));
    ports.logger('info', 'reloading the corpus (an admin asked, on the web)', 'corpus.reloading');
    return reply.redirect(`/admin?reloaded=${noticeFor(await ports.bot.reload())}`, 303);
  });
}

/** `GET /admin`: the page, or the sign-in form (401) without a session. */
function registerPage(app: WebApp, { bot, usageDir, now = () => new Date() }: WebPorts, token: string): void {
  app.get('/admin', { schema: { hide: true, querystring: adminQuerySchema } }, async (request, reply) => {
    if (!isAdmin(request, token)) return sendPage(reply.code(401), renderSignIn(false));
    const days = daysUpTo(now(), request.query.days);
    const since = new Date(`${days[0] ?? ''}T00:00:00.000Z`);
    const report = usageDir === undefined ? undefined : summarizeUsage(await readUsageLog(usageDir, { since }), topCount);
    const titles = new Map(bot.articles().map((article) => [article.id, article.title]));
    return sendPage(reply, renderAdmin({ status: bot.status(), report, days, titles, notice: request.query.reloaded }));
  });
}

/** `POST /admin/login` (flood-limited per address) and `POST /admin/logout`. */
function registerSession(app: WebApp, { logger, limits, metrics }: WebPorts, token: string): void {
  const isHttps = (request: FastifyRequest) => request.protocol === 'https';
  const preHandler = floodGuard(limits.signIns, 'sign-in', metrics);
  app.post('/admin/login', { schema: { hide: true, body: signInSchema }, preHandler }, async (request, reply) => {
    refuseCrossSite(request);
    if (!sameSecret(request.body.token, token)) {
      logger('warn', 'admin sign-in refused: wrong token', 'web.admin_refused');
      return sendPage(reply.code(401), renderSignIn(true));
    }
    logger('info', 'admin signed in', 'web.admin_signed_in');
    return reply.header('set-cookie', sessionCookie(sessionValue(token), isHttps(request))).redirect('/admin', 303);
  });
  app.post('/admin/logout', { schema: { hide: true } }, async (request, reply) => {
    refuseCrossSite(request);
    return reply.header('set-cookie', sessionCookie(undefined, isHttps(request))).redirect('/admin', 303);
  });
}

function refuseCrossSite(request: FastifyRequest): void {
  if (!isSameOrigin(request)) throw new RequestError(403, 'forbidden', 'This form can only be sent from this site.');
}

function noticeFor(outcome: ReloadOutcome): ReloadNotice {
  return outcome.ok ? 'clean' : outcome.swapped ? 'problems' : 'unusable';
}

function sendPage(reply: FastifyReply, page: string): FastifyReply {
  return reply.header('cache-control', 'no-store').type('text/html; charset=utf-8').send(page);
}
