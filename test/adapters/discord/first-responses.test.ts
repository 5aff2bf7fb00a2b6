import { describe, expect, it } from 'vitest';
import { FirstResponses } from '../../../adapters/discord/first-responses.js';

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('FirstResponses', () => {
  it('holds deferred work until no interaction awaits its first response', async () => {
    const first = new FirstResponses();
    const done = first.expect();
    const order: string[] = [];
    const work = first.turn().then(() => order.push('deferred work'));
    await nextTurn();
    await nextTurn();
    order.push('first response');
    done();
    await work;
    expect(order).toEqual(['first response', 'deferred work']);
    expect(first.awaiting).toBe(0);
  });

  it('lets one deferred answer run per turn of the event loop', async () => {
    const first = new FirstResponses();
    const ran: number[] = [];
    const turns = [1, 2, 3].map((n) => first.turn().then(() => ran.push(n)));
    await nextTurn();
    expect(ran).toEqual([1]);
    await Promise.all(turns);
    expect(ran).toEqual([1, 2, 3]);
  });

  it('does not hold deferred work for more than a second while first responses keep coming', async () => {
    const first = new FirstResponses();
    first.expect();
    const started = performance.now();
    await first.turn();
    expect(performance.now() - started).toBeGreaterThanOrEqual(990);
  });
});
