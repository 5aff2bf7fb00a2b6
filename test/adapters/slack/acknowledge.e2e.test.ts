import { App, type Receiver } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Storybot } from '../../../src/index.js';
import type { SlackDeps } from '../../../adapters/slack/ask.js';
import { register as registerActions } from '../../../adapters/slack/listeners/actions/index.js';
import { register as registerCommands } from '../../../adapters/slack/listeners/commands/index.js';
import { actionIds } from '../../../adapters/slack/render.js';
import { toBoltLogger } from '../../../adapters/slack/start.js';
import { MemoryStateStore } from '../../../adapters/slack/state.js';
import { FakeSlack, fakeBotUserId } from '../../fakes/slack/fake-slack.js';
import { fakeLogger } from '../../fakes/slack/logger.js';
import { buttonClick, slashCommand } from '../../fakes/slack/payloads.js';

/**
 * Bolt's custom-receiver interface: the test hands requests to the real App with an `ack` of its
 * choosing, here one that fails as Socket Mode's does when the connection has just dropped.
 */
class DirectReceiver implements Receiver {
  init(): void {
    // Bolt hands over the App here; this receiver needs nothing from it.
  }
  start(): Promise<void> {
    return Promise.resolve();
  }
  stop(): Promise<void> {
    return Promise.resolve();
  }
}

const droppedAck = () => Promise.reject(new Error('Failed to send a message as the client has no active connection'));
let fake: FakeSlack;
let app: App;
const { logger, log } = fakeLogger();

beforeAll(async () => {
  fake = await FakeSlack.start();
  const bot = await Storybot.load('corpus');
  const deps: SlackDeps = { bot, logger, state: new MemoryStateStore(), admin: { bot, adminUserIds: [], logger } };
  const clientOptions = { slackApiUrl: fake.apiUrl };
  app = new App({
    token: 'xoxb-fake',
    botId: 'B0FAKE',
    botUserId: fakeBotUserId,
    receiver: new DirectReceiver(),
    logger: toBoltLogger(logger, 'info'),
    clientOptions,
  });
  registerCommands(app, deps);
  registerActions(app, deps);
});

afterAll(async () => {
  await fake.close();
});

describe('a command or click whose ack cannot be sent', () => {
  it('still answers /ask once through its response_url, and logs the failed ack', async () => {
    await app.processEvent({
      body: slashCommand('/ask', "who is Mexico's security chief?", fake.responseUrl('ack-lost'), 'U0ACKLOST'),
      ack: droppedAck,
    });
    const answers = fake.responses.filter((r) => r.id === 'ack-lost');
    expect(answers).toHaveLength(1);
    expect(String(answers[0]?.body['text'])).toContain('Harfuch');
    expect(log.entries).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        code: 'slack.ack_failed',
        context: expect.objectContaining({ handler: 'ask', userId: 'U0ACKLOST' }),
      }),
    );
  });

  it('still shows the full paragraph to whoever clicked', async () => {
    const click = buttonClick({
      actionId: actionIds.fullParagraph,
      value: 'us-presses-mexico-on-cartels#23',
      responseUrl: fake.responseUrl('click-lost'),
      user: 'U0CLICKLOST',
    });
    await app.processEvent({ body: click, ack: droppedAck });
    const answers = fake.responses.filter((r) => r.id === 'click-lost');
    expect(answers).toHaveLength(1);
    expect(answers[0]?.body).toMatchObject({ response_type: 'ephemeral' });
    expect(log.entries).toContainEqual(
      expect.objectContaining({
        code: 'slack.ack_failed',
        context: expect.objectContaining({ handler: 'full-paragraph', userId: 'U0CLICKLOST' }),
      }),
    );
  });
});
