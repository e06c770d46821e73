import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    environment: 'node',
    testTimeout: 90_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // A test's timeout only catches a hang: two files share the 2 cores, so a long one can take 3x its quiet time.
    // Vitest's default on a 2-core machine is one worker, which leaves a core idle while a file waits on
    // PostgreSQL, s3rver, a worker thread or a child process; files have their own data folders and ports.
    maxWorkers: 2,
  },
});
