// toONNX (neural-wasm/export): the model it writes is read by ONNX Runtime (onnxruntime-web, its
// WebAssembly build, in Node) and gives what NeuralNetwork#predict gives, for a batch of rows in
// one run, for f64 and f32 networks: the float32 graph to 1e-5; the float64 graph (ONNX Runtime's
// WebAssembly build runs every operator used here on doubles) to 1e-12 of an f64 network, and of
// the same weights in doubles for an f32 network, which is within 1e-6 of the f32 network's own
// predict (it rounds each layer's values to float32); for every activation, output head (one
// sigmoid, softmax, linear), depth 1 to 3 and every build. A constant float32 cannot hold is refused
// by name. Its structure is read back with ONNX Runtime's own decoder of onnx.proto (not the schema
// the export writes with).
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as ort from 'onnxruntime-web';
import { toONNX, ONNX_OPSET, Float32RangeError, type ONNXOptions } from 'neural-wasm/export';
import type { ActivationName, NeuralNetwork } from 'neural-wasm';
import { builds, JsNetwork, testRandom } from './builds';
import { expectNamedError, expectThrows, thrownBy, type Part } from './errors';

ort.env.wasm.numThreads = 1;
ort.env.logLevel = 'error';

// ONNX Runtime's generated protobufjs code for the whole of onnx.proto
const require = createRequire(import.meta.url);
// (not among the package's exports: found from its main file, dist/)
const ortSchema = join(dirname(require.resolve('onnxruntime-web')), '..', 'lib', 'onnxjs', 'ort-schema', 'protobuf', 'onnx.js');
const { onnx } = require(ortSchema) as { onnx: any };

const PRECISIONS = ['float32', 'float64'] as const;
const NETWORK_PRECISIONS = ['f64', 'f32'] as const;
// how far ONNX Runtime's outputs may be from predict's (relative to max(1, |predict|)), by the
// network's precision and the graph's. An f32 network's float64 graph computes its float32 weights
// in doubles: to 1e-12 what the same weights give in an f64 network (DOUBLES), and as far from its
// own predict as the f32 core's float32 rounding takes it
const TOLERANCE = { f64: { float32: 1e-5, float64: 1e-12 }, f32: { float32: 1e-5, float64: 1e-6 } };
const DOUBLES = 1e-12;

/** Rows of inputs in [-2, 2), some exactly zero. */
function rows(width: number, count: number, seed: number): number[][] {
  const random = testRandom(seed);
  return Array.from({ length: count }, (_, r) => Array.from({ length: width }, () => (r % 7 === 6 ? 0 : (random() - 0.5) * 4)));
}

/** Runs the model on all rows in one call, as [rows][outputs]. */
async function runModel(bytes: Uint8Array, precision: 'float32' | 'float64', input: number[][], width: number): Promise<{ rows: number[][]; dims: readonly number[]; session: ort.InferenceSession }> {
  const session = await ort.InferenceSession.create(bytes);
  const data = precision === 'float32' ? Float32Array.from(input.flat()) : Float64Array.from(input.flat());
  const { output } = await session.run({ input: new ort.Tensor(precision, data, [input.length, input[0].length]) });
  const values = Array.from(output.data as Float32Array | Float64Array);
  return { rows: input.map((_, r) => values.slice(r * width, (r + 1) * width)), dims: output.dims, session };
}

