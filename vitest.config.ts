import { defineConfig } from 'vitest/config';

// Two projects: `unit` (pure code, fake-indexeddb) and `integration` (a real LRS over HTTP, started once by
// the global setup; set TRAILNOTE_LRS_ENDPOINT to run the same suite against another LRS).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: [
            'shared/**/*.test.{ts,tsx}',
            'desktop/**/*.test.{ts,tsx}',
            'extension/**/*.test.{ts,tsx}',
            'test/unit/**/*.test.ts',
          ],
          setupFiles: ['test/setup/fake-indexeddb.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          setupFiles: ['test/setup/fake-indexeddb.ts'],
          globalSetup: ['test/setup/lrs-global.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/setup/e2e-global.ts'],
          testTimeout: 90_000,
          hookTimeout: 90_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
