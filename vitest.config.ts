import { defineConfig } from 'vitest/config';
import { playwright } from '@vitest/browser-playwright';
import { fileURLToPath } from 'node:url';

const dist = (file: string) => fileURLToPath(new URL(`./dist/${file}`, import.meta.url));

// The behaviour tests that also run in a real browser (Debian's Chromium, driven by playwright-core
// through vitest's browser mode): they import the package by name, which the alias points at dist/
// as Node's self-reference does.
const IN_BROWSER_TOO = [
  'test/tutorial.test.ts',
  'test/builds-agree.test.ts',
  'test/bad-input.test.ts',
  'test/reproducibility.test.ts',
  'test/api.test.ts',
  'test/fit-async.test.ts',
  'test/datasets.test.ts',
];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    // the JSON report gives .ci/run its plain "N passed, N failed" closing line
    reporters: ['default', ['json', { outputFile: '.vitest/results.json' }]],
    projects: [
      {
        extends: true,
        test: { name: 'node', include: ['test/**/*.test.ts'], exclude: ['test/browser/**'] },
      },
      {
        extends: true,
        resolve: {
          alias: [
            { find: /^neural-wasm$/, replacement: dist('index.js') },
            { find: /^neural-wasm\/(js|baseline|datasets)$/, replacement: dist('$1.js') },
          ],
        },
        test: {
          name: 'chromium',
          include: [...IN_BROWSER_TOO, 'test/browser/**/*.test.ts'],
          browser: {
            enabled: true,
            headless: true,
            screenshotFailures: false,
            provider: playwright({
              launchOptions: {
                executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
                args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
              },
            }),
            instances: [{ browser: 'chromium' }],
          },
        },
      },
    ],
  },
});