describe('toONNX', () => {
  // [layers, activations]: each hidden activation under a linear head, a single sigmoid output, softmax heads, depth 1 to 3
  const cases: [number[], ActivationName[]][] = [
    ...(['sigmoid', 'tanh', 'relu', 'leakyRelu', 'linear'] as const).map((hidden): [number[], ActivationName[]] => [[3, 5, 2], [hidden, 'linear']]),
    [[4, 6, 1], ['relu', 'sigmoid']],
    [[4, 8, 6, 3], ['tanh', 'leakyRelu', 'softmax']],
    [[5, 2], ['linear']],
    [[6, 4], ['softmax']],
    [[2, 7, 1], ['sigmoid', 'tanh']],
  ];

  describe.each(builds)('%s build', (_, Network) => {
    describe.each(NETWORK_PRECISIONS)('precision %s network', (netPrecision) => {
      it.each(cases)('%j %j: ONNX Runtime gives predict\'s outputs for a batch of 12 rows, in float32 and float64', async (layers, activation) => {
        const net = await Network.create({ layers, activation, init: 'xavier', seed: 7, precision: netPrecision });
        // the same weights computed in doubles: the network itself, or at f32 an f64 network of its float32 weights
        const inDoubles = netPrecision === 'f64' ? net : await Network.fromJSON({ ...net.toJSON(), precision: 'f64' });
        const input = rows(layers[0], 12, 3);
        const expected = input.map((row) => Array.from(net.predict(row) as Float64Array));
        const exact = input.map((row) => Array.from(inDoubles.predict(row) as Float64Array));
        for (const precision of PRECISIONS) {
          const { rows: got, dims } = await runModel(toONNX(net, { precision }), precision, input, net.outputSize);
          expect(dims).toEqual([12, net.outputSize]);
          const within = (want: number[][], tolerance: number) =>
            got.forEach((row, r) =>
              row.forEach((value, j) => expect(Math.abs(value - want[r][j]), `row ${r} output ${j} (${precision})`).toBeLessThanOrEqual(tolerance * Math.max(1, Math.abs(want[r][j])))),
            );
          within(expected, TOLERANCE[netPrecision][precision]);
          if (precision === 'float64') within(exact, DOUBLES);
        }
        net.dispose();
        if (inDoubles !== net) inDoubles.dispose();
      });
    });
  });

  it.each(NETWORK_PRECISIONS)('precision %s network: writes opset 17 (IR 8), the producer, input [batch, in] and output [batch, out], a Gemm and an activation per layer, and the weights (exactly in float64)', async (netPrecision) => {
    const net = await JsNetwork.create({ layers: [4, 8, 6, 3], activation: ['tanh', 'leakyRelu', 'softmax'], seed: 3, precision: netPrecision });
    const { weights, biases } = net.getWeights();
    for (const precision of PRECISIONS) {
      const bytes = toONNX(net, { precision });
      expect(bytes).toBeInstanceOf(Uint8Array);
      const model = onnx.ModelProto.decode(bytes);
      expect(Number(model.irVersion)).toBe(8);
      expect(model.opsetImport.map((o: any) => [o.domain, Number(o.version)])).toEqual([['', 17]]);
      expect(ONNX_OPSET).toBe(17);
      expect(model.producerName).toBe('neural-wasm');
      expect(model.producerVersion).toBe(JSON.parse(readFileSync('package.json', 'utf8')).version);
      const elemType = precision === 'float32' ? onnx.TensorProto.DataType.FLOAT : onnx.TensorProto.DataType.DOUBLE;
      const shape = (info: any) => [info.name, info.type.tensorType.elemType, info.type.tensorType.shape.dim.map((d: any) => d.dimParam || Number(d.dimValue))];
      expect(model.graph.input.map(shape)).toEqual([['input', elemType, ['batch', 4]]]);
      expect(model.graph.output.map(shape)).toEqual([['output', elemType, ['batch', 3]]]);
      // LeakyRelu's alpha is a float32 attribute; in float64 the slope is a double tensor of PRelu
      const leaky = precision === 'float32' ? 'LeakyRelu' : 'PRelu';
      expect(model.graph.node.map((n: any) => n.opType)).toEqual(['Gemm', 'Tanh', 'Gemm', leaky, 'Gemm', 'Softmax']);
      if (precision === 'float32') expect(model.graph.node[3].attribute.map((a: any) => [a.name, a.f])).toEqual([['alpha', Math.fround(0.01)]]);
      else {
        const slope = model.graph.initializer.find((t: any) => t.name === model.graph.node[3].input[1]);
        expect([slope.dataType, slope.dims.map(Number), Array.from(new Float64Array(slope.rawData.slice().buffer))]).toEqual([elemType, [1], [0.01]]);
      }
      expect(model.graph.node[5].attribute.map((a: any) => [a.name, Number(a.i)])).toEqual([['axis', -1]]);
      expect(model.graph.node.at(-1).output).toEqual(['output']);
      // B of each Gemm is the weights [in, out] as getWeights gives them (rounded to float32 in float32), C the biases
      model.graph.node.filter((n: any) => n.opType === 'Gemm').forEach((gemm: any, l: number) => {
        const [w, b] = gemm.input.slice(1).map((name: string) => model.graph.initializer.find((t: any) => t.name === name));
        expect(gemm.attribute).toEqual([]); // alpha 1, beta 1, no transposition
        expect(w.dims.map(Number)).toEqual([net.layers[l], net.layers[l + 1]]);
        expect(b.dims.map(Number)).toEqual([net.layers[l + 1]]);
        const read = (t: any) => {
          const raw: Uint8Array = t.rawData;
          const copy = raw.slice().buffer;
          return Array.from(precision === 'float32' ? new Float32Array(copy) : new Float64Array(copy));
        };
        const round = (values: Float64Array) => Array.from(values, (v) => (precision === 'float32' ? Math.fround(v) : v));
        expect(read(w)).toEqual(round(weights[l]));
        expect(read(b)).toEqual(round(biases[l]));
      });
      // ONNX Runtime reads the same names and shapes
      const session = await ort.InferenceSession.create(bytes);
      expect([session.inputNames, session.outputNames]).toEqual([['input'], ['output']]);
      const meta = (m: any) => [m.name, m.type, m.shape];
      expect([session.inputMetadata.map(meta), session.outputMetadata.map(meta)]).toEqual([[['input', precision, ['batch', 4]]], [['output', precision, ['batch', 3]]]]);
    }
    net.dispose();
  });

  it('a linear output layer ends on its Gemm; a single row is a batch of one', async () => {
    const net = await JsNetwork.create({ layers: [3, 2], activation: 'linear', seed: 1 });
    const bytes = toONNX(net);
    const model = onnx.ModelProto.decode(bytes);
    expect(model.graph.node.map((n: any) => [n.opType, n.output])).toEqual([['Gemm', ['output']]]);
    const { rows: got, dims } = await runModel(bytes, 'float32', [[1, -2, 0.5]], 2);
    expect(dims).toEqual([1, 2]);
    got[0].forEach((value, j) => expect(value).toBeCloseTo(net.predict([1, -2, 0.5])[j] as number, 5));
  });

  it('refuses an unknown precision or option, and a disposed network as every method does', async () => {
    const net: NeuralNetwork = await JsNetwork.create({ layers: [3, 2], seed: 1 });
    expectThrows(() => toONNX(net, { precision: 'float16' } as unknown as ONNXOptions), TypeError, ['toONNX', 'precision', "'float32'", "'float64'", 'string', '"float16"']);
    expectThrows(() => toONNX(net, { precison: 'float64' } as unknown as ONNXOptions), TypeError, ['unknown', 'toONNX', "'precison'", 'precision']);
    expectThrows(() => toONNX(net, 'float64' as unknown as ONNXOptions), TypeError, ['toONNX', 'options', 'object', 'string', '"float64"']);
    net.dispose();
    expectThrows(() => toONNX(net), Error, ['disposed']);
  });

  it('the library imports no package: the protobuf writer toONNX uses is bundled into neural-wasm/export alone', () => {
    for (const folder of ['dist', 'dist/cjs']) {
      const modules = readdirSync(folder).filter((name) => name.endsWith('.js') && name !== 'cli.js');
      const code = (name: string) => readFileSync(`${folder}/${name}`, 'utf8');
      const imported = modules.flatMap((name) => [...code(name).matchAll(/(?:\bfrom|\bimport|\brequire)\s*\(?\s*["']([^"']+)["']/g)].map((found) => found[1]));
      expect(imported.filter((specifier) => !/^(\.\.?\/|node:)/.test(specifier))).toEqual([]);
      // @bufbuild/protobuf's BinaryWriter encodes the model
      expect(modules.filter((name) => code(name).includes('BinaryWriter'))).toEqual(['export.js']);
    }
  });
});

describe('toONNX of a Model (neural-wasm/model): its scaling in front, its target after', async () => {
  const { Model } = await import('neural-wasm/model');
  type Described = ConstructorParameters<typeof Model>[1];
  const scaling = (method: 'standard' | 'none', width: number) => ({
    method, offset: Array.from({ length: width }, (_, c) => (method === 'none' ? 0 : c * 3 - 2)), scale: Array.from({ length: width }, (_, c) => (method === 'none' ? 1 : 0.5 + c)),
  });
  const cases: [string, number[], ActivationName[], Described][] = [
    ['3 classes (softmax)', [4, 6, 3], ['tanh', 'softmax'], { inputs: { columns: ['a', 'b', 'c', 'd'], scaling: scaling('standard', 4) }, target: { kind: 'classes', columns: ['y'], classes: ['p', 'q', 'r'] }, targetScaling: null }],
    ['2 classes (one sigmoid output)', [3, 5, 1], ['relu', 'sigmoid'], { inputs: { columns: ['a', 'b', 'c'], scaling: scaling('standard', 3) }, target: { kind: 'classes', columns: ['y'], classes: ['no', 'yes'] }, targetScaling: null }],
    ['values, scaled', [3, 4, 2], ['tanh', 'linear'], { inputs: { columns: ['a', 'b', 'c'], scaling: scaling('standard', 3) }, target: { kind: 'values', columns: ['u', 'v'] }, targetScaling: scaling('standard', 2) }],
    ['values, unscaled inputs and target', [2, 1], ['linear'], { inputs: { columns: ['a', 'b'], scaling: scaling('none', 2) }, target: { kind: 'values', columns: ['u'] }, targetScaling: scaling('none', 1) }],
  ];

  it.each(NETWORK_PRECISIONS.flatMap((netPrecision) => cases.map((c) => [netPrecision, ...c] as const)))('precision %s network, %s: ONNX Runtime on raw rows gives what Model#predict gives (probabilities and label, or values)', async (netPrecision, _, layers, activation, described) => {
    const model = new Model(await JsNetwork.create({ layers, activation, init: 'xavier', seed: 11, precision: netPrecision }), described);
    const input = rows(layers[0], 12, 5).map((row) => row.map((x, c) => x * 3 + c));
    const expected = model.predict(input) as ({ class: string; probabilities: number[] } | Float64Array)[];
    for (const precision of PRECISIONS) {
      const session = await ort.InferenceSession.create(toONNX(model, { precision }));
      const data = precision === 'float32' ? Float32Array.from(input.flat()) : Float64Array.from(input.flat());
      const result = await session.run({ input: new ort.Tensor(precision, data, [input.length, layers[0]]) });
      const close = (got: number, want: number) => expect(Math.abs(got - want)).toBeLessThanOrEqual(TOLERANCE[netPrecision][precision] * Math.max(1, Math.abs(want)));
      if (described.target.kind === 'classes') {
        const classes = described.target.classes;
        expect(session.outputNames).toEqual(['probabilities', 'label']);
        const probabilities = Array.from(result.probabilities.data as Float32Array);
        const labels = Array.from(result.label.data as BigInt64Array, Number);
        expected.forEach((answer, r) => {
          const { class: name, probabilities: want } = answer as { class: string; probabilities: number[] };
          want.forEach((p, c) => close(probabilities[r * classes.length + c], p));
          expect(classes[labels[r]]).toBe(name);
        });
      } else {
        const width = described.target.columns.length;
        const values = Array.from(result.output.data as Float32Array);
        expected.forEach((answer, r) => (answer as Float64Array).forEach((v, c) => close(values[r * width + c], v)));
      }
    }
    // the names travel as metadata
    const decoded = onnx.ModelProto.decode(toONNX(model));
    const metadata = Object.fromEntries(decoded.metadataProps.map((p: { key: string; value: string }) => [p.key, p.value]));
    expect(JSON.parse(metadata.columns)).toEqual(described.inputs.columns);
    if (described.target.kind === 'classes') expect(JSON.parse(metadata.classes)).toEqual(described.target.classes);
    model.network.dispose();
  });
});

describe('toONNX of a Model with categorical columns and missing values (Model.train): numbers in `input`, text in `categories`', async () => {
  const { Model } = await import('neural-wasm/model');
  // a mixed table: colour and open are text, size has missing values, the answers classes or a value
  function table(count: number, seed: number) {
    const random = testRandom(seed);
    const rows = Array.from({ length: count }, () => ({
      colour: ['red', 'green', 'blue', 'grey'][Math.floor(random() * 4)],
      size: random() < 0.15 ? null : Math.round(random() * 1000) / 10,
      open: random() < 0.5 ? 'yes' : 'no',
      weight: (random() - 0.5) * 6,
    }));
    const value = (row: (typeof rows)[number]) => (row.colour === 'red' ? 2 : row.colour === 'blue' ? -1 : 0) + (row.size ?? 50) / 25 + (row.open === 'yes' ? 1 : 0) + row.weight;
    return { rows, values: rows.map(value), classes: rows.map((row) => (value(row) > 4 ? 'high' : value(row) > 1 ? 'middle' : 'low')) };
  }
  const { rows: training, values, classes } = table(200, 3);
  // rows to answer: missing numbers (NaN in `input`), missing categories ('' and 'NA'), a colour never seen (all zeros)
  const asked = [
    ...table(12, 8).rows,
    { colour: '', size: 20, open: 'yes', weight: 1 },
    { colour: 'NA', size: null, open: 'no', weight: -2 },
    { colour: 'purple', size: 70, open: 'yes', weight: 0.5 },
    { colour: 'red', size: null, open: '?', weight: 0 },
  ];
  const feeds = (precision: 'float32' | 'float64') => ({
    input: new ort.Tensor(precision, (precision === 'float32' ? Float32Array : Float64Array).from(asked.flatMap((row) => [row.size ?? NaN, row.weight])), [asked.length, 2]),
    categories: new ort.Tensor('string', asked.flatMap((row) => [row.colour, row.open]), [asked.length, 2]),
  });

  it.each(NETWORK_PRECISIONS)('precision %s network: classes and values, ONNX Runtime gives what Model#predict gives on the same raw rows', async (netPrecision) => {
    const classModel = await Model.train(JsNetwork, training, classes, { epochs: 20, precision: netPrecision });
    const valueModel = await Model.train(JsNetwork, training, values, { task: 'regression', epochs: 20, precision: netPrecision });
    expect(classModel.inputs.types).toEqual(['categorical', 'numeric', 'categorical', 'numeric']);
    const expectedClasses = classModel.predict(asked);
    const expectedValues = valueModel.predict(asked);
    // the unseen colour and the missing ones are answered, each differently from a seen colour
    expect(new Set(expectedValues.slice(-4).map((v) => v[0])).size).toBe(4);
    for (const precision of PRECISIONS) {
      const close = (got: number, want: number) => expect(Math.abs(got - want)).toBeLessThanOrEqual(TOLERANCE[netPrecision][precision] * Math.max(1, Math.abs(want)));
      const classSession = await ort.InferenceSession.create(toONNX(classModel, { precision }));
      expect(classSession.inputNames).toEqual(['input', 'categories']);
      const { probabilities, label } = await classSession.run(feeds(precision));
      expectedClasses.forEach((answer, r) => {
        answer.probabilities.forEach((p, c) => close((probabilities.data as Float32Array)[r * 3 + c], p));
        expect(classModel.target.kind === 'classes' && classModel.target.classes[Number(label.data[r])]).toBe(answer.class);
      });
      const valueSession = await ort.InferenceSession.create(toONNX(valueModel, { precision }));
      const { output } = await valueSession.run(feeds(precision));
      expectedValues.forEach((answer, r) => close((output.data as Float32Array)[r], answer[0]));
    }
    // which column goes where travels as metadata
    const decoded = onnx.ModelProto.decode(toONNX(classModel));
    const metadata = Object.fromEntries(decoded.metadataProps.map((p: { key: string; value: string }) => [p.key, JSON.parse(p.value)]));
    expect(metadata).toMatchObject({ columns: ['colour', 'size', 'open', 'weight'], numericColumns: ['size', 'weight'], categoricalColumns: ['colour', 'open'], classes: ['high', 'low', 'middle'] });
    expect(decoded.opsetImport.map((o: { domain: string; version: number }) => [o.domain, Number(o.version)])).toEqual([['', ONNX_OPSET], ['ai.onnx.ml', 3]]);
    classModel.dispose();
    valueModel.dispose();
  });

  it("a numeric model's missing value (NaN) becomes the training median, as predict makes it; a model of only categories takes no `input`", async () => {
    const numeric = training.map((row) => ({ size: row.size, weight: row.weight }));
    const model = await Model.train(JsNetwork, numeric, values, { task: 'regression', epochs: 10 });
    const rowsAsked = [{ size: null, weight: 1 }, { size: 30, weight: 1 }];
    const expected = model.predict(rowsAsked);
    const session = await ort.InferenceSession.create(toONNX(model));
    expect(session.inputNames).toEqual(['input']);
    const { output } = await session.run({ input: new ort.Tensor('float32', Float32Array.of(NaN, 1, 30, 1), [2, 2]) });
    expected.forEach((answer, r) => expect(Math.abs((output.data as Float32Array)[r] - answer[0])).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(answer[0]))));
    model.dispose();
    const textOnly = await Model.train(JsNetwork, training.map((row) => ({ colour: row.colour, open: row.open })), classes, { epochs: 10 });
    const textSession = await ort.InferenceSession.create(toONNX(textOnly));
    expect(textSession.inputNames).toEqual(['categories']);
    const { label } = await textSession.run({ categories: new ort.Tensor('string', ['red', 'yes', 'blue', ''], [2, 2]) });
    const want = textOnly.predict([{ colour: 'red', open: 'yes' }, { colour: 'blue', open: '' }]);
    const names = textOnly.target.kind === 'classes' ? textOnly.target.classes : [];
    expect(Array.from(label.data as BigInt64Array, (i) => names[Number(i)])).toEqual(want.map((answer) => answer.class));
    textOnly.dispose();
  });
});

