import fc from 'fast-check';
import { test as vitestTest } from 'vitest';

export { fc };

/** The arbitraries of a property, one per argument of its predicate. */
type Arbitraries<Ts extends [unknown, ...unknown[]]> = { [K in keyof Ts]: fc.Arbitrary<Ts[K]> };

/**
 * A property test: `test.prop([arbitraries], params?)(name, predicate, timeout?)` registers a vitest test
 * that runs `fc.assert` over the predicate, named with its seed so a failure can be replayed
 * (`{ seed: N }`). The same call shape as `@fast-check/vitest`, whose import (0.5.0) builds a wrapper for
 * every ordering of vitest 4.1's test modifiers, about 250,000 of them: 3 to 5 s per test file.
 *
 * @example test.prop([fc.string()], { numRuns: 200 })('never throws', (text) => { analyze(text); })
 */
function prop<Ts extends [unknown, ...unknown[]]>(arbitraries: Arbitraries<Ts>, params: fc.Parameters<Ts> = {}) {
  // A predicate fails by throwing (an expect) or by returning false, as fast-check's own.
  return (name: string, predicate: (...args: Ts) => unknown, timeout?: number): void => {
    const seed = params.seed ?? fc.readConfigureGlobal().seed ?? Date.now() ^ (Math.random() * 0x100000000);
    const property = fc.asyncProperty<Ts>(...arbitraries, async (...args: Ts) => (await predicate(...args)) !== false);
    vitestTest(`${name} (with seed=${seed})`, () => fc.assert(property, { ...params, seed }), timeout);
  };
}

/** vitest's `test` (a copy, so vitest's own is left alone), with `.prop` for property tests. */
export const test = Object.assign(vitestTest.extend({}), { prop });
