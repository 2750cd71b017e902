// The WASM and JS builds run the same source, so they agree: to rounding for one step (their
// exp/tanh/log differ in the last bit at most), and closely over a whole run.
import { describe, expect, it } from 'vitest';
import { WasmNetwork, JsNetwork, XOR_INPUTS, XOR_TARGETS, testRandom } from './builds';
import type { NetworkOptions, FitOptions } from 'neural-wasm';

function expectClose(a: Float64Array, b: Float64Array, relative: number): void {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++) {
    const scale = Math.max(Math.abs(a[i]), Math.abs(b[i]), 1e-300);
    expect(Math.abs(a[i] - b[i]) / scale, `entry ${i}: ${a[i]} vs ${b[i]}`).toBeLessThanOrEqual(relative);
  }
}

function flat(net: WasmNetwork): Float64Array {
  const { weights, biases } = net.getWeights();
  return Float64Array.from(weights.flatMap((w, l) => [...w, ...biases[l]]));
}

const cases: [string, NetworkOptions, FitOptions][] = [
  ['sigmoid + mse, online sgd', { layers: [3, 5, 2], seed: 1 }, { learningRate: 0.5 }],
  ['tanh/relu + softmax + crossEntropy, adam, batches', { layers: [3, 6, 5, 2], activation: ['tanh', 'relu', 'softmax'], loss: 'crossEntropy', init: 'he', seed: 2 }, { optimizer: 'adam', batchSize: 3, learningRate: 0.01 }],
  ['leakyRelu/linear + sigmoid + bce, momentum, l2, shuffle', { layers: [3, 4, 4, 2], activation: ['leakyRelu', 'linear', 'sigmoid'], loss: 'binaryCrossEntropy', init: 'xavier', seed: 3 }, { optimizer: 'momentum', batchSize: 4, l2: 0.01, shuffle: true }],
];

describe('the WASM and JS builds agree', () => {
  it.each(cases)('one step (%s) to 1e-12 relative', async (_, options, fitOptions) => {
    const random = testRandom(7);
    const inputs = Array.from({ length: 8 }, () => [random(), random(), random()]);
    const targets = inputs.map(() => {
      const p = random();
      return [p, 1 - p];
    });
    const wasm = await WasmNetwork.create(options);
    const js = await JsNetwork.fromJSON(wasm.toJSON());
    expect(flat(js)).toEqual(flat(wasm)); // same starting point, bit for bit
    const a = wasm.fit(inputs, targets, { ...fitOptions, epochs: 1 });
    const b = js.fit(inputs, targets, { ...fitOptions, epochs: 1 });
    expectClose(flat(wasm), flat(js), 1e-12);
    expectClose(a.loss, b.loss, 1e-12);
  });

  it('the same seed gives the same initial weights, bit for bit, in both builds', async () => {
    for (const init of ['uniform', 'xavier', 'he'] as const) {
      const wasm = await WasmNetwork.create({ layers: [4, 7, 3], init, seed: 12345678901 });
      const js = await JsNetwork.create({ layers: [4, 7, 3], init, seed: 12345678901 });
      expect(flat(js)).toEqual(flat(wasm));
    }
  });

  it('a whole XOR run ends at the same loss to 1e-6', async () => {
    const wasm = await WasmNetwork.create({ layers: [2, 3, 1], seed: 9 });
    const js = await JsNetwork.create({ layers: [2, 3, 1], seed: 9 });
    const a = wasm.fit(XOR_INPUTS, XOR_TARGETS, { learningRate: 0.1, epochs: 6000 });
    const b = js.fit(XOR_INPUTS, XOR_TARGETS, { learningRate: 0.1, epochs: 6000 });
    expect(Math.abs(a.loss[5999] - b.loss[5999]) / a.loss[5999]).toBeLessThan(1e-6);
    expectClose(flat(wasm), flat(js), 1e-6);
  });

  it('shuffled mini-batch training visits the samples in the same order in both builds', async () => {
    const random = testRandom(11);
    const inputs = Array.from({ length: 50 }, () => [random(), random()]);
    const targets = inputs.map(([x, y]) => (x > y ? 1 : 0));
    const wasm = await WasmNetwork.create({ layers: [2, 4, 1], seed: 5 });
    const js = await JsNetwork.create({ layers: [2, 4, 1], seed: 5 });
    const options = { epochs: 20, batchSize: 7, shuffle: true, learningRate: 0.5 };
    const a = wasm.fit(inputs, targets, options);
    const b = js.fit(inputs, targets, options);
    expectClose(a.loss, b.loss, 1e-10);
    expect(wasm.toJSON().rngState).toEqual(js.toJSON().rngState);
  });
});
