// fromTensorFlowJS (neural-wasm/import): models built and saved by TensorFlow.js itself (in memory,
// with tf.io.withSaveHandler) import into every build with the same layers, activations and
// weights (each float32 exactly), and predict what tfjs predicts (float32, so to 1e-6); from the
// in-memory artifacts and from the saved files. Every refusal names the layer or option, with
// nothing created.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { fromTensorFlowJS, tensorFlowJSWeightGroups, type NetworkClass, type TensorFlowJSModel } from 'neural-wasm/import';
import { InputShapeError, type ActivationName, type NeuralNetwork } from 'neural-wasm';
import { builds, JsNetwork, testRandom } from './builds';
import { expectRejects, expectThrows, type ErrorClass, type Part } from './errors';

/** What a refusal of a loss names as this library's own losses. */
const LOSSES: Part[] = ["'mse'", "'binaryCrossEntropy'", "'crossEntropy'"];

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** What model.save() hands a save handler (tfjs's own type: fromTensorFlowJS takes it as it is). */
async function save(model: tf.LayersModel, includeOptimizer = false): Promise<tf.io.ModelArtifacts> {
  let saved: tf.io.ModelArtifacts | undefined;
  const handler = tf.io.withSaveHandler(async (artifacts) => {
    saved = artifacts;
    return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
  });
  await model.save(handler, { includeOptimizer });
  return saved!;
}

/** Every weight and bias from a seeded generator, in [-1, 1) (tfjs's own start biases at zero). */
function seedWeights(model: tf.LayersModel, seed: number): tf.LayersModel {
  const random = testRandom(seed);
  model.setWeights(model.getWeights().map((w) => tf.tensor(Array.from({ length: w.size }, () => 2 * random() - 1), w.shape)));
  return model;
}

function rows(width: number, count: number, seed: number): number[][] {
  const random = testRandom(seed);
  return Array.from({ length: count }, () => Array.from({ length: width }, () => 4 * random() - 2));
}

/** tfjs's predictions (float32) and ours agree to 1e-6, relative to the value or 1. */
function expectSamePredictions(net: NeuralNetwork, model: tf.LayersModel): void {
  const inputs = rows(net.inputSize, 25, 3);
  const expected = (model.predict(tf.tensor2d(inputs)) as tf.Tensor).arraySync() as number[][];
  net.predict(inputs).forEach((row, r) => {
    expect(row.length).toBe(expected[r].length);
    row.forEach((value, c) => expect(Math.abs(value - expected[r][c])).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(expected[r][c]))));
  });
}

const dense = (config: Parameters<typeof tf.layers.dense>[0]) => tf.layers.dense(config);
const sequential = (layers: tf.layers.Layer[]) => tf.sequential({ layers });

// [what, model, the activations we expect, our loss]
const MODELS: [string, () => tf.LayersModel, ActivationName[], string][] = [
  ['one linear Dense', () => sequential([dense({ units: 1, inputShape: [3] })]), ['linear'], 'mse'],
  ...(['sigmoid', 'tanh', 'relu'] as const).map((activation): [string, () => tf.LayersModel, ActivationName[], string] => [
    `two Dense, ${activation} hidden`,
    () => sequential([dense({ units: 5, inputShape: [4], activation }), dense({ units: 2 })]),
    [activation, 'linear'],
    'mse',
  ]),
  [
    'three Dense with a softmax output',
    () => sequential([dense({ units: 6, inputShape: [4], activation: 'tanh' }), dense({ units: 5, activation: 'relu' }), dense({ units: 3, activation: 'softmax' })]),
    ['tanh', 'relu', 'softmax'],
    'crossEntropy',
  ],
  [
    'use_bias false',
    () => sequential([dense({ units: 4, inputShape: [3], activation: 'relu', useBias: false }), dense({ units: 1, activation: 'sigmoid', useBias: false })]),
    ['relu', 'sigmoid'],
    'mse',
  ],
  [
    'activation layers and Dropout after linear Dense layers',
    () => sequential([
      dense({ units: 6, inputShape: [3] }), tf.layers.dropout({ rate: 0.5 }), tf.layers.activation({ activation: 'tanh' }),
      dense({ units: 5 }), tf.layers.leakyReLU({ alpha: 0.01 }),
      dense({ units: 4 }), tf.layers.reLU(), tf.layers.activation({ activation: 'linear' }),
      dense({ units: 3 }), tf.layers.activation({ activation: 'softmax' }),
    ]),
    ['tanh', 'leakyRelu', 'relu', 'softmax'],
    'crossEntropy',
  ],
  [
    'a Functional model from an Input',
    () => {
      const input = tf.input({ shape: [5] });
      const hidden = dense({ units: 7, activation: 'sigmoid' }).apply(input) as tf.SymbolicTensor;
      return tf.model({ inputs: input, outputs: dense({ units: 2, activation: 'tanh' }).apply(hidden) as tf.SymbolicTensor });
    },
    ['sigmoid', 'tanh'],
    'mse',
  ],
];

