import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

type Manifest = {
  features: { app_home: Record<string, boolean>; bot_user: { display_name: string }; slash_commands: { command: string }[] };
  oauth_config: { scopes: { bot: string[] } };
  settings: { event_subscriptions: { bot_events: string[] }; interactivity: { is_enabled: boolean }; socket_mode_enabled: boolean };
};

const manifest = parse(await readFile('adapters/slack/manifest.yml', 'utf8')) as Manifest;

describe('the Slack app manifest', () => {
  it('creates a bot with the scopes, events and commands the listeners use', () => {
    expect(manifest.features.bot_user.display_name).toBe('storybot');
    expect(manifest.oauth_config.scopes.bot).toEqual(expect.arrayContaining(['app_mentions:read', 'chat:write', 'commands', 'im:history']));
    expect(manifest.settings.event_subscriptions.bot_events.sort()).toEqual(['app_mention', 'message.im']);
    expect(manifest.features.slash_commands.map((c) => c.command)).toEqual(['/ask', '/corpus']);
  });

  it('turns on interactivity (the buttons), Socket Mode and the DM tab', () => {
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.settings.socket_mode_enabled).toBe(true);
    expect(manifest.features.app_home).toMatchObject({ messages_tab_enabled: true, messages_tab_read_only_enabled: false });
  });
});
