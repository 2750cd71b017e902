// A user's app, bundled by Vite with no configuration at all, with neural-wasm installed in its
// node_modules as npm installs it (package.json + dist/): it must find the .wasm and the workers on
// its own, in a production build and under the dev server, and run in Chromium; served with the
// cross-origin-isolation headers, its fits with `threads` run on Web Workers, with the same bits.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, createServer, preview, type Logger } from 'vite';
import { chromium, type Browser } from 'playwright-core';
import { chromiumLaunchOptions } from '../chromium';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
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
  for (const [name, N, precision] of [['default', NeuralNetwork, 'f64'], ['js', JsNetwork, 'f64'], ['default f32', NeuralNetwork, 'f32'], ['js f32', JsNetwork, 'f32']]) {
    const net = await N.create({ layers: [2, 3, 1], seed: 9, precision });
    net.fit(X, Y, { epochs: 6000 });
    const inWorker = await N.create({ layers: [2, 3, 1], seed: 9, precision });
    const result = await inWorker.fitAsync(X, Y, { epochs: 6000 });
    out[name] = {
      backend: net.backend,
      precision: net.precision,
      predictions: net.predict(X).map(([y]) => Math.round(y)),
      workerEpochs: result.epochs,
      workerSameAsFit: JSON.stringify(inWorker.toJSON()) === JSON.stringify(net.toJSON()),
    };
  }
  // batches big enough to share: one thread, then two (twice: the workers start during the first)
  let seed = 7;
  const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  const inputs = Array.from({ length: 120 }, () => Array.from({ length: 100 }, random));
  const targets = inputs.map((row) => Array.from({ length: 10 }, (_, k) => (Math.floor(row[0] * 10) === k ? 1 : 0)));
  const options = { layers: [100, 160, 40, 10], activation: ['relu', 'tanh', 'softmax'], loss: 'crossEntropy', seed: 3 };
  const fit = { epochs: 2, batchSize: 50, optimizer: 'adam', learningRate: 0.001 };
  const alone = await NeuralNetwork.create(options);
  alone.fit(inputs, targets, fit);
  const runs = [];
  for (let run = 0; run < 2; run++) {
    const shared = await NeuralNetwork.create(options);
    const { threads } = shared.fit(inputs, targets, { ...fit, threads: 2 });
    runs.push({ threads, same: JSON.stringify(shared.toJSON()) === JSON.stringify(alone.toJSON()) });
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  // fitAsync's worker starts its own workers and waits for them before the fit
  const inWorker = await NeuralNetwork.create(options);
  const asyncResult = await inWorker.fitAsync(inputs, targets, { ...fit, threads: 2 });
  const inWorkerRun = { threads: asyncResult.threads, same: JSON.stringify(inWorker.toJSON()) === JSON.stringify(alone.toJSON()) };
  out.threads = { isolated: crossOriginIsolated, runs, inWorker: inWorkerRun };
  return out;
}
run().then(
  (out) => (document.querySelector('#result').textContent = JSON.stringify(out)),
  (error) => (document.querySelector('#result').textContent = 'error: ' + error.message),
);
`;

const XOR_EXPECTED = {
  default: { backend: 'wasm-simd', precision: 'f64', predictions: [0, 0, 1, 1], workerEpochs: 6000, workerSameAsFit: true },
  js: { backend: 'js', precision: 'f64', predictions: [0, 0, 1, 1], workerEpochs: 6000, workerSameAsFit: true },
  'default f32': { backend: 'wasm-simd', precision: 'f32', predictions: [0, 0, 1, 1], workerEpochs: 6000, workerSameAsFit: true },
  'js f32': { backend: 'js', precision: 'f32', predictions: [0, 0, 1, 1], workerEpochs: 6000, workerSameAsFit: true },
};
// without the headers there is no shared memory: one thread, said so
const EXPECTED = {
  ...XOR_EXPECTED,
  threads: { isolated: false, runs: [{ threads: 1, same: true }, { threads: 1, same: true }], inWorker: { threads: 1, same: true } },
};
// a page's main thread may not wait for its workers to start: the first fit may end before the
// worker is up (then it trained alone, and says so); by the second it runs
const ISOLATED = {
  ...XOR_EXPECTED,
  threads: {
    isolated: true,
    runs: [{ threads: expect.toSatisfy((n: number) => n === 1 || n === 2), same: true }, { threads: 2, same: true }],
    inWorker: { threads: 2, same: true },
  },
};
const ISOLATION_HEADERS = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };

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

/** The app's result, and the scripts of the workers the page started. */
async function openApp(url: string): Promise<unknown> {
  return (await openAppWithWorkers(url)).result;
}

async function openAppWithWorkers(url: string, allowed?: RegExp): Promise<{ result: unknown; workers: string[] }> {
  const page = await browser.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
  try {
    await page.goto(url);
    await page.waitForFunction(() => document.querySelector('#result')?.textContent !== 'running', null, { timeout: 30_000 });
    const text = (await page.textContent('#result')) ?? '';
    expect(problems.filter((problem) => !allowed?.test(problem))).toEqual([]);
    expect(text).not.toMatch(/^error/);
    return { result: JSON.parse(text), workers: page.workers().map((worker) => worker.url()) };
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

  it('served cross-origin isolated: fit({ threads: 2 }) trains on Web Workers with the bits of one thread', async () => {
    await build({ root: app, logLevel: 'warn', customLogger: logger, build: { outDir: join(app, 'dist') } });
    const server = await preview({ root: app, logLevel: 'silent', preview: { port: 0, host: '127.0.0.1', headers: ISOLATION_HEADERS } });
    try {
      const { result, workers } = await openAppWithWorkers(server.resolvedUrls!.local[0]);
      expect(result).toEqual(ISOLATED);
      // the thread worker Vite emitted is running beside fitAsync's
      expect(workers.some((url) => /thread-worker/.test(url))).toBe(true);
    } finally {
      await server.close();
    }
  });

  it('served cross-origin isolated without the threads build (a host that lost the file): one thread, said so', async () => {
    await build({ root: app, logLevel: 'warn', customLogger: logger, build: { outDir: join(app, 'dist') } });
    const assets = join(app, 'dist', 'assets');
    const threaded = readdirSync(assets).filter((name) => /^neural-wasm-threads.*\.wasm$/.test(name));
    expect(threaded).toHaveLength(1);
    rmSync(join(assets, threaded[0]));
    const server = await preview({ root: app, logLevel: 'silent', preview: { port: 0, host: '127.0.0.1', headers: ISOLATION_HEADERS } });
    try {
      const { result } = await openAppWithWorkers(server.resolvedUrls!.local[0], /404/);
      expect(result).toEqual({ ...EXPECTED, threads: { ...EXPECTED.threads, isolated: true } });
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