describe.each(builds.flatMap(([name, Network]) => (['f64', 'f32'] as const).map((precision) => [name, precision, Network] as const)))(
  'fromTensorFlowJS, %s build at %s', (_, precision, Network) => {
  it.each(MODELS)('%s: the same layers, every weight exactly, the same predictions', async (__, build, activation, loss) => {
    const model = seedWeights(build(), 7);
    const net = await fromTensorFlowJS(Network, await save(model), { precision });
    expect(net.precision).toBe(precision);
    expect(net).toBeInstanceOf(Network);
    expect(net.activation).toEqual(activation);
    expect(net.loss).toBe(loss);
    // each float32 is a double exactly: the kernels of the Dense layers, and their biases or zeros
    const kernels = model.layers.filter((layer) => layer.getClassName() === 'Dense');
    expect(net.layers).toEqual([kernels[0].getWeights()[0].shape[0], ...kernels.map((layer) => layer.getWeights()[0].shape[1])]);
    const { weights, biases } = net.getWeights();
    kernels.forEach((layer, l) => {
      const [kernel, bias] = layer.getWeights();
      expect(weights[l]).toEqual(Float64Array.from(kernel.dataSync()));
      expect(biases[l]).toEqual(bias ? Float64Array.from(bias.dataSync()) : new Float64Array(kernel.shape[1]!));
    });
    expectSamePredictions(net, model);
    net.dispose();
  });
});

describe('fromTensorFlowJS', () => {
  const twoLayers = () => seedWeights(sequential([dense({ units: 5, inputShape: [4], activation: 'relu' }), dense({ units: 3, activation: 'softmax' })]), 11);

  it('imports the saved files: model.json (object or text) and its .bin shards (ArrayBuffers or Buffers)', async () => {
    const model = twoLayers();
    const { modelTopology, weightSpecs, weightData, format, generatedBy } = await save(model);
    const bytes = new Uint8Array(weightData as ArrayBuffer);
    // two shards, cut mid-value as a size limit may cut them
    const shards = [bytes.slice(0, 30).buffer, bytes.slice(30).buffer];
    const modelJSON = { format, generatedBy, modelTopology, weightsManifest: [{ paths: ['group1-shard1of2.bin', 'group1-shard2of2.bin'], weights: weightSpecs }] };
    for (const files of [
      { modelJSON, weights: shards },
      { modelJSON: JSON.stringify(modelJSON), weights: shards.map((shard) => Buffer.from(shard)) },
      { modelJSON, weights: Buffer.from(bytes) }, // all shards in one
    ]) {
      const net = await fromTensorFlowJS(JsNetwork, files);
      expect(net.layers).toEqual([4, 5, 3]);
      expectSamePredictions(net, model);
    }
    // the in-memory form may have its weight data in several buffers too (tfjs 4)
    expectSamePredictions(await fromTensorFlowJS(JsNetwork, { modelTopology, weightSpecs, weightData: shards }), model);
  });

  it('reads float64 weights as they are', async () => {
    const model = twoLayers();
    const artifacts = await save(model);
    const doubles = new Float64Array(new Float32Array(artifacts.weightData as ArrayBuffer)).map((x) => x + 1e-9);
    const net = await fromTensorFlowJS(JsNetwork, {
      ...artifacts,
      weightSpecs: artifacts.weightSpecs!.map((spec) => ({ ...spec, dtype: 'float64' })),
      weightData: doubles.buffer,
    });
    const { weights, biases } = net.getWeights();
    expect(new Float64Array([...weights[0], ...biases[0], ...weights[1], ...biases[1]])).toEqual(doubles);
  });

  it("takes the loss from the model's training config, options.loss over it, and skips the optimizer's weights", async () => {
    const cases: [string, string][] = [['meanSquaredError', 'mse'], ['binaryCrossentropy', 'binaryCrossEntropy'], ['categoricalCrossentropy', 'crossEntropy']];
    for (const [tfLoss, ours] of cases) {
      const model = twoLayers();
      model.compile({ loss: tfLoss, optimizer: 'adam' });
      await model.fit(tf.ones([2, 4]), tf.tensor2d([[1, 0, 0], [0, 1, 0]]), { epochs: 1 });
      const artifacts = await save(model, true);
      expect(artifacts.weightSpecs!.some((spec) => spec.group === 'optimizer')).toBe(true);
      const net = await fromTensorFlowJS(JsNetwork, artifacts);
      expect(net.loss).toBe(ours);
      expectSamePredictions(net, model);
      expect((await fromTensorFlowJS(JsNetwork, artifacts, { loss: 'mse', seed: 4 })).loss).toBe('mse');
    }
    // a loss we do not have is refused, unless options.loss chooses one
    const model = twoLayers();
    model.compile({ loss: 'meanAbsoluteError', optimizer: 'sgd' });
    const artifacts = await save(model, true);
    await expectRejects(fromTensorFlowJS(JsNetwork, artifacts), RangeError, ['training loss', '"mean_absolute_error"', 'not supported', ...LOSSES, 'options.loss']);
    const net = await fromTensorFlowJS(JsNetwork, artifacts, { loss: 'crossEntropy', seed: 4 });
    expect([net.loss, net.seed]).toEqual(['crossEntropy', 4]);
  });

  it("reads a Keras-converted model.json: the topology in model_config, the loss in training_config, scoped weight names", async () => {
    const model = twoLayers();
    const { modelTopology, weightSpecs, weightData } = await save(model);
    const converted = {
      modelTopology: { keras_version: '2.15.0', backend: 'tensorflow', model_config: modelTopology, training_config: { loss: 'categorical_crossentropy' } },
      weightsManifest: [{ paths: ['group1-shard1of1.bin'], weights: weightSpecs!.map((spec) => ({ ...spec, name: `sequential/${spec.name}:0` })) }],
    };
    const net = await fromTensorFlowJS(JsNetwork, { modelJSON: converted, weights: [weightData as ArrayBuffer] });
    expect(net.loss).toBe('crossEntropy');
    expectSamePredictions(net, model);
  });
});

