import { BotError } from './errors.js';

/**
 * A platform could not be reached at start-up: the network, DNS, a proxy, a firewall or the platform
 * itself, not a credential (a refused credential is a `ConfigError` naming the variable). `message` is one
 * line saying what happened and what to check.
 */
export class UnreachableError extends BotError {
  override name = 'UnreachableError' as const;
}

/** Node's and undici's codes for a connection that could not be made or was cut, and TLS failures. */
const networkCode =
  /^(E(NOTFOUND|AI_AGAIN|AI_FAIL|CONNREFUSED|CONNRESET|CONNABORTED|TIMEDOUT|HOSTUNREACH|NETUNREACH|ADDRNOTAVAIL|PIPE|PROTO)|UND_ERR_|ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|SELF_SIGNED_|DEPTH_ZERO_)/;

/**
 * The network failure behind `error` (`getaddrinfo ENOTFOUND slack.com`), looking through its causes
 * (`cause`, and `original` as the Slack Web API client wraps them); undefined when it is something else,
 * such as a refused token.
 */
export function networkFailureOf(error: unknown): string | undefined {
  const seen = new Set<unknown>();
  let at: unknown = error;
  while (typeof at === 'object' && at !== null && !seen.has(at)) {
    seen.add(at);
    const { code, message, cause, original } = at as { code?: unknown; message?: unknown; cause?: unknown; original?: unknown };
    if (typeof code === 'string' && networkCode.test(code)) return typeof message === 'string' && message !== '' ? message : code;
    at = cause ?? original;
  }
  return undefined;
}

/** What `work` resolves to, or an `UnreachableError` saying `what` after `ms` (`onTimeout` then lets go of what is half open). */
export async function startWithin<T>(work: Promise<T>, ms: number, what: string, onTimeout: () => Promise<unknown>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  const settled = work.then((value) => ({ value }));
  try {
    const first = await Promise.race([settled, late]);
    if (first !== undefined) return first.value;
  } finally {
    clearTimeout(timer);
  }
  // The work may still settle later (giving up often fails it); its failure then has no one to tell.
  settled.catch(() => undefined);
  await onTimeout().catch(() => undefined);
  throw new UnreachableError(what);
}
