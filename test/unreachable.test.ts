import { describe, expect, it } from 'vitest';
import { networkFailureOf, startWithin, UnreachableError } from '../src/index.js';

describe('networkFailureOf', () => {
  it('finds the network failure through causes and a wrapped original', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });
    const fetchFailed = new TypeError('fetch failed', { cause: refused });
    expect(networkFailureOf(Object.assign(new Error('A request error occurred'), { original: fetchFailed }))).toBe(
      'connect ECONNREFUSED 127.0.0.1:9',
    );
    expect(networkFailureOf(Object.assign(new Error('getaddrinfo ENOTFOUND slack.com'), { code: 'ENOTFOUND' }))).toBe(
      'getaddrinfo ENOTFOUND slack.com',
    );
  });

  it('says nothing of a refused credential or a loop of causes', () => {
    expect(networkFailureOf(Object.assign(new Error('An invalid token was provided.'), { code: 'TokenInvalid' }))).toBeUndefined();
    const looped: { cause?: unknown } = {};
    looped.cause = looped;
    expect(networkFailureOf(looped)).toBeUndefined();
  });
});

describe('startWithin', () => {
  it('gives up with an UnreachableError after the deadline and lets go of what was half open', async () => {
    let gaveUp = false;
    const never = new Promise<never>(() => undefined);
    await expect(startWithin(never, 10, 'it did not start', async () => void (gaveUp = true))).rejects.toThrow(UnreachableError);
    expect(gaveUp).toBe(true);
    await expect(startWithin(Promise.resolve(7), 1_000, 'unused', async () => undefined)).resolves.toBe(7);
  });
});
