// precision: 'f32' on every core: what the network holds and says, the model file, bad values, and
// how far an f32 run may be from the f64 run of the same recipe. (Backprop at f32 against finite
// differences: test/gradients.test.ts; the threads at f32: test/threads.test.ts.)
import { describe, expect, it } from 'vitest';
import { builds, weightBytes, testRandom, XOR_INPUTS, XOR_TARGETS, WasmNetwork, BaselineNetwork, JsNetwork, type Network } from './builds';
import type { FitOptions, OptimizerName } from 'neural-wasm';
import { expectRejects, expectThrows, type Part } from './errors';

// Bounds on an f32 run against the f64 run, about 30 times what was measured (f32 rounds to 6e-8;
// over thousands of steps that grows to 1e-5 in the XOR curve and 3e-6 in a softmax net's weights).
const CURVE_BOUND = 1e-3; // relative, every epoch's loss
const WEIGHT_BOUND = 1e-4; // relative to the largest weight
const OUTPUT_BOUND = 1e-4; // absolute, predicted probabilities

/** Three classes of 8 inputs in [-1, 1): a softmax problem a 8-16-12-3 net learns in 40 epochs. */
function threeClasses(rows: number, seed: number) {
  const random = testRandom(seed);
  const inputs = Array.from({ length: rows }, () => Array.from({ length: 8 }, () => 2 * random() - 1));
  const targets = inputs.map((x) => {
    const k = (x[0] + x[1] > 0 ? 1 : 0) + (x[2] > 0.3 ? 1 : 0);
    return [0, 1, 2].map((j) => (j === k ? 1 : 0));
  });
  return { inputs, targets };
}

const softmaxNet = (NeuralNetwork: Network, precision: 'f64' | 'f32') =>
  NeuralNetwork.create({ layers: [8, 16, 12, 3], activation: ['tanh', 'relu', 'softmax'], loss: 'crossEntropy', init: 'xavier', seed: 3, precision });

const flat = (net: { getWeights(): { weights: Float64Array[]; biases: Float64Array[] } }) => {
  const { weights, biases } = net.getWeights();
  return weights.flatMap((w, l) => [...w, ...biases[l]]);
};

const OPTIMIZERS: [OptimizerName, FitOptions][] = [
  ['sgd', { learningRate: 0.1 }],
  ['momentum', { learningRate: 0.1 }],
  ['adam', { learningRate: 0.01 }],
];

