// A seed fixes everything; a model survives JSON text bit for bit, in either build.
import { describe, expect, it } from 'vitest';
import { builds, WasmNetwork, JsNetwork, weightBytes, testRandom, XOR_INPUTS, XOR_TARGETS } from './builds';

const random = testRandom(3);
const INPUTS = Array.from({ length: 40 }, () => [random() * 4 - 2, random() * 4 - 2, random()]);
const TARGETS = INPUTS.map(([a, b]) => (a * b > 0 ? [1, 0] : [0, 1]));
const OPTIONS = { layers: [3, 8, 2], activation: ['tanh', 'softmax'], loss: 'crossEntropy', init: 'xavier' } as const;
const FIT = { epochs: 15, batchSize: 6, shuffle: true, optimizer: 'adam', learningRate: 0.01 } as const;

describe.each(builds)('%s build: reproducibility', (_, NeuralNetwork) => {
  it('the same seed and the same calls give bit-identical weights and histories', async () => {
    const run = async () => {
      const net = await NeuralNetwork.create({ ...OPTIONS, activation: [...OPTIONS.activation], seed: 42 });
      const first = weightBytes(net);
      const result = net.fit(INPUTS, TARGETS, FIT);
      return { first, result, after: weightBytes(net), json: JSON.stringify(net.toJSON()) };
    };
    const a = await run();
    const b = await run();
    expect(b.first).toEqual(a.first);
    expect(new Uint8Array(b.result.loss.buffer)).toEqual(new Uint8Array(a.result.loss.buffer));
    expect(b.after).toEqual(a.after);
    expect(b.json).toBe(a.json);
  });

  it('another seed gives other weights and another shuffle', async () => {
    const a = await NeuralNetwork.create({ layers: [3, 8, 2], seed: 1 });
    const b = await NeuralNetwork.create({ layers: [3, 8, 2], seed: 2 });
    expect(weightBytes(b)).not.toEqual(weightBytes(a));
  });

  it('without a seed, a random one is drawn and recorded, so the run can be repeated', async () => {
    const a = await NeuralNetwork.create({ layers: [2, 3, 1] });
    const b = await NeuralNetwork.create({ layers: [2, 3, 1] });
    expect(a.seed).not.toBe(b.seed);
    const again = await NeuralNetwork.create({ layers: [2, 3, 1], seed: a.seed });
    expect(weightBytes(again)).toEqual(weightBytes(a));
  });

  it('toJSON -> JSON text -> fromJSON restores the weights bit for bit and training continues identically', async () => {
    const net = await NeuralNetwork.create({ ...OPTIONS, activation: [...OPTIONS.activation], seed: 7 });
    net.fit(INPUTS, TARGETS, FIT);
    const text = JSON.stringify(net.toJSON());
    const restored = await NeuralNetwork.fromJSON(JSON.parse(text));
    expect(weightBytes(restored)).toEqual(weightBytes(net));
    expect(JSON.stringify(restored.toJSON())).toBe(text);
    // the generator state travels too: the next shuffled epochs are the same
    const a = net.fit(INPUTS, TARGETS, FIT);
    const b = restored.fit(INPUTS, TARGETS, FIT);
    expect(b.loss).toEqual(a.loss);
    expect(weightBytes(restored)).toEqual(weightBytes(net));
    // fromJSON takes the text itself too
    const fromText = await NeuralNetwork.fromJSON(text);
    expect(fromText.layers).toEqual([3, 8, 2]);
    expect(fromText.activation).toEqual(['tanh', 'softmax']);
    expect(fromText.loss).toBe('crossEntropy');
    expect(fromText.seed).toBe(7);
  });

  it('getWeights / setWeights round-trip, and setWeights takes nested rows as well as flat arrays', async () => {
    const net = await NeuralNetwork.create({ layers: [2, 3, 1], seed: 1 });
    const other = await NeuralNetwork.create({ layers: [2, 3, 1], seed: 2 });
    other.setWeights(net.getWeights());
    expect(weightBytes(other)).toEqual(weightBytes(net));
    const { weights, biases } = net.getWeights();
    expect(weights.map((w) => w.length)).toEqual([6, 3]);
    expect(biases.map((b) => b.length)).toEqual([3, 1]);
    const nested = weights.map((w, l) => {
      const cols = [3, 1][l];
      return Array.from({ length: w.length / cols }, (_, i) => Array.from(w.subarray(i * cols, (i + 1) * cols)));
    });
    const third = await NeuralNetwork.create({ layers: [2, 3, 1], seed: 3 });
    third.setWeights({ weights: nested, biases });
    expect(weightBytes(third)).toEqual(weightBytes(net));
    // rows may be typed arrays too
    const typedRows = nested.map((rows) => rows.map((row) => Float64Array.from(row)));
    const fourth = await NeuralNetwork.create({ layers: [2, 3, 1], seed: 4 });
    fourth.setWeights({ weights: typedRows, biases });
    expect(weightBytes(fourth)).toEqual(weightBytes(net));
    expect(net.predict([0.3, 0.7])).toEqual(third.predict([0.3, 0.7]));
  });

  it('a -0 weight is stored as 0, so JSON text round-trips every weight bit for bit', async () => {
    const net = await NeuralNetwork.create({ layers: [2, 1], seed: 1 });
    net.setWeights({ weights: [[-0, 0.5]], biases: [[-0]] });
    const restored = await NeuralNetwork.fromJSON(JSON.parse(JSON.stringify(net)));
    expect(weightBytes(restored)).toEqual(weightBytes(net));
    expect(Object.is(net.getWeights().weights[0][0], 0)).toBe(true);
  });
});

describe('models move between the builds bit for bit', () => {
  it.each([
    ['wasm -> js', WasmNetwork, JsNetwork],
    ['js -> wasm', JsNetwork, WasmNetwork],
  ] as const)('%s', async (_, From, To) => {
    const net = await From.create({ layers: [2, 5, 1], activation: ['relu', 'sigmoid'], seed: 99 });
    net.fit(XOR_INPUTS, XOR_TARGETS, { epochs: 200, optimizer: 'adam', learningRate: 0.05, shuffle: true });
    const text = JSON.stringify(net.toJSON());
    const moved = await To.fromJSON(text);
    expect(moved.backend).not.toBe(net.backend);
    expect(weightBytes(moved)).toEqual(weightBytes(net));
    expect(JSON.stringify(moved.toJSON())).toBe(text);
  });
});
