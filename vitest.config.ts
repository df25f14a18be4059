import { defineConfig } from 'vitest/config';

// `npm test`: unit tests (jsdom, plus Node-only unit tests of the scripts) and integration
// tests (Node, real libraries against the local pool started in-process). No browser, no AWS.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          environment: 'jsdom',
          include: ['tests/unit/**/*.test.ts'],
          exclude: ['tests/unit/scripts/**', 'tests/unit/node/**'],
        },
      },
      {
        test: {
          name: 'unit-node',
          environment: 'node',
          include: ['tests/unit/scripts/**/*.test.ts', 'tests/unit/node/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'integration',
          environment: 'node',
          include: ['tests/integration/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
    ],
  },
});
