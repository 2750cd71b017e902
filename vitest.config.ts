import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    // the JSON report gives .ci/run its plain "N passed, N failed" closing line
    reporters: ['default', ['json', { outputFile: '.vitest/results.json' }]],
  },
});
