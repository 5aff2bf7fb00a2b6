import { App, HTTPReceiver, SocketModeReceiver, webApi } from '@slack/bolt';
import { ConfigError, networkFailureOf, startWithin, UnreachableError } from '../../src/index.js';
import { redact } from './bolt-logger.js';
import type { SlackConfig } from './config.js';

/**
 * Checks the bot token with Slack (auth.test). A network failure is an `UnreachableError` (the token was
 * not checked, so it must not be blamed); Slack's refusal, a `ConfigError` naming SLACK_BOT_TOKEN.
 */
export async function verifyToken(token: string, clientOptions: webApi.WebClientOptions): Promise<{ botId: string; botUserId: string }> {
  try {
    const identity = await new webApi.WebClient(token, clientOptions).auth.test();
    if (identity.bot_id === undefined || identity.user_id === undefined)
      throw new Error('auth.test returned no bot_id or user_id: not a bot token');
    return { botId: identity.bot_id, botUserId: identity.user_id };
  } catch (error) {
    const unreachable = unreachableSlack(error, clientOptions.slackApiUrl, 'SLACK_BOT_TOKEN');
    if (unreachable !== undefined) throw unreachable;
    throw new ConfigError(`SLACK_BOT_TOKEN: Slack rejected the bot token (auth.test: ${slackErrorCode(error)})`, { cause: error });
  }
}

/** Slack could not be reached (a network failure, or Slack answering with an HTTP error): what happened and what to check. */
function unreachableSlack(error: unknown, apiUrl: string | undefined, unchecked: string): UnreachableError | undefined {
  const failure = networkFailureOf(error) ?? httpFailureOf(error);
  if (failure === undefined) return undefined;
  const where = apiUrl ?? 'https://slack.com/api/';
  const setting = apiUrl === undefined ? '' : ', and SLACK_API_URL';
  return new UnreachableError(
    `Could not reach Slack at ${where} (${failure}): check this host's network connection, DNS and proxy settings${setting}; ${unchecked} was not checked.`,
    { cause: error },
  );
}

/**
 * No verdict on the token came back: the request failed before any answer (the innermost cause's words),
 * or Slack's Web API answered with an HTTP error status (a proxy's 407, Slack's 503).
 */
function httpFailureOf(error: unknown): string | undefined {
  const { code, statusCode, original } = (typeof error === 'object' && error !== null ? error : {}) as Record<string, unknown>;
  if (code === webApi.ErrorCode.HTTPError && typeof statusCode === 'number') return `HTTP ${statusCode}`;
  if (code !== webApi.ErrorCode.RequestError) return undefined;
  let cause: unknown = original;
  while (cause instanceof Error && cause.cause instanceof Error) cause = cause.cause;
  return cause instanceof Error ? cause.message : 'the request failed';
}

/** How long Socket Mode's connection (or HTTP mode's port) may take to open before the start fails. */
export const startTimeoutMs = 20_000;

export async function startReceiver(
  app: App,
  receiver: SocketModeReceiver | HTTPReceiver,
  config: SlackConfig,
  timeoutMs: number,
): Promise<unknown> {
  const what =
    config.mode === 'socket'
      ? `Slack's Socket Mode connection did not open within ${timeoutMs / 1000} s: check that this host may open WebSockets to Slack (firewall, proxy).`
      : `PORT: could not listen on port ${config.PORT} within ${timeoutMs / 1000} s.`;
  const giveUp = () => (receiver instanceof SocketModeReceiver ? abandonSocket(receiver) : app.stop());
  try {
    return await startWithin(app.start(config.PORT), timeoutMs, what, giveUp);
  } catch (error) {
    if (error instanceof UnreachableError) throw error;
    if (config.mode === 'socket') throw unreachableSlack(error, config.SLACK_API_URL, 'SLACK_APP_TOKEN') ?? socketRefused(error);
    throw new ConfigError(`PORT: could not listen on port ${config.PORT} (${slackErrorCode(error)})`, { cause: error });
  }
}

/**
 * Stops a Socket Mode client that never connected. Each of its reconnection attempts waits on a promise
 * that its `disconnected` event rejects (with nothing) and nobody catches; letting go of those listeners
 * first leaves them unsettled, to be collected, instead of ending up as unhandled rejections.
 */
function abandonSocket(receiver: SocketModeReceiver): Promise<void> {
  receiver.client.removeAllListeners('disconnected');
  return receiver.client.disconnect();
}

const socketRefused = (error: unknown) =>
  new ConfigError(`SLACK_APP_TOKEN: Socket Mode could not connect (${slackErrorCode(error)})`, { cause: error });

/** Slack's error code (`invalid_auth`), or the error's message: never a token. */
function slackErrorCode(error: unknown): string {
  const data: unknown = typeof error === 'object' && error !== null && 'data' in error ? error.data : undefined;
  const code: unknown = typeof data === 'object' && data !== null && 'error' in data ? data.error : undefined;
  return typeof code === 'string' ? code : redact(error instanceof Error ? error.message : String(error));
}
