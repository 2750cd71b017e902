// toStandalone (neural-wasm/export): the module it writes imports nothing and predicts what
// NeuralNetwork#predict does, bit for bit on the 'js' core at either precision (at 'f32' it rounds to
// float32 where the core stores), for every activation, depth, narrow and wide layer (softmax too),
// trained weights and extreme inputs; it refuses bad rows as predict does.
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
import { expectThrows } from './errors';

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

const PRECISIONS = ['f64', 'f32'] as const;
// how far the WASM cores' predictions may be from the module's (relative to max(1, |value|)): at
// f64 their exp and tanh may differ in the last bit; at f32 they compute in float32, where the
// module (as the 'js' core) computes between stores in doubles
const WASM_TOLERANCE = { f64: 1e-13, f32: 1e-5 };

describe('toStandalone', () => {
  // [layers, activations, loss]: each hidden activation in a narrow (<= 16) and a wide layer, each
  // output kind (softmax narrow and wide), depth 1 to 4
  const cases: [number[], ActivationName[], 'mse' | 'binaryCrossEntropy' | 'crossEntropy'][] = [
    ...HIDDEN.map((hidden): [number[], ActivationName[], 'mse'] => [[3, 5, 2], [hidden, 'linear'], 'mse']),
    ...HIDDEN.map((hidden): [number[], ActivationName[], 'mse'] => [[3, 20, 2], [hidden, 'linear'], 'mse']),
    [[2, 3, 1], ['sigmoid', 'sigmoid'], 'mse'],
    [[4, 40, 24, 3], ['tanh', 'relu', 'softmax'], 'crossEntropy'],
    [[5, 12, 20], ['leakyRelu', 'softmax'], 'crossEntropy'],
    [[30, 1], ['sigmoid'], 'binaryCrossEntropy'],
    [[6, 20, 8, 20, 1], ['leakyRelu', 'sigmoid', 'tanh', 'linear'], 'mse'],
  ];

  describe.each(PRECISIONS)('precision %s', (precision) => {
    it.each(cases)('%j %j: trained, predict equals the js core bit for bit on 200 rows, and the WASM core to rounding', async (layers, activation, loss) => {
      const options = { layers, activation, loss, init: 'xavier', seed: 5, precision } as const;
      const net = await JsNetwork.create(options);
      const train = rows(layers[0], 40, 1);
      const targets = train.map((_, r) => Array.from({ length: layers.at(-1)! }, (_, c) => (loss === 'mse' ? Math.sin(r + c) : (r + c) % layers.at(-1)! === 0 || layers.at(-1) === 1 && r % 2 ? 1 : 0)));
      net.fit(train, targets, { epochs: 20, batchSize: 8, optimizer: 'adam', learningRate: 0.01 });
      const wasm = await WasmNetwork.fromJSON(net.toJSON());
      const input = rows(layers[0], 200, 2);
      const expected = net.predict(input) as Float64Array[];
      const onWasm = wasm.predict(input) as Float64Array[];
      for (const encoding of ['base64', 'decimal'] as const) {
        const source = toStandalone(net, { encoding });
        expect(source).not.toMatch(/^\s*import\b|\brequire\(/m);
        const standalone = await load(source);
        input.forEach((row, r) => {
          const got = standalone.predict(row);
          expect(got).toBeInstanceOf(Float64Array);
          expect(bits(got), `row ${r}`).toEqual(bits(expected[r]));
          onWasm[r].forEach((value, i) => expect(Math.abs(value - got[i])).toBeLessThanOrEqual(WASM_TOLERANCE[precision] * Math.max(1, Math.abs(value))));
        });
        expect([standalone.inputSize, standalone.outputSize, (standalone as unknown as { precision: string }).precision]).toEqual([layers[0], layers.at(-1), precision]);
      }
      net.dispose();
      wasm.dispose();
    });
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

  it('at f32: keeps every weight exactly as the float32 it is (-0, the smallest and the largest float32 included), in both encodings; base64 is half the f64 size', async () => {
    const net = await JsNetwork.create({ layers: [2, 2, 1], seed: 1, precision: 'f32' });
    net.setWeights({ weights: [[-0, 1e-45, 3.4028234663852886e38, -1 / 3], [0.1, -2.5]], biases: [[1.1754942e-38, -0], [1 / 7]] });
    const { weights, biases } = net.getWeights();
    for (const encoding of ['base64', 'decimal'] as const) {
      const source = toStandalone(net, { encoding });
      const { layers } = (await load(source)) as unknown as { layers: [number, number, string, Float32Array, Float32Array][] };
      layers.forEach(([, , , w, b], l) => {
        expect(w).toBeInstanceOf(Float32Array);
        expect(bits(new Float64Array(w))).toEqual(bits(weights[l]));
        expect(bits(new Float64Array(b))).toEqual(bits(biases[l]));
      });
      if (encoding === 'decimal') expect(source).toContain('new Real([0.1, -2.5])'); // float32's shortest text, not the double's 0.10000000149011612
    }
    const trained = (precision: 'f64' | 'f32') => JsNetwork.create({ layers: [64, 32, 10], activation: ['tanh', 'softmax'], init: 'xavier', seed: 2, precision });
    const weightText = (source: string) => source.match(/reals\("[^"]*"\)/g)!.join('').length;
    expect(weightText(toStandalone(await trained('f32')))).toBeLessThan(0.51 * weightText(toStandalone(await trained('f64'))));
  });

  it('refuses a row of the wrong length or with a value that is not a finite number, as predict does', async () => {
    const net = await JsNetwork.create({ layers: [3, 2], seed: 1 });
    const { predict } = await load(toStandalone(net));
    expectThrows(() => predict([1, 2]), TypeError, ['predict', 'row of 3 numbers', '2 values']);
    expectThrows(() => predict(undefined as never), TypeError, ['predict', 'row of 3 numbers', 'undefined']);
    expectThrows(() => predict([1, NaN, 3]), TypeError, ['predict', 'row[1]', 'finite number', 'NaN']);
    expectThrows(() => predict([1, '2', 3] as never), TypeError, ['predict', 'row[1]', 'finite number', '2']);
    expect(() => net.predict([1, NaN, 3])).toThrow(); // the library refuses it too
    expect(predict(new Float32Array([1, 2, 3]))).toEqual(net.predict([1, 2, 3]));
    expect(predict([1, 1e300, 3])).toEqual(net.predict([1, 1e300, 3])); // any finite double at f64
  });

  it("at f32: refuses a value past float32's range, as predict does, and takes float32's largest", async () => {
    const net = await JsNetwork.create({ layers: [3, 2], seed: 1, precision: 'f32' });
    const { predict } = await load(toStandalone(net));
    expectThrows(() => predict([1, 1e39, 3]), RangeError, ['predict', 'row[1]', '±3.4028234663852886e+38', "precision", "'f32'", '1e+39']);
    expect(() => net.predict([1, 1e39, 3])).toThrow(RangeError); // the library refuses it too
    expect(() => predict([1, -3.4028235e38, 3])).toThrow(RangeError); // rounds to float32's largest, but past it, as predict says
    expect(() => net.predict([1, -3.4028235e38, 3])).toThrow(RangeError);
    const largest = [1, -3.4028234663852886e38, 3];
    expect(bits(predict(largest))).toEqual(bits(net.predict(largest) as Float64Array));
  });

  it('refuses an unknown encoding, and a disposed network as every method does', async () => {
    const net: NeuralNetwork = await JsNetwork.create({ layers: [3, 2], seed: 1 });
    expectThrows(() => toStandalone(net, { encoding: 'hex' } as unknown as StandaloneOptions), TypeError, ['toStandalone', 'encoding', "'base64'", "'decimal'", 'string', '"hex"']);
    net.dispose();
    expectThrows(() => toStandalone(net), Error, ['disposed']);
  });
});

describe('toStandalone of a Model (neural-wasm/model): its preprocessing comes along', () => {
  it('names from the data cannot end a script element when the module is inlined in a page', async () => {
    const { Model, fitPreprocessing } = await import('neural-wasm/model');
    const hostile = '</script><script>alert(1)</script>';
    const rows = [{ [hostile]: 1, b: 2 }, { [hostile]: 3, b: 1 }, { [hostile]: 0, b: 5 }];
    const net = await JsNetwork.create({ layers: [2, 1], seed: 1 }); // two classes: one sigmoid output
    const model = new Model(net, fitPreprocessing(rows, ['</SCRIPT', 'x', 'x']));
    const source = toStandalone(model);
    expect(source.toLowerCase()).not.toContain('</script');
    const standalone = (await load(source)) as unknown as Standalone & { columns: string[]; target: { classes: string[] } };
    expect(standalone.columns).toEqual([hostile, 'b']);
    expect(standalone.target.classes).toEqual(['</SCRIPT', 'x']);
    expect(standalone.predict(rows[0] as never)).toEqual(model.predict(rows[0]));
    net.dispose();
  });


  it.each(PRECISIONS)('precision %s: a CLI model file: raw rows in order or by name give what Model#predict gives, bit for bit on the js core (3 classes, 2 classes, values)', async (precision) => {
    const { Model } = await import('neural-wasm/model');
    const { run, tempFolder, writeFile, valuesCsv, classesCsv } = await import('./cli/run');
    const folder = tempFolder();
    const prices = writeFile(folder, 'prices.csv', valuesCsv(120));
    const yesNo = writeFile(folder, 'yes-no.csv', classesCsv(150, 2));
    for (const [data, flags] of [['iris', []], [yesNo, ['--epochs', '20']], [prices, ['--epochs', '20']]] as const) {
      const out = join(folder, `${data === 'iris' ? 'iris' : data === prices ? 'prices' : 'yes-no'}.json`);
      const trained = await run(['train', data, ...flags, '--precision', precision, '--quiet', '--out', out]);
      expect(trained.code, trained.stderr).toBe(0);
      const model = await Model.fromJSON(JsNetwork, readFileSync(out, 'utf8'));
      expect(model.network.precision).toBe(precision);
      const standalone = (await load(toStandalone(model))) as unknown as Standalone & { columns: string[] };
      expect(standalone.columns).toEqual(model.inputs.columns);
      const random = testRandom(3);
      for (let r = 0; r < 200; r++) {
        const row = model.inputs.columns.map(() => (random() - 0.3) * (r % 4 === 3 ? 1000 : 10));
        const expected = model.predict(row);
        const got = standalone.predict(row);
        if (expected instanceof Float64Array) expect(bits(got as Float64Array), `row ${r}`).toEqual(bits(expected)); // values: to the bit
        else expect(got, `row ${r}`).toEqual(expected);
        const byName = Object.fromEntries(model.inputs.columns.map((name, c) => [name, row[c]]));
        expect((standalone.predict as (row: object) => unknown)(byName)).toEqual(expected);
      }
      expectThrows(() => standalone.predict([1, 2]), TypeError, ['predict', `${model.inputs.columns.length} values`, ...model.inputs.columns, '2']);
      model.network.dispose();
    }
  });

  it("at f32: a row whose scaled value is past float32's range is refused, as Model#predict refuses it", async () => {
    const { Model } = await import('neural-wasm/model');
    const net = await JsNetwork.create({ layers: [2, 1], seed: 1, precision: 'f32' });
    const model = new Model(net, {
      inputs: { columns: ['a', 'b'], scaling: { method: 'standard', offset: [0, 1], scale: [1, 1e-10] } },
      target: { kind: 'values', columns: ['y'] },
      targetScaling: { method: 'none', offset: [0], scale: [1] },
    });
    const { predict } = (await load(toStandalone(model))) as unknown as Standalone;
    const row = [1, 1e30]; // b scaled: 1e40
    expectThrows(() => predict(row), RangeError, ['predict', "'b'", 'scaled', '1e+40', '±3.4028234663852886e+38', 'precision', "'f32'", '1e+30']);
    expect(() => model.predict(row)).toThrow(RangeError);
    expect(bits(predict([1, 1.5]) as Float64Array)).toEqual(bits(model.predict([1, 1.5]) as Float64Array));
    net.dispose();
  });
});