describe.each(builds)('%s build: precision f32', (_, NeuralNetwork) => {
  it('holds float32 weights, says so, and round-trips them through toJSON and fromJSON bit for bit', async () => {
    const net = await NeuralNetwork.create({ layers: [2, 3, 1], seed: 9, precision: 'f32' });
    expect(net.precision).toBe('f32');
    net.fit(XOR_INPUTS, XOR_TARGETS, { learningRate: 0.1, epochs: 50 });
    const weights = flat(net);
    expect(weights.every((w) => Math.fround(w) === w)).toBe(true);
    const json = net.toJSON();
    expect(json.precision).toBe('f32');
    const back = await NeuralNetwork.fromJSON(JSON.stringify(json));
    expect(back.precision).toBe('f32');
    expect(weightBytes(back)).toEqual(weightBytes(net));
    expect(back.predict(XOR_INPUTS)).toEqual(net.predict(XOR_INPUTS));
    // training on from the file continues as the original does (the generator's state came too)
    net.fit(XOR_INPUTS, XOR_TARGETS, { learningRate: 0.1, epochs: 5, batchSize: 2, shuffle: true });
    back.fit(XOR_INPUTS, XOR_TARGETS, { learningRate: 0.1, epochs: 5, batchSize: 2, shuffle: true });
    expect(weightBytes(back)).toEqual(weightBytes(net));
    // an f64 network's file is as before: no precision key
    const f64 = await NeuralNetwork.create({ layers: [2, 3, 1], seed: 9 });
    expect(f64.precision).toBe('f64');
    expect('precision' in f64.toJSON()).toBe(false);
    // predict answers in f64 arrays at either precision
    expect(net.predict([1, 0])).toBeInstanceOf(Float64Array);
  });

  it('starts from the f64 network\'s weights rounded to float32', async () => {
    const f64 = await NeuralNetwork.create({ layers: [5, 7, 3], init: 'xavier', seed: 21 });
    const f32 = await NeuralNetwork.create({ layers: [5, 7, 3], init: 'xavier', seed: 21, precision: 'f32' });
    expect(flat(f32)).toEqual(flat(f64).map(Math.fround));
  });

  it('refuses a value beyond float32\'s range by name, changing nothing; f64 takes it', async () => {
    const net = await NeuralNetwork.create({ layers: [2, 3, 1], seed: 9, precision: 'f32' });
    const before = weightBytes(net);
    const huge = 1e39;
    // each names the value, float32's range and that the network's precision is 'f32', and what came
    const range: Part[] = ['[-3.4028234663852886e+38, 3.4028234663852886e+38]', "float32's range", 'precision', "'f32'"];
    expectThrows(() => net.fit([[0, huge]], [1], { epochs: 1 }), RangeError, ['inputs[0][1]', ...range, '1e+39']);
    expectThrows(() => net.predict([huge, 0]), RangeError, ['input[0]', ...range, '1e+39']);
    expectThrows(() => net.predict({ data: Float64Array.of(0, 1, -huge, 0), shape: [2, 2] }), RangeError, ['inputs[1][0]', ...range, '-1e+39']);
    expectThrows(() => net.evaluate([[0, 0]], [[-huge]]), RangeError, ['targets[0][0]', ...range, '-1e+39']);
    const { weights, biases } = net.getWeights();
    expectThrows(() => net.setWeights({ weights: [weights[0], [1, 2, huge]], biases }), RangeError, ['setWeights.weights[1][2]', ...range, '1e+39']);
    const file = net.toJSON();
    file.biases[0][1] = -huge;
    await expectRejects(NeuralNetwork.fromJSON(file), RangeError, ['model.biases[0][1]', ...range, '-1e+39']);
    expect(weightBytes(net)).toEqual(before);
    expect(net.predict([1, 0])[0]).toBeGreaterThan(0); // still works
    const f64 = await NeuralNetwork.create({ layers: [2, 3, 1], seed: 9 });
    expect(f64.predict([huge, 0])[0]).toBeGreaterThanOrEqual(0);
  });

  it('refuses an unknown precision by name, in create and in a model file', async () => {
    await expectRejects(NeuralNetwork.create({ layers: [2, 1], precision: 'f16' as 'f32' }), RangeError, ['options.precision', "'f64'", "'f32'", 'string', '"f16"']);
    const file = { ...(await NeuralNetwork.create({ layers: [2, 1], seed: 1 })).toJSON(), precision: 'half' };
    await expectRejects(NeuralNetwork.fromJSON(file as never), RangeError, ['model.precision', "'f64'", "'f32'", 'string', '"half"']);
  });

  it(`learns the tutorial's XOR with the f64 run's loss curve, every epoch within ${CURVE_BOUND} of it`, async () => {
    const curves = [];
    for (const precision of ['f64', 'f32'] as const) {
      const net = await NeuralNetwork.create({ layers: [2, 3, 1], seed: 9, precision });
      const { loss } = net.fit(XOR_INPUTS, XOR_TARGETS, { learningRate: 0.1, epochs: 6000 });
      expect(net.predict(XOR_INPUTS).map((p) => Math.round(p[0]))).toEqual(XOR_TARGETS);
      curves.push(loss);
    }
    const [f64, f32] = curves;
    const worst = Math.max(...f64.map((l, e) => Math.abs(l - f32[e]) / l));
    expect(worst).toBeLessThan(CURVE_BOUND);
    expect(worst).toBeGreaterThan(0); // (two runs that differ: the f32 core really rounds)
  });

  it.each(OPTIMIZERS)('a softmax net with %s ends within the bounds of the f64 run (weights, loss curve, outputs)', async (optimizer, extra) => {
    const { inputs, targets } = threeClasses(300, 5);
    const options: FitOptions = { optimizer, epochs: 40, batchSize: 16, shuffle: true, ...extra };
    const f64 = await softmaxNet(NeuralNetwork, 'f64');
    const f32 = await softmaxNet(NeuralNetwork, 'f32');
    const a = f64.fit(inputs, targets, options);
    const b = f32.fit(inputs, targets, options);
    expect(b.accuracy.at(-1)).toBeGreaterThan(0.95);
    const wa = flat(f64);
    const wb = flat(f32);
    const scale = Math.max(...wa.map(Math.abs));
    expect(Math.max(...wa.map((w, i) => Math.abs(w - wb[i]))) / scale).toBeLessThan(WEIGHT_BOUND);
    expect(Math.max(...a.loss.map((l, e) => Math.abs(l - b.loss[e]) / l))).toBeLessThan(CURVE_BOUND);
    const pa = f64.predict(inputs);
    const pb = f32.predict(inputs);
    expect(Math.max(...pa.flatMap((p, r) => [...p].map((v, j) => Math.abs(v - pb[r][j]))))).toBeLessThan(OUTPUT_BOUND);
  });

  it('fitAsync ends with the weights of fit, bit for bit', async () => {
    const { inputs, targets } = threeClasses(200, 6);
    const options: FitOptions = { optimizer: 'adam', learningRate: 0.01, epochs: 5, batchSize: 16, shuffle: true };
    const a = await softmaxNet(NeuralNetwork, 'f32');
    const b = await softmaxNet(NeuralNetwork, 'f32');
    const ra = a.fit(inputs, targets, options);
    const rb = await b.fitAsync(inputs, targets, options);
    expect(weightBytes(b)).toEqual(weightBytes(a));
    expect(rb.loss).toEqual(ra.loss);
  });
});

