/**
 * Builders for the Discord API payloads the stand-in sends (READY, GUILD_CREATE, INTERACTION_CREATE) and
 * returns (messages), shaped after the documented v10 objects, with defaults so tests stay short.
 * @see https://discord.com/developers/docs/interactions/receiving-and-responding#interaction-object
 */

export const fakeIds = {
  application: '100000000000000001',
  botUser: '100000000000000001',
  guild: '200000000000000002',
  guildChannel: '300000000000000003',
  dmChannel: '300000000000000004',
  adminChannel: '300000000000000005',
  member: '400000000000000004',
  otherMember: '400000000000000005',
  askCommand: '500000000000000005',
  corpusCommand: '500000000000000006',
} as const;

let counter = 0;
/** Discord's epoch, the first millisecond of 2015, from which snowflakes count. */
const discordEpoch = 1_420_070_400_000n;
/**
 * A fresh snowflake (unique within the test run) whose timestamp is now, as Discord's ids are: discord.js
 * reads an interaction's creation time from its id.
 */
export function nextSnowflake(): string {
  counter += 1;
  return (((BigInt(Date.now()) - discordEpoch) << 22n) | BigInt(counter % 4096)).toString();
}

export const botUser = {
  id: fakeIds.botUser,
  username: 'Storybot',
  discriminator: '0',
  global_name: null,
  avatar: null,
  bot: true,
  flags: 0,
};

/** A member-facing user object. */
export function userPayload(id: string = fakeIds.member, username = 'reader') {
  return { id, username, discriminator: '0', global_name: username, avatar: null, flags: 0 };
}

/** READY for the shard `[id, count]`, listing its servers as unavailable until their GUILD_CREATE. */
export function readyPayload(
  sessionId: string,
  resumeUrl: string,
  shard: readonly [number, number] = [0, 1],
  guildIds: readonly string[] = [fakeIds.guild],
) {
  return {
    v: 10,
    user: botUser,
    guilds: guildIds.map((id) => ({ id, unavailable: true })),
    session_id: sessionId,
    resume_gateway_url: resumeUrl,
    shard,
    application: { id: fakeIds.application, flags: 0 },
  };
}

/** GUILD_CREATE for the server `guildId`, with one text channel (`fakeIds.guildChannel`). */
export function guildCreatePayload(guildId: string = fakeIds.guild) {
  return {
    id: guildId,
    name: 'Newsroom',
    icon: null,
    owner_id: fakeIds.otherMember,
    roles: [
      {
        id: guildId,
        name: '@everyone',
        color: 0,
        hoist: false,
        position: 0,
        permissions: '0',
        managed: false,
        mentionable: false,
        flags: 0,
      },
    ],
    emojis: [],
    stickers: [],
    features: [],
    channels: [{ id: fakeIds.guildChannel, type: 0, name: 'general', guild_id: guildId, position: 0, permission_overwrites: [] }],
    threads: [],
    members: [],
    voice_states: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    member_count: 2,
    large: false,
    unavailable: false,
    joined_at: '2026-01-01T00:00:00.000Z',
    premium_tier: 0,
    preferred_locale: 'en-US',
    system_channel_flags: 0,
    nsfw_level: 0,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    mfa_level: 0,
  };
}

/** Where an interaction happens: a server text channel or the member's DM with the bot. */
export type Place = 'guild' | 'dm';

/** Who asks where; `guildId` picks the server of a guild interaction (default `fakeIds.guild`). */
export type InteractionOptions = {
  readonly place?: Place;
  readonly userId?: string;
  readonly username?: string;
  readonly permissions?: string;
  readonly guildId?: string;
};

