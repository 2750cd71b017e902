// fit({ threads }) and fitAsync in host processes a user really starts: `node -e` with flags a
// worker refuses, and a package whose worker files are missing or broken. Each run is a subprocess
// that must end cleanly (exit 0, nothing on stderr) with the weights of a one-thread fit.
import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));

// trains a net on 1 thread and on 2, with fit and fitAsync, and prints what came out
const TRAIN = (entry: string) => `
const { NeuralNetwork } = ${entry};
const inputs = Array.from({ length: 96 }, (_, r) => Array.from({ length: 64 }, (_, c) => Math.sin(r * 7 + c * 3)));
const targets = inputs.map((row) => (row[0] + row[5] > 0 ? 1 : 0));
const fit = { epochs: 3, batchSize: 48, optimizer: 'adam', learningRate: 0.01 };
const weights = (net) => JSON.stringify(net.toJSON());
const train = async (options, async) => {
  const net = await NeuralNetwork.create({ layers: [64, 256, 64, 1], seed: 3 });
  const result = async ? await net.fitAsync(inputs, targets, { ...fit, ...options }) : net.fit(inputs, targets, { ...fit, ...options });
  return { threads: result.threads, weights: weights(net) };
};
const alone = await train({}, false);
const shared = await train({ threads: 2 }, false);
const inWorker = await train({ threads: 2 }, true);
console.log(JSON.stringify({
  threads: shared.threads, asyncThreads: inWorker.threads,
  same: shared.weights === alone.weights, asyncSame: inWorker.weights === alone.weights,
}));
`;

interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

function node(args: string[]): Promise<Outcome> {
  return new Promise((resolve) => {
    execFile(process.execPath, args, { cwd: tmpdir(), timeout: 60_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

function report(outcome: Outcome) {
  expect(outcome.stderr).toBe('');
  expect(outcome.code).toBe(0);
  return JSON.parse(outcome.stdout) as { threads: number; asyncThreads: number; same: boolean; asyncSame: boolean };
}

const esm = (folder: string) => `await import(${JSON.stringify(pathToFileURL(join(folder, 'index.js')).href)})`;
const cjs = (folder: string) => `require(${JSON.stringify(join(folder, 'cjs/index.js'))})`;

describe('threads in a process started with flags a worker refuses', () => {
  it('node --input-type=module -e: fit and fitAsync run on 2 threads with the bits of one, and the process ends cleanly', async () => {
    const run = report(await node(['--input-type=module', '-e', TRAIN(esm(dist))]));
    expect(run).toEqual({ threads: 2, asyncThreads: 2, same: true, asyncSame: true });
  });

  it('node --eval (CommonJS): the same', async () => {
    const run = report(await node(['--eval', `(async () => {${TRAIN(cjs(dist))}})()`]));
    expect(run).toEqual({ threads: 2, asyncThreads: 2, same: true, asyncSame: true });
  });
});

describe('threads whose workers cannot start', () => {
  // a copy of the package with one of the threads' files lost or broken, as a careless bundle has it
  function brokenCopy(change: (folder: string) => void): string {
    const folder = join(mkdtempSync(join(tmpdir(), 'neural-wasm-threads-')), 'dist');
    cpSync(dist, folder, { recursive: true });
    change(folder);
    return folder;
  }

  it.each([
    ['the worker script is missing', (folder: string) => {
      rmSync(join(folder, 'thread-worker.js')); // (dist/cjs/ runs the ES modules' worker files)
    }],
    // the baseline core in the workers' place: it compiles, but a worker cannot instantiate it
    ['the workers\' module cannot be instantiated', (folder: string) => {
      copyFileSync(join(folder, 'neural-wasm.wasm'), join(folder, 'neural-wasm-thread-worker.wasm'));
    }],
    // the f32 workers' module in the f64 one's place: it would run, over the wrong numbers
    ['the workers\' module is of the other precision', (folder: string) => {
      copyFileSync(join(folder, 'neural-wasm-f32-thread-worker.wasm'), join(folder, 'neural-wasm-thread-worker.wasm'));
    }],
  ])('%s: fit and fitAsync fall back to one thread, say so, give the same bits, and nothing is thrown', async (_, change) => {
    const folder = brokenCopy(change);
    try {
      for (const entry of [esm(folder), null]) {
        const args = entry ? ['--input-type=module', '-e', TRAIN(entry)] : ['--eval', `(async () => {${TRAIN(cjs(folder))}})()`];
        expect(report(await node(args))).toEqual({ threads: 1, asyncThreads: 1, same: true, asyncSame: true });
      }
    } finally {
      rmSync(join(folder, '..'), { recursive: true, force: true });
    }
  });
});

describe('a host without WebAssembly', () => {
  it('node --jitless: create is a named Error that points to neural-wasm/js, which trains as ever', async () => {
    const script = `
      const { NeuralNetwork } = ${esm(dist)};
      const { NeuralNetwork: JsNetwork } = await import(${JSON.stringify(pathToFileURL(join(dist, 'js.js')).href)});
      let said = '';
      try { await NeuralNetwork.create({ layers: [2, 3, 1], seed: 1 }); } catch (error) { said = error.constructor.name + ': ' + error.message; }
      const net = await JsNetwork.create({ layers: [2, 3, 1], seed: 1 });
      console.log(JSON.stringify({ said, epochs: net.fit([[0, 1], [1, 0]], [1, 1], { epochs: 5 }).epochs }));
    `;
    const outcome = await node(['--jitless', '--no-warnings', '--input-type=module', '-e', script]);
    expect(outcome.code, outcome.stderr).toBe(0);
    const { said, epochs } = JSON.parse(outcome.stdout);
    expect(said).toMatch(/^Error: this engine has no WebAssembly \(node --jitless/);
    expect(said).toContain("'neural-wasm/js'");
    expect(epochs).toBe(5);
  });
});
