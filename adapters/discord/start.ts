import {
  Client,
  DiscordjsError,
  DiscordjsErrorCodes,
  Events,
  GatewayIntentBits,
  MessageFlags,
  Options,
  Routes,
  type ClientOptions,
  type Interaction,
} from 'discord.js';
import {
  ConfigError,
  RateLimiter,
  userMessageFor,
  type BotCore,
  type Logger,
  type ReloadOutcome,
  networkFailureOf,
  startWithin,
  UnreachableError,
} from '../../src/index.js';
import { watchReloads } from './admin-channel.js';
import { routeInteraction, type CommandDeps } from './commands.js';
import { restOptionsFor, type DiscordConfig, type ShardPlace } from './config.js';
import { summaryOf, type ShardSummary } from './corpus-text.js';
import { FirstResponses } from './first-responses.js';
import { MarkedAnswers } from './marked-answers.js';
import { reloadCorpusMessage } from './shard-messages.js';
import { within } from './within.js';

/**
 * Starts the Discord front door: logs in with only the Guilds intent (slash commands need no
 * privileged intents), answers interactions, and resolves once the gateway says READY.
 * With DISCORD_ADMIN_CHANNEL_ID set, it also tells that channel when a reload finds problems and
 * when the corpus recovers. `stop()` stops that, lets in-flight replies and posts finish, then
 * destroys the client. `bot` is a `Storybot`, or any `BotCore` (tests pass fakes).
 * With `shard` (in a ShardingManager child), it connects as that one shard, and only shard 0 posts to
 * the admin channel, so admins hear of each reload once.
 *
 * @example const discord = await startDiscord({ config, bot, logger }); process.on('SIGTERM', () => void discord.stop());
 */
export async function startDiscord(options: {
  config: DiscordConfig;
  bot: BotCore;
  logger: Logger;
  shard?: ShardPlace | undefined;
  /** How long the gateway may take to say READY before the start fails. @default 30000 */
  readyTimeoutMs?: number;
  /** How long after Discord created an interaction its answer may still be its first response (see `HandlerDeps`). @default 1500 */
  deferAfterMs?: number;
}): Promise<{ stop(): Promise<void> }> {
  const { config, bot, logger, shard } = options;
  const client = new Client(clientOptions(config, shard));
  const underManager = client.shard !== null;
  // What this shard serves, for another shard's `/corpus status` to read through the manager (see `everyShard`).
  if (underManager) Object.assign(client, { storybotSummary: () => summaryOf(client.shard?.ids[0] ?? 0, bot.status()) });
  const firstResponses = new FirstResponses();
  const deps: CommandDeps = {
    story: bot,
    admin: {
      status: () => bot.status(),
      reload: () => reloadEveryShard(bot, client, logger),
      ...(underManager ? { shards: () => everyShard(client, logger) } : {}),
    },
    logger,
    limiter: new RateLimiter({ limit: 5, windowMs: 30_000 }),
    marked: new MarkedAnswers(),
    firstResponses,
    maxExcerpts: config.MAX_EXCERPTS,
    ...(options.deferAfterMs === undefined ? {} : { deferAfterMs: options.deferAfterMs }),
  };
  const inFlight = new Set<Promise<void>>();
  const track = (work: Promise<void>) => {
    const task = work.finally(() => inFlight.delete(task));
    inFlight.add(task);
  };
  client.on(Events.InteractionCreate, (interaction) => track(answerSafely(interaction, deps, firstResponses.expect())));
  logConnection(client, logger);
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  const readyMs = options.readyTimeoutMs ?? readyTimeoutMs;
  const late = `Discord's gateway did not say READY within ${readyMs / 1000} s: check that this host may open WebSockets to Discord (firewall, proxy).`;
  try {
    await startWithin(
      client.login(config.DISCORD_TOKEN).then(() => ready),
      readyMs,
      late,
      () => client.destroy(),
    );
  } catch (error) {
    // A refused token, say: leave no half-open client behind. discord.js's message never holds the token.
    await client.destroy();
    throw startFailure(error, config);
  }
  logger('info', 'discord ready', 'discord.ready', { user: client.user?.tag, applicationId: config.DISCORD_APPLICATION_ID });
  const unwatch = shard === undefined || shard.id === 0 ? tellAdminChannel(client, config, bot, logger, track) : () => undefined;
  let stopped: Promise<void> | undefined;
  return {
    stop: () => {
      unwatch();
      return (stopped ??= stopClient(client, inFlight, logger));
    },
  };
}

/** How long the gateway may take to say READY: discord.js would otherwise retry an unreachable gateway for ever. */
const readyTimeoutMs = 30_000;

/**
 * What a failed login means for an admin: a refused token is a `ConfigError` naming DISCORD_TOKEN; a
 * network failure an `UnreachableError` (the token was not checked, so it must not be blamed).
 */
function startFailure(error: unknown, config: DiscordConfig): unknown {
  if (error instanceof UnreachableError) return error;
  if (error instanceof DiscordjsError && error.code === DiscordjsErrorCodes.TokenInvalid)
    return new ConfigError(
      `DISCORD_TOKEN: Discord rejected the bot token (${error.message}): reset it on the Bot page of the Developer Portal and update DISCORD_TOKEN.`,
      { cause: error },
    );
  const failure = networkFailureOf(error);
  if (failure === undefined) return error;
  const setting = config.DISCORD_API_URL === undefined ? '' : ', and DISCORD_API_URL';
  return new UnreachableError(
    `Could not reach Discord (${failure}): check this host's network connection, DNS and proxy settings${setting}; DISCORD_TOKEN was not checked.`,
    { cause: error },
  );
}

