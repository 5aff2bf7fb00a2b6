import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { parse as parseQuery } from 'node:querystring';
import type { Logger } from '../../src/index.js';
import type { SlackStateStore } from './state.js';

/** How far a request's timestamp may be from this host's clock, either way: Slack's own five minutes. */
export const requestWindowSeconds = 5 * 60;

/** The largest body read; Slack's events, commands and clicks are a few kilobytes. */
export const maxBodyBytes = 1024 * 1024;

export type RequestGuardOptions = {
  readonly signingSecret: string;
  /** Where signatures already answered are remembered: this instance's memory, or Redis shared by every instance. */
  readonly state: Pick<SlackStateStore, 'firstSighting'>;
  readonly logger: Logger;
  /** The path Bolt serves. @default '/slack/events' */
  readonly path?: string;
  /** The clock in ms, for tests. @default Date.now */
  readonly now?: () => number;
};

/** Why a request is refused before Bolt sees it: the HTTP status, and the log line's words. */
type Refusal = { readonly status: 400 | 401 | 413; readonly why: string };

/**
 * Wraps Bolt's HTTP request listener so that only a well-formed, freshly signed request that was not seen
 * before reaches Bolt. Bolt reads `body.ssl_check` before anything catches, so a signed body of `null`
 * (or `payload=null`) would end the process; Bolt also accepts timestamps from the future and answers a
 * replayed request as often as it comes within its five minutes. Here:
 * - the body is read (at most `maxBodyBytes`, else 413) and must be a JSON object, or a form whose
 *   `payload` is one (else 400), as Bolt will parse it;
 * - the signature must match and the timestamp be within five minutes of now, either way (else 401);
 * - a signature already seen is acknowledged (200) and not answered again, in the shared store when
 *   Redis is set, so a replay on another instance is caught too.
 * Slack's unsigned `ssl_check` requests go to Bolt as they are. The read body is handed to Bolt
 * (`rawBody`), which then verifies it again and handles it as usual. Nothing here throws.
 */
export function guardRequests(bolt: RequestListener, options: RequestGuardOptions): RequestListener {
  const path = options.path ?? '/slack/events';
  return (request, response) => {
    if (request.method !== 'POST' || new URL(request.url ?? '/', 'http://localhost').pathname !== path) {
      bolt(request, response);
      return;
    }
    void screen(request, response, bolt, options).catch((error: unknown) => {
      options.logger('error', 'could not screen a Slack request', 'slack.request_guard_failed', { error });
      if (!response.headersSent) response.writeHead(500).end();
    });
  };
}

async function screen(request: IncomingMessage, response: ServerResponse, bolt: RequestListener, options: RequestGuardOptions) {
  const body = await readBody(request, maxBodyBytes);
  if (body === 'gone') return;
  if (body === 'too-large') {
    refuse(response, { status: 413, why: `the body is larger than ${maxBodyBytes} bytes` }, options);
    response.once('finish', () => request.destroy());
    return;
  }
  const isForm = request.headers['content-type'] === 'application/x-www-form-urlencoded';
  const text = body.toString('utf8');
  if (isForm && parseQuery(text)['ssl_check'] === '1') {
    pass(request, response, body, bolt);
    return;
  }
  const signature = header(request, 'x-slack-signature');
  const refusal = verifySignature(text, signature, header(request, 'x-slack-request-timestamp'), options) ?? checkShape(text, isForm);
  if (refusal !== undefined) {
    refuse(response, refusal, options);
    return;
  }
  if (!(await options.state.firstSighting([`request:${signature ?? ''}`]))) {
    options.logger('warn', 'a signed Slack request came again; acknowledged, not answered twice', 'slack.replayed_request');
    response.writeHead(200).end();
    return;
  }
  pass(request, response, body, bolt);
}

/** Bolt reads the body from `rawBody` when it is there, instead of the stream this guard has read. */
function pass(request: IncomingMessage, response: ServerResponse, body: Buffer, bolt: RequestListener): void {
  bolt(Object.assign(request, { rawBody: body }), response);
}

function refuse(response: ServerResponse, refusal: Refusal, options: RequestGuardOptions): void {
  options.logger('warn', `refused a Slack request: ${refusal.why}`, 'slack.request_refused', { status: refusal.status });
  // An early answer while the client still sends: close the connection rather than read the rest.
  response.writeHead(refusal.status, refusal.status === 413 ? { connection: 'close' } : {}).end();
}

/** Slack's v0 signature over `v0:{timestamp}:{body}`, and a timestamp within the window either way. */
export function verifySignature(
  body: string,
  signature: string | undefined,
  timestamp: string | undefined,
  options: Pick<RequestGuardOptions, 'signingSecret' | 'now'>,
): Refusal | undefined {
  if (signature === undefined || timestamp === undefined || !/^\d{1,12}$/.test(timestamp))
    return { status: 401, why: 'no signature or timestamp' };
  const skew = Math.abs(Math.floor((options.now ?? Date.now)() / 1000) - Number(timestamp));
  if (skew > requestWindowSeconds) return { status: 401, why: `the timestamp is ${skew} s from now (more than five minutes)` };
  const expected = Buffer.from(`v0=${createHmac('sha256', options.signingSecret).update(`v0:${timestamp}:${body}`).digest('hex')}`);
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { status: 401, why: 'the signature does not match' };
  return undefined;
}

/** The body must be what Bolt can take: a JSON object, or a form (whose `payload`, when present, is a JSON object). */
export function checkShape(text: string, isForm: boolean): Refusal | undefined {
  const fields = isForm ? parseQuery(text) : undefined;
  const json = fields === undefined ? text : fields['payload'];
  if (json === undefined) return undefined;
  if (typeof json !== 'string') return { status: 400, why: 'the form has more than one payload' };
  try {
    const parsed: unknown = JSON.parse(json);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return undefined;
  } catch {
    return { status: 400, why: 'the body is not JSON' };
  }
  return { status: 400, why: 'the body is not a JSON object' };
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === 'string' ? value : undefined;
}

/** The whole body; 'too-large' as soon as it passes `limit` bytes (the rest is not read); 'gone' when the client leaves first. */
function readBody(request: IncomingMessage, limit: number): Promise<Buffer | 'too-large' | 'gone'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      request.off('data', onData).pause();
      resolve('too-large');
    };
    request.on('data', onData);
    request.once('end', () => resolve(Buffer.concat(chunks)));
    request.once('close', () => resolve('gone'));
    request.once('error', reject);
  });
}
