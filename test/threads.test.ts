// fit({ threads }): each batch's dense products and optimizer step shared among threads, with the
// same bits for every thread count; one thread where threads cannot run.
import { describe, expect, it } from 'vitest';
import { builds, WasmNetwork, weightBytes, testRandom } from './builds';
import { expectThrows } from './errors';
import type { Precision } from 'neural-wasm';

// products of 20 to 50 rows and 40 to 160 columns, cut into blocks of rows (6 at a time, ragged last
// blocks) or of columns (4 at a time in f64, 8 in f32) by the thread count, and 23,010 parameters:
// every product and the optimizer step are big enough to be shared
const LAYERS = [100, 160, 40, 10];
const random = testRandom(11);
const INPUTS = Array.from({ length: 120 }, () => Array.from({ length: 100 }, () => random() * 2 - 1));
const TARGETS = INPUTS.map((row) => {
  const target = new Array(10).fill(0);
  target[Math.floor(Math.abs(row[0] * 10 + row[1] * 3)) % 10] = 1;
  return target;
});
const isNode = typeof process === 'object' && typeof process.versions?.node === 'string';
// where memory can be shared with workers: Node, or a cross-origin-isolated page
const canShare = isNode || (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true;

const FITS = {
  sgd: { epochs: 3, batchSize: 50, learningRate: 0.05 },
  momentum: { epochs: 3, batchSize: 50, optimizer: 'momentum', learningRate: 0.01 },
  adam: { epochs: 3, batchSize: 50, optimizer: 'adam', learningRate: 0.001 },
  'adam with dropout, l2, clipping, a shuffle and a validation split': {
    epochs: 3, batchSize: 40, optimizer: 'adam', learningRate: 0.002, l2: 1e-4, clipNorm: 1, shuffle: true, validationSplit: 0.2,
  },
} as const;

// the first byte where two runs differ, or -1 (toEqual walks 184 KB of weights element by element, slowly)
function firstDifference(a: Uint8Array, b: Uint8Array): number {
  if (a.length !== b.length) return Math.min(a.length, b.length);
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return i;
  return -1;
}

async function train(NeuralNetwork: typeof WasmNetwork, options: Record<string, unknown>, dropout = 0, precision: Precision = 'f64') {
  const net = await NeuralNetwork.create({
    layers: LAYERS, activation: ['relu', 'tanh', 'softmax'], loss: 'crossEntropy', init: 'he', seed: 5, dropout, precision,
  });
  const result = net.fit(INPUTS, TARGETS, options);
  const run = { weights: weightBytes(net), loss: new Uint8Array(result.loss.buffer), valLoss: result.valLoss?.join(), threads: result.threads };
  net.dispose();
  return run;
}

describe('threads on the default WASM core', () => {
  for (const [name, fit] of Object.entries(FITS)) {
    const dropout = name.includes('dropout') ? 0.2 : 0;
    it.each(['f64', 'f32'] as const)(`${name}, at %s: 1, 2, 3 and 5 threads give the weights and losses of a fit without the option, bit for bit`, async (precision) => {
      const alone = await train(WasmNetwork, fit, dropout, precision);
      expect(alone.threads).toBe(1);
      for (const threads of [1, 2, 3, 5]) {
        const shared = await train(WasmNetwork, { ...fit, threads }, dropout, precision);
        expect(shared.threads).toBe(canShare ? threads : 1);
        expect(firstDifference(shared.weights, alone.weights)).toBe(-1);
        expect(shared.loss).toEqual(alone.loss);
        expect(shared.valLoss).toBe(alone.valLoss);
      }
    });
  }

  it("'auto' uses the cores the platform reports, with the same bits", async () => {
    const alone = await train(WasmNetwork, FITS.adam);
    const auto = await train(WasmNetwork, { ...FITS.adam, threads: 'auto' });
    const cores = isNode
      ? (await import('node:os')).availableParallelism()
      : navigator.hardwareConcurrency;
    expect(auto.threads).toBe(canShare ? Math.min(cores, 64) : 1);
    expect(firstDifference(auto.weights, alone.weights)).toBe(-1);
  });

  it('online SGD (batches of 1) runs on one thread and says so', async () => {
    const run = await train(WasmNetwork, { epochs: 1, learningRate: 0.01, threads: 4 });
    expect(run.threads).toBe(1);
  });

  it('fitAsync with threads ends with the weights of fit, and says how many threads ran', async () => {
    const alone = await train(WasmNetwork, FITS.adam);
    const net = await WasmNetwork.create({ layers: LAYERS, activation: ['relu', 'tanh', 'softmax'], loss: 'crossEntropy', init: 'he', seed: 5 });
    const result = await net.fitAsync(INPUTS, TARGETS, { ...FITS.adam, threads: 2 });
    // the worker's page is isolated when the page is: Web Workers inherit it
    expect(result.threads).toBe(canShare ? 2 : 1);
    expect(firstDifference(weightBytes(net), alone.weights)).toBe(-1);
    net.dispose();
  });
});

describe.each(builds.filter(([name]) => name !== 'wasm-simd'))('%s build: threads', (_, NeuralNetwork) => {
  it('trains on one thread, says so, and gives the bits of a fit without the option', async () => {
    const alone = await train(NeuralNetwork, FITS.adam);
    const asked = await train(NeuralNetwork, { ...FITS.adam, threads: 4 });
    expect(asked.threads).toBe(1);
    expect(firstDifference(asked.weights, alone.weights)).toBe(-1);
  });
});

describe('threads: bad values', () => {
  it.each([
    [0, RangeError], [-1, RangeError], [1.5, RangeError], [65, RangeError], [NaN, RangeError],
    ['2', TypeError], ['all', TypeError], [true, TypeError], [null, TypeError],
  ])('threads: %s is refused by name, before anything changes', async (threads, kind) => {
    const net = await WasmNetwork.create({ layers: [2, 3, 1], seed: 1 });
    const before = weightBytes(net);
    const given = typeof threads === 'string' ? `"${threads}"` : String(threads);
    expectThrows(() => net.fit([[0, 1]], [1], { threads: threads as never }), kind, ['threads', 'integer', '1 to 64', "'auto'", given]);
    expect(weightBytes(net)).toEqual(before);
  });
});
