// Fast paths are drop-in replacements: each is held to the general code it replaces.
import { describe, expect, it } from 'vitest';
import { builds, weightBytes, testRandom, WasmNetwork, BaselineNetwork } from './builds';

describe.each(builds)('%s build: training paths', (_, NeuralNetwork) => {
  it.each([0, 0.01])('online SGD (the fused path) equals the general path bit for bit (l2 %s)', async (l2) => {
    // momentum 0 takes the general path (gradient array, then v = 0*v - lr*g; w += v), whose
    // arithmetic is exactly SGD's; batchSize 1 with 'sgd' takes the fused one
    const random = testRandom(21);
    const inputs = Array.from({ length: 30 }, () => [random(), random(), random()]);
    const targets = inputs.map(([a, b, c]) => [a * b, b > c ? 1 : 0]);
    const options = { layers: [3, 5, 4, 2], activation: ['tanh', 'relu', 'sigmoid'], seed: 3 } as const;
    const fused = await NeuralNetwork.create(options);
    const general = await NeuralNetwork.create(options);
    const common = { epochs: 5, batchSize: 1, learningRate: 0.3, shuffle: true, l2 };
    const a = fused.fit(inputs, targets, { ...common, optimizer: 'sgd' });
    const b = general.fit(inputs, targets, { ...common, optimizer: { name: 'momentum', momentum: 0 } });
    expect(a.loss).toEqual(b.loss);
    expect(weightBytes(fused)).toEqual(weightBytes(general));
  });
});

describe('the SIMD core gives the bits of the scalar (baseline) core', () => {
  // sizes that leave every kind of edge in the 6 x 4 register blocks: rows of 1 to 5 past a
  // multiple of 6 (7, 13, 203, 64 = 60 + 4), columns of 1, 2, 3 past a multiple of 4, single rows,
  // and a softmax output of 3
  it.each([
    ['online sgd', { batchSize: 1, optimizer: 'sgd', learningRate: 0.1 }],
    ['batches of 7, momentum', { batchSize: 7, optimizer: 'momentum', learningRate: 0.05 }],
    ['batches of 64, adam, l2, shuffle', { batchSize: 64, optimizer: 'adam', learningRate: 0.01, l2: 0.001, shuffle: true }],
    ['one batch of everything, sgd', { batchSize: 1000, optimizer: 'sgd', learningRate: 0.5 }],
  ] as const)('%s', async (_, fitOptions) => {
    const random = testRandom(5);
    const rows = 203;
    const data = Float64Array.from({ length: rows * 13 }, () => random() * 2 - 1);
    const targets = Float64Array.from({ length: rows * 3 }, (_, i) => (i % 3 === Math.floor(i / 3) % 3 ? 1 : 0));
    const options = { layers: [13, 9, 6, 5, 3], activation: ['tanh', 'relu', 'sigmoid', 'softmax'], loss: 'crossEntropy', init: 'xavier', seed: 8 } as const;
    const simd = await WasmNetwork.create(options);
    const scalar = await BaselineNetwork.create(options);
    expect(simd.backend).toBe('wasm-simd');
    expect(scalar.backend).toBe('wasm');
    const x = { data, shape: [rows, 13] as [number, number] };
    const y = { data: targets, shape: [rows, 3] as [number, number] };
    const a = simd.fit(x, y, { ...fitOptions, epochs: 3 });
    const b = scalar.fit(x, y, { ...fitOptions, epochs: 3 });
    expect(new Uint8Array(a.loss.buffer)).toEqual(new Uint8Array(b.loss.buffer));
    expect(weightBytes(simd)).toEqual(weightBytes(scalar));
    const pa = simd.predict(x);
    const pb = scalar.predict(x);
    expect(pa.map((p) => Array.from(p))).toEqual(pb.map((p) => Array.from(p)));
  });

  it('on the benchmark shape, 784-128-10 with batches of 64', async () => {
    const random = testRandom(6);
    const rows = 256;
    const data = Float32Array.from({ length: rows * 784 }, () => random());
    const targets = Float64Array.from({ length: rows * 10 }, (_, i) => (i % 10 === Math.floor(i / 10) % 10 ? 1 : 0));
    const options = { layers: [784, 128, 10], activation: ['sigmoid', 'softmax'], loss: 'crossEntropy', init: 'xavier', seed: 1 } as const;
    const simd = await WasmNetwork.create(options);
    const scalar = await BaselineNetwork.create(options);
    const fit = { batchSize: 64, learningRate: 0.1, epochs: 2 };
    const a = simd.fit({ data, shape: [rows, 784] }, { data: targets, shape: [rows, 10] }, fit);
    const b = scalar.fit({ data, shape: [rows, 784] }, { data: targets, shape: [rows, 10] }, fit);
    expect(a.loss).toEqual(b.loss);
    expect(weightBytes(simd)).toEqual(weightBytes(scalar));
  });
});
