// A user's app, bundled by Vite with no configuration at all, with neural-wasm installed in its
// node_modules as npm installs it (package.json + dist/): it must find the .wasm and the worker on
// its own, in a production build and under the dev server, and run in Chromium.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, createServer, preview, type Logger } from 'vite';
import { chromium, type Browser } from 'playwright-core';
import { chromiumLaunchOptions } from '../chromium';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('../../', import.meta.url).pathname;

const MAIN = `
import { NeuralNetwork } from 'neural-wasm';
import { NeuralNetwork as JsNetwork } from 'neural-wasm/js';
const X = [[1, 1], [0, 0], [0, 1], [1, 0]];
const Y = [0, 0, 1, 1];
async function run() {
  const out = {};
  for (const [name, N] of [['default', NeuralNetwork], ['js', JsNetwork]]) {
    const net = await N.create({ layers: [2, 3, 1], seed: 9 });
    net.fit(X, Y, { epochs: 6000 });
    const inWorker = await N.create({ layers: [2, 3, 1], seed: 9 });
    const result = await inWorker.fitAsync(X, Y, { epochs: 6000 });
    out[name] = {
      backend: net.backend,
      predictions: net.predict(X).map(([y]) => Math.round(y)),
      workerEpochs: result.epochs,
      workerSameAsFit: JSON.stringify(inWorker.toJSON()) === JSON.stringify(net.toJSON()),
    };
  }
  return out;
}
run().then(
  (out) => (document.querySelector('#result').textContent = JSON.stringify(out)),
  (error) => (document.querySelector('#result').textContent = 'error: ' + error.message),
);
`;

const EXPECTED = {
  default: { backend: 'wasm-simd', predictions: [0, 0, 1, 1], workerEpochs: 6000, workerSameAsFit: true },
  js: { backend: 'js', predictions: [0, 0, 1, 1], workerEpochs: 6000, workerSameAsFit: true },
};

let app: string;
let browser: Browser;
const warnings: string[] = [];
const logger: Logger = {
  info() {},
  warn: (message) => void warnings.push(message),
  warnOnce: (message) => void warnings.push(message),
  error: (message) => void warnings.push(message),
  clearScreen() {},
  hasErrorLogged: () => false,
  hasWarned: false,
};

beforeAll(async () => {
  app = mkdtempSync(join(tmpdir(), 'neural-wasm-vite-app-'));
  const installed = join(app, 'node_modules', 'neural-wasm');
  mkdirSync(installed, { recursive: true });
  cpSync(join(root, 'package.json'), join(installed, 'package.json'));
  cpSync(join(root, 'dist'), join(installed, 'dist'), { recursive: true });
  writeFileSync(
    join(app, 'index.html'),
    '<!doctype html><html><head><link rel="icon" href="data:,"></head><body><pre id="result">running</pre><script type="module" src="./main.js"></script></body></html>',
  );
  writeFileSync(join(app, 'main.js'), MAIN);
  browser = await chromium.launch(chromiumLaunchOptions());
});

afterAll(async () => {
  await browser?.close();
  if (app) rmSync(app, { recursive: true, force: true });
});

async function openApp(url: string): Promise<unknown> {
  const page = await browser.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
  try {
    await page.goto(url);
    await page.waitForFunction(() => document.querySelector('#result')?.textContent !== 'running', null, { timeout: 30_000 });
    const text = (await page.textContent('#result')) ?? '';
    expect(problems).toEqual([]);
    expect(text).not.toMatch(/^error/);
    return JSON.parse(text);
  } finally {
    await page.close();
  }
}

describe('an app bundled by Vite with no configuration', () => {
  it('vite build: finds the .wasm files and the worker, trains XOR on both builds, in Chromium', async () => {
    warnings.length = 0;
    await build({ root: app, logLevel: 'warn', customLogger: logger, build: { outDir: join(app, 'dist') } });
    expect(warnings).toEqual([]); // no "externalized for browser compatibility" and the like
    const server = await preview({ root: app, logLevel: 'silent', preview: { port: 0, host: '127.0.0.1' } });
    try {
      expect(await openApp(server.resolvedUrls!.local[0])).toEqual(EXPECTED);
    } finally {
      await server.close();
    }
  });

  it('vite dev server: the same, unbundled', async () => {
    warnings.length = 0;
    const server = await createServer({ root: app, logLevel: 'warn', customLogger: logger, server: { port: 0, host: '127.0.0.1' } });
    await server.listen();
    try {
      expect(await openApp(server.resolvedUrls!.local[0])).toEqual(EXPECTED);
      expect(warnings).toEqual([]);
    } finally {
      await server.close();
    }
  });
});
