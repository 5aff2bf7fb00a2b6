import { describe, expect, it } from 'vitest';
import { silentLogger } from '../src/index.js';

describe('silentLogger', () => {
  it('returns nothing and throws nothing when called', () => {
    // eslint-disable-next-line @typescript-eslint/no-confusing-void-expression -- that it returns nothing is the point
    expect(silentLogger('error', 'x', 'y', { a: 1 })).toBeUndefined();
  });
});
