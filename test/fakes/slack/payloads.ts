import { randomUUID } from 'node:crypto';
import { fakeBotUserId } from './fake-slack.js';

let clock = 1_700_000_000;
/** A fresh message timestamp, unique within a test run. */
export const nextTs = (): string => `${(clock += 1)}.000100`;

type EventOptions = { text: string; user?: string; channel?: string; ts?: string; threadTs?: string; eventId?: string };

function eventCallback(event: object, eventId: string | undefined): object {
  return {
    token: 'fake-verification-token',
    team_id: 'T0FAKE',
    api_app_id: 'A0FAKE',
    type: 'event_callback',
    event_id: eventId ?? `Ev${randomUUID().replace(/-/g, '').slice(0, 10).toUpperCase()}`,
    event_time: clock,
    authorizations: [{ team_id: 'T0FAKE', user_id: fakeBotUserId, is_bot: true, is_enterprise_install: false }],
    event,
  };
}

/** An Events API `app_mention` callback, the bot's mention first as Slack sends it. */
export function mentionEvent(options: EventOptions): Record<string, unknown> & { event_id: string } {
  const ts = options.ts ?? nextTs();
  const event = {
    type: 'app_mention',
    user: options.user ?? 'U0ASKER',
    text: `<@${fakeBotUserId}> ${options.text}`,
    ts,
    channel: options.channel ?? 'C0NEWS',
    event_ts: ts,
    ...(options.threadTs === undefined ? {} : { thread_ts: options.threadTs }),
  };
  return eventCallback(event, options.eventId) as Record<string, unknown> & { event_id: string };
}

/** An Events API `message` callback in a DM (`message.im`). */
export function dmEvent(options: EventOptions): Record<string, unknown> & { event_id: string } {
  const ts = options.ts ?? nextTs();
  const event = {
    type: 'message',
    channel_type: 'im',
    user: options.user ?? 'U0ASKER',
    text: options.text,
    ts,
    channel: options.channel ?? 'D0DIRECT',
    event_ts: ts,
  };
  return eventCallback(event, options.eventId) as Record<string, unknown> & { event_id: string };
}

/** A slash command payload; `responseUrl` is where the app answers. */
export function slashCommand(command: '/ask' | '/corpus', text: string, responseUrl: string, user = 'U0ASKER'): Record<string, string> {
  return {
    token: 'fake-verification-token',
    team_id: 'T0FAKE',
    team_domain: 'fake',
    channel_id: 'C0NEWS',
    channel_name: 'news',
    user_id: user,
    user_name: 'asker',
    command,
    text,
    api_app_id: 'A0FAKE',
    is_enterprise_install: 'false',
    response_url: responseUrl,
    trigger_id: `trigger-${randomUUID()}`,
  };
}

type ButtonOptions = { actionId: string; value: string; responseUrl: string; user?: string; isEphemeral?: boolean; threadTs?: string };

/** A `block_actions` payload for one button click. */
export function buttonClick(options: ButtonOptions): object {
  const messageTs = nextTs();
  return {
    type: 'block_actions',
    user: { id: options.user ?? 'U0CLICKER', username: 'clicker', name: 'clicker', team_id: 'T0FAKE' },
    api_app_id: 'A0FAKE',
    token: 'fake-verification-token',
    container: { type: 'message', message_ts: messageTs, channel_id: 'C0NEWS', is_ephemeral: options.isEphemeral ?? false },
    trigger_id: `trigger-${randomUUID()}`,
    team: { id: 'T0FAKE', domain: 'fake' },
    channel: { id: 'C0NEWS', name: 'news' },
    message: {
      type: 'message',
      user: fakeBotUserId,
      ts: messageTs,
      text: 'answer',
      ...(options.threadTs === undefined ? {} : { thread_ts: options.threadTs }),
    },
    response_url: options.responseUrl,
    actions: [
      {
        type: 'button',
        action_id: options.actionId,
        block_id: 'b1',
        text: { type: 'plain_text', text: 'button' },
        value: options.value,
        action_ts: messageTs,
      },
    ],
  };
}
