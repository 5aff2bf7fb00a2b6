import { fc, test } from '../../support/property.js';
import { describe, expect, it } from 'vitest';
import { isFirstDelivery, SeenEvents } from '../../../adapters/slack/dedupe.js';
import { MemoryStateStore } from '../../../adapters/slack/state.js';

describe('SeenEvents', () => {
  it('says first once per key', () => {
    const seen = new SeenEvents();
    expect(seen.markFirst(['a'])).toBe(true);
    expect(seen.markFirst(['a'])).toBe(false);
    expect(seen.markFirst(['b', 'a'])).toBe(false);
    expect(seen.markFirst(['b'])).toBe(false);
  });

  it('rejects a capacity that is not a positive integer', () => {
    expect(() => new SeenEvents(0)).toThrow('SeenEvents capacity must be a positive integer, got 0');
  });

  test.prop([fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'), { maxLength: 60 }), fc.integer({ min: 1, max: 4 })])(
    'stays bounded and agrees with a list of the most recently seen keys',
    (keys, capacity) => {
      const seen = new SeenEvents(capacity);
      let recent: string[] = [];
      for (const key of keys) {
        expect(seen.markFirst([key])).toBe(!recent.includes(key));
        recent = [...recent.filter((k) => k !== key), key].slice(-capacity);
        expect(seen.size).toBe(recent.length);
      }
    },
  );
});

describe('isFirstDelivery', () => {
  const delivery = { eventId: 'Ev1', channel: 'C1', ts: '1.0' };

  it('answers a first delivery, even one Socket Mode numbers 0', async () => {
    expect(await isFirstDelivery(new MemoryStateStore(), { ...delivery, retryNum: 0, retryReason: '' })).toBe(true);
  });

  it('drops the same event id, or the same message under another event id', async () => {
    const state = new MemoryStateStore();
    await isFirstDelivery(state, delivery);
    expect(await isFirstDelivery(state, { ...delivery, retryNum: 1, retryReason: 'http_timeout' })).toBe(false);
    expect(await isFirstDelivery(state, { ...delivery, eventId: 'Ev2' })).toBe(false);
  });

  it('drops an HTTP retry after a timeout even when unseen, but answers an unseen retry after a failed connection', async () => {
    expect(await isFirstDelivery(new MemoryStateStore(), { ...delivery, retryNum: 1, retryReason: 'http_timeout' })).toBe(false);
    expect(await isFirstDelivery(new MemoryStateStore(), { ...delivery, retryNum: 1, retryReason: 'connection_failed' })).toBe(true);
  });

  it('answers an unseen Socket Mode redelivery (no ack came back: the envelope may have been lost with its connection)', async () => {
    expect(await isFirstDelivery(new MemoryStateStore(), { ...delivery, retryNum: 1, retryReason: 'timeout' })).toBe(true);
    const state = new MemoryStateStore();
    await isFirstDelivery(state, delivery);
    expect(await isFirstDelivery(state, { ...delivery, retryNum: 1, retryReason: 'timeout' })).toBe(false);
  });
});
