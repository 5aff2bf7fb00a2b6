import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Property tests and the loopback stand-ins need more than the 5 s default on a 2-core machine.
    testTimeout: 20_000,
  },
});
