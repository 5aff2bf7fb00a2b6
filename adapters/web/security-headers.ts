import type { WebConfig } from './config.js';

/**
 * The Content-Security-Policy of every reply: scripts, styles and requests only from this site, no inline
 * script or style, no plugins, no <base>, forms only to this site. Pages may not be framed, except `/embed`
 * by `WEB_EMBED_ORIGINS`.
 */
export function contentSecurityPolicy(frameAncestors: string): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self'",
    "connect-src 'self'",
    "manifest-src 'self'",
    "form-action 'self'",
    "base-uri 'none'",
    `frame-ancestors ${frameAncestors}`,
  ].join('; ');
}

/** The headers every reply carries; `isEmbed` for `/embed`, which news sites show in an iframe. */
export function securityHeaders(config: Pick<WebConfig, 'WEB_EMBED_ORIGINS'>, isEmbed: boolean): Record<string, string> {
  const embedders = config.WEB_EMBED_ORIGINS === '*' ? '*' : config.WEB_EMBED_ORIGINS.join(' ') || "'none'";
  return {
    'content-security-policy': contentSecurityPolicy(isEmbed ? embedders : "'none'"),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'same-origin',
    'cross-origin-opener-policy': 'same-origin',
    ...(isEmbed ? {} : { 'x-frame-options': 'DENY' }),
  };
}
