import { RecentKeys } from '../../src/index.js';
import type { SlackStateStore } from './state.js';

/** How many keys `SeenEvents` remembers by default: hours of traffic for a busy workspace. */
const defaultCapacity = 5_000;

/**
 * Remembers which events were already handled, so Slack's redeliveries are answered once. Bounded:
 * past `capacity` keys, the oldest are forgotten first (Slack retries within minutes, never hours).
 *
 * @example const seen = new SeenEvents(); if (seen.markFirst(['Ev01', 'C1:1.0'])) answer();
 */
export class SeenEvents extends RecentKeys {
  /** @param capacity how many keys to remember. @default 5000 */
  constructor(capacity: number = defaultCapacity) {
    super(capacity, 'SeenEvents');
  }
}

/** One delivery of an event, as Bolt reports it. */
export type Delivery = {
  readonly eventId: string | undefined;
  readonly channel: string;
  readonly ts: string;
  /** Slack's retry count (X-Slack-Retry-Num, or Socket Mode's retry_attempt; 0 or unset on the first try). */
  readonly retryNum?: number | undefined;
  /** Slack's reason for retrying (X-Slack-Retry-Reason / retry_reason). */
  readonly retryReason?: string | undefined;
};

/**
 * Whether to answer this delivery: not when its event id, or its message (channel and timestamp), was
 * seen already, and not when Slack retries an HTTP request after a timeout (`http_timeout`), since the
 * first request reached an instance (Bolt acks before the listeners run), which may be answering it
 * right now. Any other retry of an event never seen is answered: the first delivery was lost. That
 * includes Socket Mode's `timeout`, which only says no ack came back: when a connection drops, the
 * envelopes in flight on it, and the acks of those that arrived, are lost with it.
 */
export async function isFirstDelivery(state: Pick<SlackStateStore, 'firstSighting'>, delivery: Delivery): Promise<boolean> {
  const keys = [`message:${delivery.channel}:${delivery.ts}`];
  if (delivery.eventId !== undefined) keys.push(`event:${delivery.eventId}`);
  const isUnseen = await state.firstSighting(keys);
  const isRetryAfterTimeout = (delivery.retryNum ?? 0) > 0 && delivery.retryReason === 'http_timeout';
  return isUnseen && !isRetryAfterTimeout;
}
