import type { LogContext, Logger } from '../../../src/index.js';

/**
 * Acknowledges a command or a click, and lets the handler answer even when the ack fails. In Socket Mode
 * the ack travels on the WebSocket, which may just have dropped; the answer goes to the response_url,
 * which still works, so the member is answered all the same (Slack may first show them that the app did
 * not respond: it redelivers events, but not commands or clicks).
 */
export async function acknowledge(ack: () => Promise<void>, logger: Logger, context: LogContext): Promise<void> {
  try {
    await ack();
  } catch (error) {
    logger('warn', 'could not acknowledge a Slack request; answering through its response_url anyway', 'slack.ack_failed', {
      ...context,
      error,
    });
  }
}
