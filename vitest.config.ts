import { defineConfig } from 'vitest/config';

/** Unit tests run by default; `TEST_SCOPE=all` adds the browser and process tests (`*.e2e.test.ts`). */
const scope = process.env.TEST_SCOPE ?? 'unit';

export default defineConfig({
  test: {
    include: scope === 'e2e' ? ['test/**/*.e2e.test.ts'] : ['test/**/*.test.ts'],
    exclude: scope === 'unit' ? ['test/**/*.e2e.test.ts', '**/node_modules/**'] : ['**/node_modules/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    fileParallelism: scope !== 'e2e',
  },
});
