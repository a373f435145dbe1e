import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // 2-core machines: keep workers low so the pwsh and network suites are not starved.
    maxWorkers: 2,
    globalSetup: ['test/helpers/global-setup.ts'],
  },
});
