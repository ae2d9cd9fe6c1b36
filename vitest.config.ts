import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'src/**/*.test.ts',
      'adapters/**/*.test.ts',
      'contracts/**/*.test.ts',
      'test/**/*.test.ts',
    ],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // The national place index is generated (npm run build:places); build it once, before any worker.
    globalSetup: ['test/support/places-global-setup.ts'],
  },
});
