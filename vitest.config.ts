import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // A poll waits for a page or a file to reach a state; under a loaded machine that can take seconds.
    expect: { poll: { timeout: 15_000 } },
    pool: 'forks',
    globalSetup: ['test/global-setup.ts'],
    // The agency-scope guard (src/platform/db/agency-scope.guard.ts) fails every statement of the app on a
    // business table that does not constrain agency_id: on in every test run and the processes tests start.
    env: { SANXIANG_SCOPE_GUARD: process.env.SANXIANG_SCOPE_GUARD ?? 'throw' },
  },
});