describe('fromTensorFlowJS refuses, naming the layer or option, before it creates anything', () => {
  // a class whose create would record the call: a refusal never gets that far
  const created: unknown[] = [];
  const Spy: NetworkClass = { create: async (options) => (created.push(options), JsNetwork.create(options)) };
  /** Refused with an error of class `error` whose message names every part (test/errors.ts), before any create. */
  const refuse = async (model: TensorFlowJSModel | unknown, error: ErrorClass, parts: Part[], options?: object) => {
    await expectRejects(fromTensorFlowJS(Spy, model as TensorFlowJSModel, options), error, ['fromTensorFlowJS', ...parts]);
    expect(created).toEqual([]);
  };
  const named = (build: () => tf.LayersModel) => async () => save(build());
  // what a refusal names as this library's own activations, and the layers it imports
  const HAVE: Part[] = ["'linear'", "'sigmoid'", "'tanh'", "'relu'", "'softmax'", 'output layer only', 'LeakyReLU', '0.01'];
  const LAYERS: Part[] = ['Dense', 'InputLayer', 'Activation', 'ReLU', 'LeakyReLU', '0.01', 'Dropout'];

  const layerCases: [string, () => Promise<tf.io.ModelArtifacts>, Part[]][] = [
    ['another layer class', named(() => sequential([dense({ units: 3, inputShape: [2], name: 'd' }), tf.layers.batchNormalization({ name: 'norm' })])),
      ["'norm'", 'BatchNormalization', 'not supported', ...LAYERS]],
    ['an activation we lack on a Dense', named(() => sequential([dense({ units: 3, inputShape: [2], activation: 'elu', name: 'd' })])),
      ["'d'", 'Dense', 'activation', "'elu'", 'not supported', ...HAVE]],
    ['an activation we lack on an Activation layer', named(() => sequential([dense({ units: 3, inputShape: [2], name: 'd' }), tf.layers.activation({ activation: 'selu', name: 'act' })])),
      ["'act'", 'Activation', 'activation', "'selu'", 'not supported', ...HAVE]],
    ['softplus', named(() => sequential([dense({ units: 3, inputShape: [2], activation: 'softplus', name: 'd' })])),
      ["'d'", 'Dense', 'activation', "'softplus'", 'not supported', ...HAVE]],
    ['a hidden softmax', named(() => sequential([dense({ units: 3, inputShape: [2], activation: 'softmax', name: 'd1' }), dense({ units: 2, name: 'd2' })])),
      ["'d1'", 'Dense', "'softmax'", 'hidden layer', 'not supported', 'output layer only']],
    ['a softmax of one unit', named(() => sequential([dense({ units: 2, inputShape: [2], name: 'd1' }), dense({ units: 1, name: 'd2' }), tf.layers.activation({ activation: 'softmax', name: 'act' })])),
      ["'act'", 'Activation', "'softmax'", '1 unit', 'not supported', 'at least 2 units']],
    ['a LeakyReLU of another slope', named(() => sequential([dense({ units: 3, inputShape: [2], name: 'd' }), tf.layers.leakyReLU({ name: 'leaky' })])),
      ["'leaky'", 'LeakyReLU', 'alpha', '0.3', 'not supported', '0.01']],
    ['a capped ReLU', named(() => sequential([dense({ units: 3, inputShape: [2], name: 'd' }), tf.layers.reLU({ maxValue: 6, name: 'relu6' })])),
      ["'relu6'", 'ReLU', 'max_value', '6', 'not supported', 'plain relu']],
    ['a second activation on a Dense', named(() => sequential([dense({ units: 3, inputShape: [2], activation: 'relu', name: 'd' }), tf.layers.activation({ activation: 'tanh', name: 'act' })])),
      ["'act'", 'Activation', "'d'", 'Dense', "'relu'", 'not supported', 'one activation per Dense layer', 'linear']],
    ['an activation before any Dense', named(() => sequential([tf.layers.activation({ activation: 'tanh', inputShape: [2], name: 'act' }), dense({ units: 3, name: 'd' })])),
      ["'act'", 'Activation', 'before any Dense layer', 'not supported']],
    ['inputs that are not rows', named(() => sequential([dense({ units: 3, inputShape: [2, 4], name: 'd' })])),
      ["'d'", 'Dense', 'input shape', '[null,2,4]', 'not supported', '[null, n]']],
    ['a branch', named(() => {
      const input = tf.input({ shape: [3], name: 'in' });
      const a = dense({ units: 2, name: 'a' }).apply(input) as tf.SymbolicTensor;
      const b = dense({ units: 2, name: 'b' }).apply(input) as tf.SymbolicTensor;
      return tf.model({ inputs: input, outputs: tf.layers.add({ name: 'sum' }).apply([a, b]) as tf.SymbolicTensor });
    }), ["'b'", 'Dense', "'in'", 'not supported', 'one chain']],
    ['two outputs', named(() => {
      const input = tf.input({ shape: [3], name: 'in' });
      const a = dense({ units: 2, name: 'a' }).apply(input) as tf.SymbolicTensor;
      return tf.model({ inputs: input, outputs: [a, dense({ units: 1, name: 'b' }).apply(a) as tf.SymbolicTensor] });
    }), ['2 outputs', 'not supported', 'one input', 'one output']],
  ];
  it.each(layerCases)('%s', async (_, artifacts, parts) => {
    await refuse(await artifacts(), RangeError, parts);
  });

  it('weights that are missing, mis-shaped, of another dtype, quantized, not finite, or more or less than the specs say', async () => {
    const artifacts = await save(sequential([dense({ units: 3, inputShape: [2], name: 'd' })]));
    const specs = artifacts.weightSpecs!;
    const data = artifacts.weightData as ArrayBuffer; // kernel 2 x 3, then bias 3: 36 bytes
    await refuse({ ...artifacts, weightSpecs: specs.slice(0, 1), weightData: data.slice(0, 24) },
      InputShapeError, ["'d'", 'Dense', "'d/bias'", 'weight specs', 'once', 'none']);
    await refuse({ ...artifacts, weightSpecs: [specs[0], specs[1], { ...specs[1], name: 'other/d/bias' }], weightData: new ArrayBuffer(48) },
      InputShapeError, ["'d'", 'Dense', "'d/bias'", 'weight specs', 'once', '2', "'d/bias'", "'other/d/bias'"]);
    await refuse({ ...artifacts, weightSpecs: [{ ...specs[0], shape: [3, 2] }, specs[1]] },
      InputShapeError, ["'d'", 'Dense', "'d/kernel'", 'shape', '[2, 3]', 'inputs x units', '[3, 2]']);
    await refuse({ ...artifacts, weightSpecs: [specs[0], { ...specs[1], shape: [1, 3] }] },
      InputShapeError, ["'d'", 'Dense', "'d/bias'", 'shape', '[3]', 'units', '[1, 3]']);
    await refuse({ ...artifacts, weightSpecs: [{ ...specs[0], dtype: 'int32' }, specs[1]] },
      RangeError, ["'d'", 'Dense', "'d/kernel'", 'dtype', "'float32'", "'float64'", '"int32"']);
    await refuse({ ...artifacts, weightSpecs: [specs[0], { ...specs[1], dtype: 'string' }] },
      RangeError, ["'d/bias'", 'dtype', "'string'", 'not supported', 'float32', 'float64']);
    await refuse({ ...artifacts, weightSpecs: [{ ...specs[0], quantization: { dtype: 'uint8', scale: 1, min: 0 } }, specs[1]] },
      RangeError, ["'d/kernel'", 'quantized', 'not supported', 'without quantization']);
    const nan = new Float32Array(9).fill(0.5);
    nan[4] = NaN;
    await refuse({ ...artifacts, weightData: nan.buffer }, RangeError, ["'d'", 'Dense', "'d/kernel'", '[4]', 'finite number', 'NaN']);
    await refuse({ ...artifacts, weightData: data.slice(0, 32) }, InputShapeError, ['weight data', '36 bytes', '32 bytes']);
    await refuse({ ...artifacts, weightData: [data, new ArrayBuffer(4)] }, InputShapeError, ['weight data', '36 bytes', '40 bytes']);
    const modelJSON = { modelTopology: artifacts.modelTopology, weightsManifest: [{ paths: ['a.bin', 'b.bin'], weights: specs }] };
    await refuse({ modelJSON, weights: [data] },
      InputShapeError, ['weights', 'one buffer per path', 'weightsManifest', '2', 'a.bin', 'b.bin', 'array of 1']);
  });

  it("names from the file that are the names of Object's own properties are refused by name, as any other", async () => {
    const artifacts = await save(sequential([dense({ units: 3, inputShape: [2], name: 'd' })]));
    const specs = artifacts.weightSpecs!;
    for (const dtype of ['__proto__', 'constructor', 'toString']) {
      await refuse({ ...artifacts, weightSpecs: [specs[0], { ...specs[1], dtype }] },
        RangeError, ["'d/bias'", 'dtype', `'${dtype}'`, 'not supported', 'float32', 'float64']);
    }
    for (const loss of ['constructor', '__proto__', 'hasOwnProperty']) {
      await refuse({ ...artifacts, trainingConfig: { loss } },
        RangeError, ['training loss', `"${loss}"`, 'not supported', ...LOSSES, 'options.loss']);
    }
  });

  it('a value nested 100,000 deep (an input shape, an activation, a loss) is named in a bounded message, without exhausting the stack', async () => {
    const artifacts = await save(sequential([dense({ units: 3, inputShape: [2], name: 'd' })]));
    const deep = JSON.parse('['.repeat(100_000) + ']'.repeat(100_000));
    const topology = artifacts.modelTopology as { config: { layers: { config: Record<string, unknown> }[] } };
    const withLayer = (config: Record<string, unknown>) => ({ ...artifacts, modelTopology: { ...topology, config: { ...topology.config, layers: [{ ...topology.config.layers[0], config: { ...topology.config.layers[0].config, ...config } }] } } });
    await refuse(withLayer({ batch_input_shape: deep }),
      RangeError, ["'d'", 'Dense', 'input shape', '[[[…]]]', 'not supported', '[null, n]']);
    await refuse(withLayer({ activation: deep }), RangeError, ["'d'", 'Dense', 'activation', '[[[…]]]', 'not supported', ...HAVE]);
    await refuse({ ...artifacts, trainingConfig: { loss: { deep } } }, RangeError, ['training loss', '{"deep":[[…]]}', 'not supported', ...LOSSES, 'options.loss']);
  });

  it('a model that is not a layers model, or not given as one; a bad class or option', async () => {
    const artifacts = await save(sequential([dense({ units: 3, inputShape: [2], name: 'd' })]));
    const EXPECTED: Part[] = ['model', '{ modelTopology, weightSpecs, weightData }', '{ modelJSON, weights }'];
    await refuse(null, TypeError, [...EXPECTED, 'null']);
    await refuse({ weightData: new ArrayBuffer(4) }, TypeError, [...EXPECTED, 'object']);
    await refuse({ ...artifacts, modelTopology: { node: [] } }, TypeError, ['modelTopology', "layers model's topology", '{ class_name, config }', 'object']);
    await refuse({ ...artifacts, format: 'graph-model' }, RangeError, ['graph model', "'graph-model'", 'not supported', 'layers models']);
    await refuse({ ...artifacts, modelTopology: { class_name: 'Bidirectional', config: {} } }, RangeError, ["'Bidirectional'", 'not supported', 'Sequential', 'Functional', 'one chain']);
    await refuse({ ...artifacts, weightSpecs: undefined }, TypeError, ['weightSpecs', '{ name, shape, dtype }', 'undefined']);
    await refuse({ ...artifacts, weightSpecs: [{ name: 'd/kernel', shape: [2, -3], dtype: 'float32' }] }, TypeError, ['weightSpecs[0]', '{ name, shape, dtype }', 'object']);
    await refuse({ ...artifacts, weightData: [1, 2] }, TypeError, ['weightData[0]', 'ArrayBuffer', '1']);
    const parseError = (() => {
      try {
        JSON.parse('{"modelTopology":');
      } catch (error) {
        return (error as Error).message; // the engine's words
      }
    })();
    await refuse({ modelJSON: '{"modelTopology":', weights: [] }, SyntaxError, ['modelJSON', 'parse', parseError!]);
    await refuse({ modelJSON: { modelTopology: artifacts.modelTopology }, weights: [] }, TypeError, ['modelJSON.weightsManifest', '{ paths, weights }', 'undefined']);
    await refuse({ modelJSON: {}, weights: [], extra: 1 }, TypeError, ['unknown', 'model', 'key', "'extra'", 'modelJSON', 'weights']);
    await refuse(artifacts, TypeError, ['unknown', 'option', "'seeds'", 'loss', 'seed', 'precision'], { seeds: 1 });
    await refuse(artifacts, RangeError, ['options.precision', "'f64'", "'f32'", '"f16"'], { precision: 'f16' });
    await refuse(artifacts, RangeError, ['options.loss', ...LOSSES, '"mae"'], { loss: 'mae' });
    await expectRejects(fromTensorFlowJS({} as NetworkClass, artifacts), TypeError, [
      'fromTensorFlowJS', 'Network', 'NeuralNetwork class', 'neural-wasm', 'neural-wasm/js', 'neural-wasm/baseline', 'object',
    ]);
    // the spy does see a create that happens
    (await fromTensorFlowJS(Spy, artifacts)).dispose();
    expect(created).toHaveLength(1);
  });
});

