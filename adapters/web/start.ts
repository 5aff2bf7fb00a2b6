import { ConfigError, type BotCore, type Logger } from '../../src/index.js';
import { defaultWebPort, type WebConfig } from './config.js';
import { createLimits } from './limits.js';
import { WebMetrics } from './metrics.js';
import { buildWebServer } from './server.js';

/** A running web front door. */
export type RunningWeb = {
  /** Where it listens, e.g. `http://127.0.0.1:8080`. */
  readonly url: string;
  /** Stops taking requests, finishes those in flight, and lets go of Redis. */
  stop(): Promise<void>;
};

export type StartWebOptions = {
  readonly config: WebConfig;
  readonly bot: BotCore;
  readonly logger: Logger;
  /**
   * The metrics `/metrics` reports. Pass the one whose `countingUsage` the bot records into, so every front
   * door's answers are counted. @default a new one (then only the corpus and HTTP figures move)
   */
  readonly metrics?: WebMetrics;
};

/**
 * Starts the web front door on WEB_HOST:WEB_PORT (8080 when unset): the reader's page, the HTTP API, the
 * admin page when WEB_ADMIN_TOKEN is set, health and metrics. Resolves once it listens.
 *
 * @throws {ConfigError} when the port cannot be listened on, or REDIS_URL cannot be reached.
 */
export async function startWeb(options: StartWebOptions): Promise<RunningWeb> {
  const { config, bot, logger } = options;
  const created = await createLimits(config, logger);
  const { limits } = created;
  const close = () => created.close();
  const usageDir = config.USAGE_LOG_DIR === 'off' ? undefined : config.USAGE_LOG_DIR;
  const app = await buildWebServer({ config, bot, logger, limits, metrics: options.metrics ?? new WebMetrics(), usageDir });
  const port = config.WEB_PORT ?? defaultWebPort;
  let url: string;
  try {
    url = await app.listen({ port, host: config.WEB_HOST });
  } catch (error) {
    await close();
    throw new ConfigError(
      `WEB_PORT: could not listen on ${config.WEB_HOST}:${port} (${error instanceof Error ? error.message : String(error)})`,
      {
        cause: error,
      },
    );
  }
  logger('info', 'web front door started', 'web.started', {
    url,
    limits: config.REDIS_URL === undefined ? 'memory' : 'redis',
    admin: config.WEB_ADMIN_TOKEN !== undefined,
    cors: config.WEB_ALLOWED_ORIGINS,
  });
  return {
    url,
    async stop() {
      await app.close();
      await close();
      logger('info', 'web front door stopped', 'web.stopped');
    },
  };
}
