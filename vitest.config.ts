import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';
import { playwright } from '@vitest/browser-playwright';
import { fileURLToPath } from 'node:url';
import { chromiumForTests, chromiumLaunchOptions, ClosingReporter } from './test/chromium.ts';
import { assemblyForVite } from './scripts/assembly-js.js';

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
  'test/threads.test.ts',
  'test/precision.test.ts',
];
// Node tests that drive Chromium themselves (playwright-core): the playground, and an app built by Vite.
const DRIVE_CHROMIUM = ['test/e2e/**/*.test.ts', 'test/bundler/**/*.test.ts'];

// Without a Chromium (and without CHROMIUM_REQUIRED, which CI sets) the two projects that need one
// are collected in Node and reported as skipped, and a notice at the end says so and how to run them.
const chromium = chromiumForTests();
const notRun = chromium ? {} : { runner: './test/not-run-runner.ts' };

const projects: TestProjectInlineConfiguration[] = [
  {
    extends: true,
    test: { name: 'node', include: ['test/**/*.test.ts'], exclude: ['test/browser/**', ...DRIVE_CHROMIUM] },
  },
  {
    extends: true,
    resolve: {
      alias: [
        { find: /^neural-wasm$/, replacement: dist('index.js') },
        { find: /^neural-wasm\/(js|baseline|datasets|model|export|import)$/, replacement: dist('$1.js') },
      ],
    },
    test: {
      name: 'chromium',
      include: [...IN_BROWSER_TOO, 'test/browser/**/*.test.ts'],
      ...notRun,
      browser: {
        enabled: !!chromium,
        headless: true,
        screenshotFailures: false,
        provider: playwright({ launchOptions: chromium ? chromiumLaunchOptions() : {} }),
        instances: [{ browser: 'chromium' }],
      },
    },
  },
  { extends: true, test: { name: 'e2e', include: DRIVE_CHROMIUM, ...notRun } },
];

export default defineConfig({
  // a test that imports src/'s JS cores gets assembly/ compiled as the build compiles it (the fast
  // tests, vitest.fast.config.ts, run all of src/ so)
  plugins: [assemblyForVite()],
  test: {
    testTimeout: 60_000,
    // the JSON report gives .ci/run its plain "N passed, N failed" closing line
    reporters: ['default', new ClosingReporter('.vitest/results.json', chromium ? [] : ['chromium', 'e2e'])],
    projects,
  },
});