/**
 * Only the Guilds intent; no pings by default (replies set allowedMentions themselves; this also covers
 * anything that forgets to). Members and users are not cached (the bot's own excepted): each interaction
 * carries the ones it needs, and caching every member who ever asked would grow without bound.
 */
function clientOptions(config: DiscordConfig, shard: ShardPlace | undefined): ClientOptions {
  const isSelf = (entry: { id: string; client: Client }) => entry.id === entry.client.user?.id;
  return {
    intents: [GatewayIntentBits.Guilds],
    allowedMentions: { parse: [] },
    makeCache: Options.cacheWithLimits({
      ...Options.DefaultMakeCacheSettings,
      UserManager: { maxSize: 0, keepOverLimit: isSelf },
      GuildMemberManager: { maxSize: 0, keepOverLimit: isSelf },
    }),
    ...(shard === undefined ? {} : { shards: [shard.id], shardCount: shard.count }),
    ...restOptionsFor(config),
  };
}

/**
 * `/corpus reload`: reloads this process's corpus and, under a ShardingManager (each shard has its own
 * index), asks the manager to have the other shards reload theirs.
 */
async function reloadEveryShard(bot: BotCore, client: Client, logger: Logger): Promise<ReloadOutcome> {
  const outcome = await bot.reload();
  await client.shard
    ?.send(reloadCorpusMessage)
    .catch((error: unknown) => logger('warn', 'could not ask the other shards to reload', 'discord.shards.unreachable', { error }));
  return outcome;
}

/** How long `/corpus status` waits for each other shard to say what it serves. */
const shardAnswerMs = 2_000;

/** What every shard serves, asked of each through the ShardingManager; a shard that does not answer in time has no `serving`. */
async function everyShard(client: Client, logger: Logger): Promise<ShardSummary[]> {
  const util = client.shard;
  if (util === null) return [];
  const ids = Array.from({ length: util.count }, (_, id) => id);
  return Promise.all(
    ids.map(async (id): Promise<ShardSummary> => {
      // The function is sent as text and run in the shard's process: it may use only its argument.
      const asked = util
        .broadcastEval((c) => (c as unknown as { storybotSummary?: () => ShardSummary }).storybotSummary?.(), { shard: id })
        .catch((error: unknown) => {
          logger('warn', 'a shard did not say what it serves', 'discord.shards.unreachable', { shard: id, error });
          return undefined;
        });
      // Another process's reply is checked, not trusted to have the type (a missing one can arrive as null).
      const answer: unknown = await within(asked, shardAnswerMs);
      return typeof answer === 'object' && answer !== null && 'shard' in answer && answer.shard === id
        ? (answer as ShardSummary)
        : { shard: id };
    }),
  );
}

/** Posts reload news to DISCORD_ADMIN_CHANNEL_ID when it is set; returns what stops it. */
function tellAdminChannel(
  client: Client,
  config: DiscordConfig,
  bot: BotCore,
  logger: Logger,
  track: (posting: Promise<void>) => void,
): () => void {
  const channelId = config.DISCORD_ADMIN_CHANNEL_ID;
  if (channelId === undefined) return () => undefined;
  const post = (content: string) =>
    client.rest.post(Routes.channelMessages(channelId), { body: { content, allowed_mentions: { parse: [] } } });
  return watchReloads(bot, post, logger, track);
}

async function stopClient(client: Client, inFlight: Set<Promise<void>>, logger: Logger): Promise<void> {
  logger('info', 'discord stopping', 'discord.stopping', { inFlight: inFlight.size });
  while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
  await client.destroy();
  logger('info', 'discord stopped', 'discord.stopped');
}

/** The last-resort boundary: anything a handler let escape (Discord refusing a reply, say) is logged, and the member is told. */
async function answerSafely(interaction: Interaction, deps: CommandDeps, onFirstResponse: () => void): Promise<void> {
  try {
    await routeInteraction(interaction, deps, onFirstResponse);
  } catch (error) {
    deps.logger('error', 'interaction failed', 'discord.interaction.failed', {
      error,
      userId: interaction.user.id,
      type: interaction.type,
    });
    if (!interaction.isRepliable()) return;
    const sorry = { content: userMessageFor(error), flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } } as const;
    const sent = interaction.replied || interaction.deferred ? interaction.followUp(sorry) : interaction.reply(sorry);
    await sent.then(
      () => undefined,
      (replyError: unknown) => deps.logger('warn', 'could not tell the member', 'discord.reply.failed', { error: replyError }),
    );
  } finally {
    // Whatever happened, this interaction no longer holds deferred answers back.
    onFirstResponse();
  }
}

function logConnection(client: Client, logger: Logger): void {
  client.on(Events.ShardDisconnect, (event, shardId) =>
    logger('warn', 'gateway disconnected', 'discord.gateway.disconnected', { shardId, code: event.code }),
  );
  client.on(Events.ShardReconnecting, (shardId) => logger('info', 'gateway reconnecting', 'discord.gateway.reconnecting', { shardId }));
  client.on(Events.ShardResume, (shardId, replayed) => logger('info', 'gateway resumed', 'discord.gateway.resumed', { shardId, replayed }));
  client.on(Events.Error, (error) => logger('error', 'discord client error', 'discord.client.error', { error }));
  client.on(Events.Warn, (message) => logger('warn', message, 'discord.client.warn'));
}
