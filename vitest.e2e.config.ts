import { defineConfig } from 'vitest/config';

// `npm run test:e2e`: the rider journeys in real headless Chromium (CHROME_PATH, default
// /usr/bin/chromium) against the production build served by `vite preview` with the local pool
// mounted. The global setup builds dist/ when it is missing or older than its sources.
export default defineConfig({
  test: {
    name: 'e2e',
    environment: 'node',
    include: ['tests/e2e/**/*.test.ts'],
    globalSetup: ['tests/e2e/global-setup.ts'],
    // One browser at a time: the machine has two cores, shared with the preview server.
    fileParallelism: false,
    sequence: { concurrent: false },
    testTimeout: 60_000,
    hookTimeout: 120_000,
    teardownTimeout: 30_000,
    reporters: ['default'],
  },
});