// The SIMD f32 kernels (f32x4, a 6 x 8 register block) against the baseline build's scalar f32
// loops: the same bits. The shapes leave every kind of tail: rows past a multiple of 6, columns
// past a multiple of 8 and of 4 (a pair, a pair and one, one), parameter counts past a multiple of 4.
const SHAPES = [
  { layers: [37, 30, 13], activation: ['sigmoid', 'softmax'], loss: 'crossEntropy', batchSize: 7 },
  { layers: [20, 64, 35, 1], activation: ['relu', 'tanh', 'sigmoid'], loss: 'binaryCrossEntropy', batchSize: 25 },
  { layers: [9, 18, 6], activation: ['leakyRelu', 'linear'], loss: 'mse', batchSize: 64 },
] as const;

describe('the SIMD f32 core gives the scalar f32 core\'s bits', () => {
  it.each(SHAPES.flatMap((shape) => OPTIMIZERS.map(([optimizer, extra]) => ({ ...shape, optimizer, extra }))))(
    'layers $layers, $loss, batches of $batchSize, $optimizer (with dropout, l2 and clipping)',
    async ({ layers, activation, loss, batchSize, optimizer, extra }) => {
      const random = testRandom(layers[0] * 31 + batchSize);
      const rows = 150;
      const inputs = Array.from({ length: rows }, () => Array.from({ length: layers[0] }, () => 2 * random() - 1));
      const out = layers.at(-1)!;
      const targets = inputs.map(() => Array.from({ length: out }, (_, j) => (loss === 'mse' ? random() : out > 1 ? (j === 0 ? 1 : 0) : Math.round(random()))));
      const make = (NeuralNetwork: Network) =>
        NeuralNetwork.create({ layers: [...layers], activation: [...activation], loss, init: 'he', seed: 11, precision: 'f32', dropout: 0.1 });
      const simd = await make(WasmNetwork);
      const scalar = await make(BaselineNetwork);
      expect([simd.backend, scalar.backend]).toEqual(['wasm-simd', 'wasm']);
      const options: FitOptions = { optimizer, epochs: 4, batchSize, shuffle: true, l2: 1e-3, clipNorm: 5, validationSplit: 0.2, ...extra };
      const a = simd.fit(inputs, targets, options);
      const b = scalar.fit(inputs, targets, options);
      expect(weightBytes(simd)).toEqual(weightBytes(scalar));
      expect(a.loss).toEqual(b.loss);
      expect(a.valLoss).toEqual(b.valLoss);
      expect(simd.predict(inputs)).toEqual(scalar.predict(inputs));
    },
  );
});

describe('the JS f32 core (f32 storage, doubles between stores) stays near the WASM f32 core', () => {
  it.each(OPTIMIZERS)('%s: weights within the f64 bounds', async (optimizer, extra) => {
    const { inputs, targets } = threeClasses(300, 5);
    const options: FitOptions = { optimizer, epochs: 40, batchSize: 16, shuffle: true, ...extra };
    const wasm = await softmaxNet(WasmNetwork, 'f32');
    const js = await softmaxNet(JsNetwork, 'f32');
    wasm.fit(inputs, targets, options);
    js.fit(inputs, targets, options);
    const wa = flat(wasm);
    const wb = flat(js);
    expect(wb.every((w) => Math.fround(w) === w)).toBe(true);
    const scale = Math.max(...wa.map(Math.abs));
    expect(Math.max(...wa.map((w, i) => Math.abs(w - wb[i]))) / scale).toBeLessThan(WEIGHT_BOUND);
  });
});
