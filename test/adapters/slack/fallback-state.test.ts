import { describe, expect, it } from 'vitest';
import { FallbackStateStore } from '../../../adapters/slack/fallback-state.js';
import { MemoryStateStore, type SlackStateStore } from '../../../adapters/slack/state.js';
import { fakeLogger } from '../../fakes/slack/logger.js';

/** A shared store that is up (answering as a memory store of its own would) or down (every call rejects). */
function switchableStore(): SlackStateStore & { isUp: boolean; closed: boolean } {
  const inside = new MemoryStateStore();
  const store = {
    isUp: true,
    closed: false,
    firstSighting: (keys: readonly string[]) =>
      store.isUp ? inside.firstSighting(keys) : Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:6379')),
    allow: (key: string) => (store.isUp ? inside.allow(key) : Promise.reject(new Error('Command timeout'))),
    close: () => Promise.resolve(void (store.closed = true)),
  };
  return store;
}

describe('FallbackStateStore', () => {
  it('takes the shared store’s word while it answers, even against this instance’s memory', async () => {
    const shared = switchableStore();
    await shared.firstSighting(['event:Ev1']);
    const state = new FallbackStateStore(shared, new MemoryStateStore(), fakeLogger().logger);
    // Another instance saw Ev1 already; this one has not.
    expect(await state.firstSighting(['event:Ev1'])).toBe(false);
    expect(state.isDegraded).toBe(false);
  });

  it('decides from this instance’s memory while the shared store fails, warning once, and says when it is back', async () => {
    const shared = switchableStore();
    const { logger, entries } = fakeLogger();
    const state = new FallbackStateStore(shared, new MemoryStateStore(), logger);
    expect(await state.firstSighting(['event:Ev1'])).toBe(true);
    shared.isUp = false;
    expect(await state.firstSighting(['event:Ev1'])).toBe(false);
    expect(await state.firstSighting(['event:Ev2'])).toBe(true);
    expect(await state.allow('U1')).toEqual({ allowed: true });
    expect(state.isDegraded).toBe(true);
    shared.isUp = true;
    expect(await state.firstSighting(['event:Ev3'])).toBe(true);
    expect(state.isDegraded).toBe(false);
    expect(entries.map((e) => [e.level, e.code])).toEqual([
      ['warn', 'slack.state_degraded'],
      ['info', 'slack.state_restored'],
    ]);
    expect(String(entries[0]?.context['error'])).toContain('ECONNREFUSED');
  });

  it('keeps counting a member’s questions through an outage, so the flood limit holds in this instance', async () => {
    const shared = switchableStore();
    const state = new FallbackStateStore(shared, new MemoryStateStore(), fakeLogger().logger);
    for (let i = 0; i < 4; i += 1) await state.allow('U1');
    shared.isUp = false;
    expect(await state.allow('U1')).toEqual({ allowed: true });
    expect(await state.allow('U1')).toMatchObject({ allowed: false });
  });

  it('closes both stores', async () => {
    const shared = switchableStore();
    await new FallbackStateStore(shared, new MemoryStateStore(), fakeLogger().logger).close();
    expect(shared.closed).toBe(true);
  });
});
