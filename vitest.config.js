import { defineConfig } from 'vitest/config';

// Two projects: `node` runs the JS shim against the real wasm build in Node; `browser`
// drives real headless Chromium (playwright-core + /usr/bin/chromium) against pages
// served with and without cross-origin isolation.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          include: ['tests/js/**/*.test.js'],
          environment: 'node',
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.test.js'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 60_000,
          // One Chromium at a time: the machine has two cores and audio needs real time.
          fileParallelism: false,
        },
      },
    ],
  },
});
