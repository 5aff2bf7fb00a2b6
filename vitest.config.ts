import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { defineConfig } from 'vitest/config';

/** 1,000 questions at once through the stand-ins, or a 40,000-paragraph corpus: the longest files. */
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
  'test/search/built-worker.test.ts',
  'test/secrets-in-logs.test.ts',
];

const order = ['load', 'integration', 'unit'];

/**
 * The longest files first (load, then integration, each in vitest's own order), so that when several
 * workers share them they finish together instead of one running a 30-second file at the end. vitest's
 * default puts the largest files first when it has no timings from an earlier run, as in CI.
 */
class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (file: TestSpecification) => order.indexOf(file.project.name);
    return (await super.sort(files)).sort((a, b) => rank(a) - rank(b));
  }
}

/**
 * Three projects (see CONTRIBUTING.md): `unit` (the core and the adapters' pure parts: `npm run test:unit`),
 * `integration` and `load`. `npm test` runs them as two vitest processes side by side (scripts/test.js):
 * load alone, one file at a time, and unit with integration, whose tests mostly wait.
 */
export default defineConfig({
  test: {
    // Property tests and the loopback stand-ins need more than the 5 s default on a 2-core machine.
    testTimeout: 20_000,
    sequence: { sequencer: LongestFirst },
    projects: [
      {
        extends: true,
        // One module graph for all of them (no isolation): each file would otherwise import the core, discord.js
        // and Bolt afresh, which took two thirds of this project's time. They share no state.
        test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: [...load, ...integration], isolate: false },
      },
      // These start the built commands (node dist/…), so dist/ is built first when it is out of date.
      { extends: true, test: { name: 'integration', include: integration, globalSetup: ['test/support/build.ts'] } },
      { extends: true, test: { name: 'load', include: load } },
    ],
  },
});
