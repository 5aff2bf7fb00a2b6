import { createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';

/** The admin session cookie's name. */
export const sessionCookieName = 'storybot_admin';

/** How long a sign-in lasts: 12 hours. */
const sessionSeconds = 12 * 60 * 60;

/**
 * What the session cookie holds: an HMAC of a fixed label keyed by the token, so the cookie never carries
 * the token itself, and changing WEB_ADMIN_TOKEN signs everyone out.
 */
export function sessionValue(token: string): string {
  return createHmac('sha256', token).update('storybot admin session v1').digest('base64url');
}

/** Compares two secrets in constant time (by their SHA-256, so lengths leak nothing either). */
export function sameSecret(given: string, expected: string): boolean {
  const digest = (text: string) => createHmac('sha256', 'storybot compare').update(text).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** True when the request carries the admin session cookie, or `Authorization: Bearer <token>` (for scripts). */
export function isAdmin(request: FastifyRequest, token: string): boolean {
  const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
  if (bearer !== undefined) return sameSecret(bearer, token);
  const cookie = cookieValue(request.headers.cookie, sessionCookieName);
  return cookie !== undefined && sameSecret(cookie, sessionValue(token));
}

/** One cookie's value from a Cookie header. */
function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}

/**
 * The Set-Cookie header that signs the admin in (`value`) or out (undefined): HttpOnly, SameSite=Strict (so
 * another site cannot make the browser post a reload), limited to /admin, and Secure when served over HTTPS.
 */
export function sessionCookie(value: string | undefined, isHttps: boolean): string {
  const attributes = ['Path=/admin', 'HttpOnly', 'SameSite=Strict', ...(isHttps ? ['Secure'] : [])];
  const lifetime = value === undefined ? 'Max-Age=0' : `Max-Age=${sessionSeconds}`;
  return [`${sessionCookieName}=${value ?? ''}`, lifetime, ...attributes].join('; ');
}

/**
 * True when a form post comes from this site: its Origin (or, without one, its Referer) names this host.
 * With SameSite=Strict this is a second lock against cross-site posts.
 */
export function isSameOrigin(request: FastifyRequest): boolean {
  const from = request.headers.origin ?? request.headers.referer;
  if (from === undefined) return true;
  try {
    // Both through URL, so a default port (":80" in the Host header, none in Origin) compares equal.
    return new URL(from).host === new URL(`${request.protocol}://${request.host}`).host;
  } catch {
    return false;
  }
}
