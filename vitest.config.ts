import { defineConfig } from 'vitest/config';

/** 1,000 questions at once through the stand-ins, or a 40,000-paragraph corpus: CPU-bound, so one at a time. */
const load = ['test/load/**/*.test.ts', 'test/corpus/large-corpus.test.ts'];

/** Tests that start the built commands, servers or the stand-ins, and wait on sockets and timers. */
const integration = [
  'test/adapters/**/e2e/**/*.test.ts',
  'test/adapters/**/*.e2e.test.ts',
  'test/adapters/main.test.ts',
  'test/adapters/commands.test.ts',
  'test/adapters/signals.test.ts',
  'test/adapters/cli/main.test.ts',
  'test/adapters/cli/admin-commands.test.ts',
  'test/adapters/slack/redis-state.test.ts',
  'test/secrets-in-logs.test.ts',
];

/**
 * Three projects (see CONTRIBUTING.md): `unit` (the core and the adapters' pure parts: `npm run test:unit`),
 * `integration` and `load`. npm test runs all three: unit and integration side by side on two workers, since
 * integration tests mostly wait, then load on one, so no two load tests share the two cores.
 */
export default defineConfig({
  test: {
    // Property tests and the loopback stand-ins need more than the 5 s default on a 2-core machine.
    testTimeout: 20_000,
    projects: [
      {
        extends: true,
        // One module graph for all of them (no isolation): each file would otherwise import the core, discord.js
        // and Bolt afresh, which took two thirds of this project's time. They share no state.
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: [...load, ...integration],
          isolate: false,
          maxWorkers: 2,
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        // These start the built commands (node dist/…), so dist/ is built first when it is out of date.
        test: {
          name: 'integration',
          include: integration,
          globalSetup: ['test/support/build.ts'],
          maxWorkers: 2,
          sequence: { groupOrder: 0 },
        },
      },
      { extends: true, test: { name: 'load', include: load, maxWorkers: 1, sequence: { groupOrder: 1 } } },
    ],
  },
});
