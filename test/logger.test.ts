import { describe, expect, it } from 'vitest';
import { silentLogger } from '../src/index.js';

describe('silentLogger', () => {
  it('returns nothing and throws nothing when called', () => {
    expect(silentLogger('error', 'x', 'y', { a: 1 })).toBeUndefined();
  });
});