describe("a float32 model holds float32s: a constant past float32's range is refused by name", async () => {
  const { Model } = await import('neural-wasm/model');
  /** What a refusal names of a weight: its layer, its input and its output. */
  const weight = (layer: number, input: number, output: number): Part[] => ['weight', `layer ${layer}`, `input ${input}`, `output ${output}`];
  /** And of any constant: past float32's range, which a float32 model would hold as Infinity. */
  const BEYOND: Part[] = ["float32's range", 'Infinity'];

  it("a weight or a bias (the issue's weight of 1e39): refused in float32, before anything is written; float64 holds it and gives predict's outputs", async () => {
    const net = await JsNetwork.create({ layers: [2, 2], activation: 'softmax', seed: 1 });
    net.setWeights({ weights: [[1, 0, 1e39, 0]], biases: [[0, 0]] });
    // a RangeError of its own, for a caller to fall back to float64; it says so
    expectThrows(() => toONNX(net), Float32RangeError, ['toONNX', ...weight(0, 1, 0), '1e+39', ...BEYOND, "'float64'"]);
    const thrown = thrownBy(() => toONNX(net, { precision: 'float32' }));
    expectNamedError(thrown, Float32RangeError, [...weight(0, 1, 0), '1e+39', ...BEYOND]);
    expect(thrown).toBeInstanceOf(RangeError);
    const row = [0, 1e-39];
    const { rows: got } = await runModel(toONNX(net, { precision: 'float64' }), 'float64', [row], 2);
    const want = net.predict(row) as Float64Array;
    expect(want[0]).toBeCloseTo(0.731, 3); // e / (1 + e): the weight matters
    got[0].forEach((value, j) => expect(Math.abs(value - want[j])).toBeLessThanOrEqual(1e-12));
    net.setWeights({ weights: [[1, 0, 0, 0]], biases: [[0, -5e38]] });
    expectThrows(() => toONNX(net), Float32RangeError, ['bias', 'layer 0', 'output 1', '-5e+38', ...BEYOND]);
    // float32's largest and what rounds to it are float32s; past half its last step is Infinity
    net.setWeights({ weights: [[3.4028235e38, -3.4028234663852886e38, 0, 0]], biases: [[0, 0]] });
    expect(toONNX(net)).toBeInstanceOf(Uint8Array);
    net.setWeights({ weights: [[0, 0, 0, 3.4028235677973366e38]], biases: [[0, 0]] });
    expectThrows(() => toONNX(net), Float32RangeError, [...weight(0, 1, 1), '3.4028235677973366e+38', ...BEYOND]);
    net.dispose();
  });

  it("a Model's input or target scaling, by column (the issue's model of values near 1e39): refused in float32; float64 gives Model#predict's answers", async () => {
    const net = await JsNetwork.create({ layers: [2, 3, 1], activation: ['tanh', 'sigmoid'], init: 'xavier', seed: 4 });
    const none = { method: 'none' as const, offset: [0, 0], scale: [1, 1] };
    const classes = { kind: 'classes' as const, columns: ['y'], classes: ['p', 'q'] };
    const near1e39 = new Model(net, { inputs: { columns: ['a', 'b'], scaling: { method: 'standard', offset: [0, 2e39], scale: [1, 5e38] } }, target: classes, targetScaling: null });
    expectThrows(() => toONNX(near1e39), Float32RangeError, ['inputs.scaling.offset', "'b'", '2e+39', ...BEYOND]);
    const input = [[0.5, 2.1e39], [-1, 1.5e39], [2, 3e39]];
    const expected = near1e39.predict(input) as { class: string; probabilities: number[] }[];
    const session = await ort.InferenceSession.create(toONNX(near1e39, { precision: 'float64' }));
    const { probabilities, label } = await session.run({ input: new ort.Tensor('float64', Float64Array.from(input.flat()), [3, 2]) });
    expected.forEach((answer, r) => {
      answer.probabilities.forEach((p, c) => expect(Math.abs((probabilities.data as Float64Array)[r * 2 + c] - p)).toBeLessThanOrEqual(1e-12));
      expect(classes.classes[Number(label.data[r])]).toBe(answer.class);
    });
    const wideScale = new Model(net, { inputs: { columns: ['a', 'b'], scaling: { method: 'minmax', offset: [-1e39, 0], scale: [2e39, 1] } }, target: classes, targetScaling: null });
    expectThrows(() => toONNX(wideScale), Float32RangeError, ['inputs.scaling.offset', "'a'", '-1e+39', ...BEYOND]);
    const scaleOnly = new Model(net, { inputs: { columns: ['a', 'b'], scaling: { method: 'minmax', offset: [0, 0], scale: [1, 4e38] } }, target: classes, targetScaling: null });
    expectThrows(() => toONNX(scaleOnly), Float32RangeError, ['inputs.scaling.scale', "'b'", '4e+38', ...BEYOND]);
    const values = new Model(net, { inputs: { columns: ['a', 'b'], scaling: none }, target: { kind: 'values', columns: ['u'] }, targetScaling: { method: 'standard', offset: [1], scale: [7e38] } });
    expectThrows(() => toONNX(values), Float32RangeError, ['targetScaling.scale', "'u'", '7e+38', ...BEYOND]);
    expect(toONNX(values, { precision: 'float64' })).toBeInstanceOf(Uint8Array);
    // a scale float32 rounds to 0 (a column of values near 1e-46): the Div by 0 gave NaN probabilities
    const tiny = new Model(net, { inputs: { columns: ['a', 'b'], scaling: { method: 'standard', offset: [0, 1e-46], scale: [1, 2.9e-46] } }, target: classes, targetScaling: null });
    expectThrows(() => toONNX(tiny), Float32RangeError, ['inputs.scaling.scale', "'b'", '2.9e-46', 'float32', 'rounds to 0', "'float64'"]);
    const tinyTarget = new Model(net, { inputs: { columns: ['a', 'b'], scaling: none }, target: { kind: 'values', columns: ['u'] }, targetScaling: { method: 'standard', offset: [1], scale: [1e-50] } });
    expectThrows(() => toONNX(tinyTarget), Float32RangeError, ['targetScaling.scale', "'u'", '1e-50', 'rounds to 0']);
    const smallest = new Model(net, { inputs: { columns: ['a', 'b'], scaling: { method: 'standard', offset: [0, 0], scale: [1, 1.5e-45] } }, target: classes, targetScaling: null });
    expect(toONNX(smallest)).toBeInstanceOf(Uint8Array); // float32's smallest subnormal, 1.4e-45, is not 0
    net.dispose();
  });

  it('an input past float32\'s range is Infinity in a float32 graph: a tanh layer saturates as predict does; Infinities that meet in a sum give NaN, a relu passes Infinity on (docs/api.md)', async () => {
    const net = await JsNetwork.create({ layers: [3, 6, 3], activation: ['tanh', 'softmax'], init: 'xavier', seed: 2 });
    const model = new Model(net, { inputs: { columns: ['a', 'b', 'c'], scaling: { method: 'standard', offset: [1, 2, 3], scale: [2, 2, 2] } }, target: { kind: 'classes', columns: ['y'], classes: ['p', 'q', 'r'] }, targetScaling: null });
    const input = [[1e39, 0.5, 1], [0.5, -1e39, 1], [1e39, 1e39, -1e39]];
    expect(Array.from(Float32Array.from(input.flat()).slice(0, 2))).toEqual([Infinity, 0.5]);
    const session = await ort.InferenceSession.create(toONNX(model));
    const { probabilities } = await session.run({ input: new ort.Tensor('float32', Float32Array.from(input.flat()), [3, 3]) });
    const got = Array.from(probabilities.data as Float32Array);
    const expected = model.predict(input) as { probabilities: number[] }[];
    // one infinite input: each tanh unit it reaches is ±1, as predict's doubles make it
    for (const r of [0, 1]) expected[r].probabilities.forEach((p, c) => expect(Math.abs(got[r * 3 + c] - p)).toBeLessThanOrEqual(1e-5));
    // +Infinity and -Infinity in one unit's sum: NaN, where predict still answers
    expect(got.slice(6)).toEqual([NaN, NaN, NaN]);
    expect(expected[2].probabilities.every(Number.isFinite)).toBe(true);
    net.dispose();
    // a relu unit passes Infinity on: the output is Infinity, where predict gives 2e39
    const relu = await JsNetwork.create({ layers: [2, 1, 1], activation: ['relu', 'linear'], seed: 1 });
    relu.setWeights({ weights: [[1, 1], [2]], biases: [[0], [0]] });
    const { rows: passed } = await runModel(toONNX(relu), 'float32', [[1e39, 0]], 1);
    expect([passed[0][0], (relu.predict([1e39, 0]) as Float64Array)[0]]).toEqual([Infinity, 2e39]);
    relu.dispose();
  });
});
