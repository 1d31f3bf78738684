import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/setup/compile.ts', 'tests/setup/tmpdir.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Browser tests share one machine of 2 cores: keep files in few workers.
    maxWorkers: 2,
    pool: 'forks',
  },
});
