import { defineConfig } from 'vitest/config';

// Real browsers with the built extension loaded. One file at a time: each launches a browser,
// and the CI machine has two cores.
export default defineConfig({
  test: {
    include: ['tests/browser/**/*.test.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 90_000,
  },
});