describe('tensorFlowJSWeightGroups: the bytes each weightsManifest group declares, for reading its files safely', () => {
  it("each group's paths and the bytes of its specs (shape x dtype size), checked as fromTensorFlowJS checks them", async () => {
    const artifacts = await save(sequential([dense({ units: 3, inputShape: [2], name: 'd1' }), dense({ units: 2, name: 'd2' })]));
    const [k1, b1, k2, b2] = artifacts.weightSpecs!;
    const modelJSON = {
      modelTopology: artifacts.modelTopology,
      weightsManifest: [{ paths: ['a.bin', 'b.bin'], weights: [k1, b1] }, { paths: ['c.bin'], weights: [k2, { ...b2, dtype: 'float64' }] }],
    };
    // 6 + 3 float32 values; 6 float32 and 2 float64
    const groups = [{ paths: ['a.bin', 'b.bin'], bytes: 36 }, { paths: ['c.bin'], bytes: 40 }];
    expect(tensorFlowJSWeightGroups(modelJSON)).toEqual(groups);
    expect(tensorFlowJSWeightGroups(JSON.stringify(modelJSON))).toEqual(groups);
    const badDtype = { ...modelJSON, weightsManifest: [{ paths: ['a.bin'], weights: [{ ...k1, dtype: '__proto__' }] }] };
    expectThrows(() => tensorFlowJSWeightGroups(badDtype), RangeError, ["'d1/kernel'", 'dtype', "'__proto__'", 'not supported', 'float32', 'float64']);
    expectThrows(() => tensorFlowJSWeightGroups({ ...modelJSON, weightsManifest: [{ paths: [['a.bin']], weights: [k1] }] }), TypeError, [
      'modelJSON.weightsManifest[0].paths[0]', "weight file's path", 'array of 1',
    ]);
    expectThrows(() => tensorFlowJSWeightGroups({}), TypeError, ['modelJSON.weightsManifest', '{ paths, weights }', 'undefined']);
  });
});
