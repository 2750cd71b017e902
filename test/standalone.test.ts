// toStandalone (neural-wasm/export): the module it writes imports nothing and predicts what
// NeuralNetwork#predict does, bit for bit on the 'js' core, for every activation, depth, narrow and
// wide layer, trained weights and extreme inputs; it refuses bad rows as predict does.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { NeuralNetwork as JsNetwork } from 'neural-wasm/js';
import { NeuralNetwork as WasmNetwork } from 'neural-wasm';
import { toStandalone, type StandaloneOptions } from 'neural-wasm/export';
import type { ActivationName, NeuralNetwork } from 'neural-wasm';
import { testRandom } from './builds';

const folder = mkdtempSync(join(tmpdir(), 'neural-wasm-standalone-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

interface Standalone {
  predict(row: ArrayLike<number>): Float64Array;
  inputSize: number;
  outputSize: number;
}

let written = 0;
/** The module's source, written to a file and imported as a page or a server would. */
async function load(source: string): Promise<Standalone> {
  const file = join(folder, `model-${written++}.mjs`);
  writeFileSync(file, source);
  return import(pathToFileURL(file).href);
}

const bits = (values: Float64Array) => Array.from(new BigUint64Array(values.buffer, values.byteOffset, values.length));

/** Rows of small, large and exactly zero inputs. */
function rows(width: number, count: number, seed: number): number[][] {
  const random = testRandom(seed);
  return Array.from({ length: count }, (_, r) =>
    Array.from({ length: width }, () => (r % 10 === 9 ? 0 : (random() - 0.5) * (r % 5 === 4 ? 200 : 4))),
  );
}

const HIDDEN: ActivationName[] = ['sigmoid', 'tanh', 'relu', 'leakyRelu', 'linear'];

describe('toStandalone', () => {
  // [layers, activations, loss]: each hidden activation, each output kind, narrow (<= 16) and wide layers, depth 1 to 3
  const cases: [number[], ActivationName[], 'mse' | 'binaryCrossEntropy' | 'crossEntropy'][] = [
    ...HIDDEN.map((hidden): [number[], ActivationName[], 'mse'] => [[3, 5, 2], [hidden, 'linear'], 'mse']),
    [[2, 3, 1], ['sigmoid', 'sigmoid'], 'mse'],
    [[4, 40, 24, 3], ['tanh', 'relu', 'softmax'], 'crossEntropy'],
    [[30, 1], ['sigmoid'], 'binaryCrossEntropy'],
    [[6, 20, 8, 20, 1], ['leakyRelu', 'sigmoid', 'tanh', 'linear'], 'mse'],
  ];

  it.each(cases)('%j %j: trained, predict equals the js core bit for bit, and the WASM core to rounding', async (layers, activation, loss) => {
    const options = { layers, activation, loss, init: 'xavier', seed: 5 } as const;
    const net = await JsNetwork.create(options);
    const train = rows(layers[0], 40, 1);
    const targets = train.map((_, r) => Array.from({ length: layers.at(-1)! }, (_, c) => (loss === 'mse' ? Math.sin(r + c) : (r + c) % layers.at(-1)! === 0 || layers.at(-1) === 1 && r % 2 ? 1 : 0)));
    net.fit(train, targets, { epochs: 20, batchSize: 8, optimizer: 'adam', learningRate: 0.01 });
    const wasm = await WasmNetwork.fromJSON(net.toJSON());
    for (const encoding of ['base64', 'decimal'] as const) {
      const source = toStandalone(net, { encoding });
      expect(source).not.toMatch(/^\s*import\b|\brequire\(/m);
      const standalone = await load(source);
      expect([standalone.inputSize, standalone.outputSize]).toEqual([layers[0], layers.at(-1)]);
      for (const row of rows(layers[0], 50, 2)) {
        const expected = net.predict(row) as Float64Array;
        const got = standalone.predict(row);
        expect(bits(got)).toEqual(bits(expected));
        (wasm.predict(row) as Float64Array).forEach((value, i) => expect(Math.abs(value - got[i])).toBeLessThanOrEqual(1e-13 * Math.max(1, Math.abs(value))));
      }
    }
    net.dispose();
    wasm.dispose();
  });

  it('keeps every weight exactly, -0 included, in both encodings; base64 is the smaller for trained weights', async () => {
    const net = await JsNetwork.create({ layers: [2, 2, 1], seed: 1 });
    net.setWeights({ weights: [[-0, 1e-310, Number.MAX_VALUE / 1e10, -1 / 3], [0.1, -2.5]], biases: [[5e-324, -0], [1 / 7]] });
    for (const encoding of ['base64', 'decimal'] as const) {
      const { layers } = (await load(toStandalone(net, { encoding }))) as unknown as { layers: [number, number, string, Float64Array, Float64Array][] };
      const { weights, biases } = net.getWeights();
      layers.forEach(([, , , w, b], l) => {
        expect(bits(w)).toEqual(bits(weights[l]));
        expect(bits(b)).toEqual(bits(biases[l]));
      });
    }
    const trained = await JsNetwork.create({ layers: [64, 32, 10], activation: ['tanh', 'softmax'], loss: 'crossEntropy', init: 'xavier', seed: 2 });
    expect(toStandalone(trained).length).toBeLessThan(toStandalone(trained, { encoding: 'decimal' }).length);
  });

  it('refuses a row of the wrong length or with a value that is not a finite number, as predict does', async () => {
    const net = await JsNetwork.create({ layers: [3, 2], seed: 1 });
    const { predict } = await load(toStandalone(net));
    expect(() => predict([1, 2])).toThrow('predict: expected a row of 3 numbers, got 2 values');
    expect(() => predict(undefined as never)).toThrow('predict: expected a row of 3 numbers, got undefined');
    expect(() => predict([1, NaN, 3])).toThrow('predict: row[1] must be a finite number, got NaN');
    expect(() => predict([1, '2', 3] as never)).toThrow('predict: row[1] must be a finite number, got 2');
    expect(() => net.predict([1, NaN, 3])).toThrow(); // the library refuses it too
    expect(predict(new Float32Array([1, 2, 3]))).toEqual(net.predict([1, 2, 3]));
  });

  it('refuses an unknown encoding, and a disposed network as every method does', async () => {
    const net: NeuralNetwork = await JsNetwork.create({ layers: [3, 2], seed: 1 });
    expect(() => toStandalone(net, { encoding: 'hex' } as unknown as StandaloneOptions)).toThrow(/toStandalone encoding must be 'base64' or 'decimal', got the string "hex"/);
    net.dispose();
    expect(() => toStandalone(net)).toThrow(/disposed/);
  });
});

describe('toStandalone of a Model (neural-wasm/model): its preprocessing comes along', () => {
  it('a CLI model file: raw rows in order or by name give what Model#predict gives, bit for bit on the js core (classes and values)', async () => {
    const { Model } = await import('neural-wasm/model');
    const { run, tempFolder, writeFile, valuesCsv } = await import('./cli/run');
    const folder = tempFolder();
    const prices = writeFile(folder, 'prices.csv', valuesCsv(120));
    for (const [data, flags] of [['iris', []], [prices, ['--epochs', '20']]] as const) {
      const out = join(folder, `${data === 'iris' ? 'iris' : 'prices'}.json`);
      const trained = await run(['train', data, ...flags, '--quiet', '--out', out]);
      expect(trained.code, trained.stderr).toBe(0);
      const model = await Model.fromJSON(JsNetwork, readFileSync(out, 'utf8'));
      const standalone = (await load(toStandalone(model))) as unknown as Standalone & { columns: string[] };
      expect(standalone.columns).toEqual(model.inputs.columns);
      const random = testRandom(3);
      for (let r = 0; r < 40; r++) {
        const row = model.inputs.columns.map(() => (random() - 0.3) * 10);
        const expected = model.predict(row);
        expect(standalone.predict(row)).toEqual(expected);
        const byName = Object.fromEntries(model.inputs.columns.map((name, c) => [name, row[c]]));
        expect((standalone.predict as (row: object) => unknown)(byName)).toEqual(expected);
        if (expected instanceof Float64Array) expect(bits(standalone.predict(row))).toEqual(bits(expected)); // values: to the bit
      }
      expect(() => standalone.predict([1, 2])).toThrow(`predict: expected ${model.inputs.columns.length} values`);
      model.network.dispose();
    }
  });
});
