import type { BotCore } from '../../../src/index.js';
import { loadSlackConfig } from '../../../adapters/slack/config.js';
import { startSlack } from '../../../adapters/slack/start.js';
import type { FakeSlack } from './fake-slack.js';
import { fakeLogger } from './logger.js';
import { dmEvent } from './payloads.js';
import { postSigned } from './signing.js';

/** The signing secret every HTTP instance of the tests shares, as instances of one app do. */
export const signingSecret = 'fake-signing-secret';

/** One Slack instance in HTTP mode, listening on a loopback port of its own, as behind a load balancer. */
export type HttpInstance = {
  readonly log: ReturnType<typeof fakeLogger>['log'];
  /**
   * Posts an Events API body to this instance, signed as Slack signs it (now, or at `timestamp` in seconds: a
   * retry is a new request, signed when it is sent); extra headers (X-Slack-Retry-Num) as given.
   */
  send(payload: object, headers?: Record<string, string>, timestamp?: number): Promise<Response>;
  /** Asks in a fresh DM and waits for the answer: what was sent to this instance before it has been handled by then. */
  barrier(user: string): Promise<void>;
  stop(): Promise<void>;
};

/** Starts the real Slack adapter in HTTP mode against the stand-in, with `env` on top (REDIS_URL, LOG_LEVEL). */
export async function startHttpInstance(fake: FakeSlack, bot: BotCore, env: Record<string, string> = {}): Promise<HttpInstance> {
  const { logger, log } = fakeLogger();
  const config = loadSlackConfig({
    SLACK_BOT_TOKEN: 'xoxb-fake',
    SLACK_SIGNING_SECRET: signingSecret,
    PORT: '0',
    SLACK_API_URL: fake.apiUrl,
    ...env,
  });
  const slack = await startSlack({ config, bot, logger });
  const started = await log.waitFor((e) => e.code === 'slack.started', 'the start');
  const eventsUrl = `http://127.0.0.1:${String(started.context['port'])}/slack/events`;
  const send = (payload: object, headers: Record<string, string> = {}, timestamp?: number) =>
    postSigned(eventsUrl, JSON.stringify(payload), 'application/json', signingSecret, {
      headers,
      ...(timestamp === undefined ? {} : { timestamp }),
    });
  return {
    log,
    send,
    async barrier(user) {
      await send(dmEvent({ text: 'Who is the lighthouse keeper?', user, channel: `D${user}` }));
      await fake.waitForPost((m) => m.channel === `D${user}`, `the barrier answer for ${user}`);
    },
    stop: () => slack.stop(),
  };
}
