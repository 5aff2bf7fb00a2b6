import { Server } from 'node:http';
import { App, HTTPReceiver, SocketModeReceiver, type Logger as BoltLogger } from '@slack/bolt';
import { ConfigError, type BotCore, type Logger } from '../../src/index.js';
import { alertAdminChannel } from './admin-channel.js';
import type { SlackDeps } from './ask.js';
import { toBoltLogger } from './bolt-logger.js';
import type { SlackConfig } from './config.js';
import { startReceiver, startTimeoutMs, verifyToken } from './connect.js';
import { FallbackStateStore } from './fallback-state.js';
import { register as registerActions } from './listeners/actions/index.js';
import { register as registerCommands } from './listeners/commands/index.js';
import { register as registerEvents } from './listeners/events/index.js';
import { RedisStateStore } from './redis-state.js';
import { guardRequests, maxBodyBytes, type RequestGuardOptions } from './request-guard.js';
import { MemoryStateStore, type SlackStateStore } from './state.js';

/** Web API retries: a few quick ones (rate limits wait for Retry-After), then the failure is logged. */
const retryConfig = { retries: 3, factor: 2, minTimeout: 250, maxTimeout: 5_000 };

/** How long stop() waits for Slack to finish the WebSocket close handshake. */
const closeHandshakeMs = 5_000;

/**
 * Starts the Slack front door: Socket Mode when the config has an app token, otherwise HTTP on PORT at
 * /slack/events with Bolt's signature verification. Resolves once the bot token is verified and the
 * receiver is listening; `stop()` disconnects cleanly. With SLACK_ADMIN_CHANNEL_ID set, reloads that find
 * problems (and the recovery after them) are posted to that channel.
 *
 * @throws {ConfigError} when Slack rejects the bot token or the app-level token, naming the variable.
 * @throws {UnreachableError} when Slack cannot be reached (network, DNS, proxy), or Socket Mode's
 * connection does not open within `startTimeoutMs`: the tokens are not to blame then.
 */
export async function startSlack(options: {
  config: SlackConfig;
  bot: BotCore;
  logger: Logger;
  /** How long Socket Mode's connection (or HTTP mode's port) may take to open. @default 20000 */
  startTimeoutMs?: number;
}): Promise<{ stop(): Promise<void> }> {
  const { config, bot, logger } = options;
  const boltLogger = toBoltLogger(logger, config.LOG_LEVEL);
  const slackApiUrl = config.SLACK_API_URL === undefined ? {} : { slackApiUrl: config.SLACK_API_URL };
  const clientOptions = { ...slackApiUrl, retryConfig, logger: boltLogger };
  // Giving Bolt the bot's ids stops it calling auth.test itself, in its constructor, where a bad token
  // would become an unhandled rejection instead of this function's ConfigError.
  const ids = await verifyToken(config.SLACK_BOT_TOKEN, clientOptions);
  const state = await createState(config, logger);
  const receiver = createReceiver(config, boltLogger, slackApiUrl, { state, logger });
  const app = new App({ token: config.SLACK_BOT_TOKEN, ...ids, receiver, logger: boltLogger, clientOptions });
  app.error(async (error) => logger('error', 'Bolt could not process a Slack request', 'slack.bolt_error', { error }));
  const deps = createDeps(config, bot, logger, state);
  registerEvents(app, deps);
  registerCommands(app, deps);
  registerActions(app, deps);
  const started = await startReceiver(app, receiver, config, options.startTimeoutMs ?? startTimeoutMs).catch(async (error: unknown) => {
    await state.close();
    throw error;
  });
  logger('info', 'Slack adapter started', 'slack.started', {
    mode: config.mode,
    state: config.REDIS_URL === undefined ? 'memory' : 'redis',
    ...listeningPort(started),
  });
  const stopAlerts = watchReloads(app, config, bot, logger);
  return {
    async stop() {
      stopAlerts();
      await (receiver instanceof SocketModeReceiver ? disconnect(receiver) : app.stop());
      await state.close();
      logger('info', 'Slack adapter stopped', 'slack.stopped', { mode: config.mode });
    },
  };
}

/**
 * This instance's memory, or Redis shared with the other instances (falling back to memory while Redis
 * fails). Redis must be reachable at start: a wrong REDIS_URL stops the bot here, naming the variable.
 */
async function createState(config: SlackConfig, logger: Logger): Promise<SlackStateStore> {
  if (config.REDIS_URL === undefined) return new MemoryStateStore();
  try {
    const shared = await RedisStateStore.connect(config.REDIS_URL, { logger });
    return new FallbackStateStore(shared, new MemoryStateStore(), logger);
  } catch (error) {
    throw new ConfigError(`REDIS_URL: could not connect to Redis (${error instanceof Error ? error.message : String(error)})`, {
      cause: error,
    });
  }
}

/**
 * Socket Mode's receiver, or HTTP mode's with every request screened first (`guardRequests`: shape,
 * signature, a timestamp within five minutes either way, no replay) so that nothing a request holds can
 * reach Bolt in a form it would crash on.
 */
function createReceiver(
  config: SlackConfig,
  logger: BoltLogger,
  slackApiUrl: { slackApiUrl?: string },
  guard: Pick<RequestGuardOptions, 'state' | 'logger'>,
): SocketModeReceiver | HTTPReceiver {
  if (config.SLACK_APP_TOKEN !== undefined) {
    // Socket Mode's own WebClient calls apps.connections.open; it takes its options from installerOptions.
    return new SocketModeReceiver({ appToken: config.SLACK_APP_TOKEN, logger, installerOptions: { clientOptions: { ...slackApiUrl } } });
  }
  const signingSecret = config.SLACK_SIGNING_SECRET ?? '';
  const receiver = new HTTPReceiver({ signingSecret, endpoints: '/slack/events', port: config.PORT, logger, bodyLimit: maxBodyBytes });
  receiver.requestListener = guardRequests(receiver.requestListener, { ...guard, signingSecret });
  return receiver;
}

/**
 * Bolt's SocketModeReceiver.stop() resolves before the socket is closed; waiting for the client's own
 * disconnect (bounded, in case Slack never answers the close frame) lets the process exit cleanly.
 */
async function disconnect(receiver: SocketModeReceiver): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, closeHandshakeMs);
    timer.unref();
  });
  await Promise.race([receiver.client.disconnect(), deadline]);
  clearTimeout(timer);
}

/** Posts reload problems (and recoveries) to SLACK_ADMIN_CHANNEL_ID, when set; returns the unsubscribe function. */
function watchReloads(app: App, config: SlackConfig, bot: BotCore, logger: Logger): () => void {
  const channel = config.SLACK_ADMIN_CHANNEL_ID;
  if (channel === undefined) return () => undefined;
  return alertAdminChannel(
    bot,
    async ({ text, blocks }) => {
      // Every text is escaped and verbatim, and link_names is off: an alert can mention no one.
      await app.client.chat.postMessage({ channel, text, blocks, unfurl_links: false, unfurl_media: false, link_names: false });
    },
    logger,
  );
}

function createDeps(config: SlackConfig, bot: BotCore, logger: Logger, state: SlackStateStore): SlackDeps {
  return { bot, logger, state, top: config.MAX_EXCERPTS, admin: { bot, adminUserIds: config.SLACK_ADMIN_USER_IDS, logger } };
}

function listeningPort(started: unknown): { port?: number } {
  const address = started instanceof Server ? started.address() : null;
  return address !== null && typeof address === 'object' ? { port: address.port } : {};
}

export { toBoltLogger } from './bolt-logger.js';
