import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'src/**/*.test.ts',
      'adapters/**/*.test.ts',
      'contracts/**/*.test.ts',
      'test/**/*.test.ts',
    ],
    // Deadlines for a loaded 2-core machine (tests poll conditions; these only bound a hang).
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Two files at a time even on 2 cores (vitest's default there is one): most test time is spent
    // waiting on child processes (gateways, brokers, redis-servers, Chromium), and every file has its
    // own servers on free ports, so files never share state.
    maxWorkers: 2,
    // The national place index is generated (npm run build:places); build it once, before any worker.
    globalSetup: ['test/support/places-global-setup.ts'],
  },
});