function envelope(type: number, data: unknown, options: InteractionOptions, extra: Record<string, unknown> = {}) {
  const user = userPayload(options.userId ?? fakeIds.member, options.username ?? 'reader');
  const guildId = options.guildId ?? fakeIds.guild;
  const where =
    (options.place ?? 'guild') === 'guild'
      ? {
          guild_id: guildId,
          channel_id: fakeIds.guildChannel,
          channel: { id: fakeIds.guildChannel, type: 0, name: 'general', guild_id: guildId },
          member: {
            user,
            roles: [],
            permissions: options.permissions ?? '1024',
            joined_at: '2026-01-01T00:00:00.000Z',
            deaf: false,
            mute: false,
            flags: 0,
            nick: null,
            avatar: null,
          },
          guild_locale: 'en-US',
          context: 0,
          authorizing_integration_owners: { '0': guildId },
        }
      : {
          channel_id: fakeIds.dmChannel,
          channel: { id: fakeIds.dmChannel, type: 1, recipients: [user], flags: 0 },
          user,
          context: 1,
          authorizing_integration_owners: { '0': fakeIds.guild },
        };
  return {
    id: nextSnowflake(),
    application_id: fakeIds.application,
    type,
    token: `fake-interaction-token-${nextSnowflake()}`,
    version: 1,
    data,
    app_permissions: '2248473465835073',
    locale: 'en-US',
    entitlements: [],
    attachment_size_limit: 10_485_760,
    ...where,
    ...extra,
  };
}

/** `/ask question:<question> [private:<isPrivate>] [article:<article>]` (type 2, APPLICATION_COMMAND). */
export function askInteraction(
  question: string,
  options: InteractionOptions & { readonly isPrivate?: boolean; readonly article?: string } = {},
) {
  const commandOptions: { name: string; type: number; value: string | boolean }[] = [{ name: 'question', type: 3, value: question }];
  if (options.isPrivate !== undefined) commandOptions.push({ name: 'private', type: 5, value: options.isPrivate });
  if (options.article !== undefined) commandOptions.push({ name: 'article', type: 3, value: options.article });
  return envelope(2, { id: fakeIds.askCommand, name: 'ask', type: 1, options: commandOptions }, options);
}

/** `/corpus <subcommand>` (type 2). */
export function corpusInteraction(subcommand: 'status' | 'reload', options: InteractionOptions = {}) {
  return envelope(
    2,
    { id: fakeIds.corpusCommand, name: 'corpus', type: 1, options: [{ name: subcommand, type: 1, options: [] }] },
    { permissions: '32', ...options },
  );
}

/**
 * Typing into `/ask question:` (type 4, APPLICATION_COMMAND_AUTOCOMPLETE), or into `article:` with
 * `focus: 'article'`; Discord also sends what the other option holds so far, unfocused.
 */
export function autocompleteInteraction(
  typed: string,
  options: InteractionOptions & { readonly focus?: 'question' | 'article'; readonly question?: string } = {},
) {
  const focusArticle = options.focus === 'article';
  const commandOptions = focusArticle
    ? [
        ...(options.question === undefined ? [] : [{ name: 'question', type: 3, value: options.question }]),
        { name: 'article', type: 3, value: typed, focused: true },
      ]
    : [{ name: 'question', type: 3, value: typed, focused: true }];
  return envelope(4, { id: fakeIds.askCommand, name: 'ask', type: 1, options: commandOptions }, options);
}

/** A click on a button of `message` (type 3, MESSAGE_COMPONENT, component_type 2). */
export function buttonInteraction(customId: string, message: Record<string, unknown>, options: InteractionOptions = {}) {
  return envelope(3, { custom_id: customId, component_type: 2 }, options, { message });
}

/** The message object Discord returns for a webhook send or edit, built from what was sent. */
export function messagePayload(body: Record<string, unknown>, channelId: string) {
  return {
    id: nextSnowflake(),
    channel_id: channelId,
    type: 20,
    content: typeof body['content'] === 'string' ? body['content'] : '',
    author: botUser,
    embeds: Array.isArray(body['embeds']) ? body['embeds'] : [],
    components: Array.isArray(body['components']) ? body['components'] : [],
    attachments: [],
    mentions: [],
    mention_roles: [],
    mention_everyone: false,
    pinned: false,
    tts: false,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    flags: typeof body['flags'] === 'number' ? body['flags'] : 0,
    webhook_id: fakeIds.application,
    application_id: fakeIds.application,
  };
}
