// A TensorFlow.js layers model (model.json and its weights, as model.save() writes them and
// tfjs-converter makes them from Keras) as a NeuralNetwork, when it is a chain of Dense layers with
// activations this library has. Everything is read and checked first, and the first layer or
// option without an equivalent here is refused by name; only then is a network created.
//
// The caller passes the NeuralNetwork class to create with: this module then imports no core (the
// entry stays small, and loads no .wasm by itself), the caller's choice of build (neural-wasm,
// /baseline or /js) holds, and the network is an instance of the very class the caller has.
import type { NeuralNetwork } from './network.js';
import type { ActivationName, LossName } from './names.js';
import type { NetworkOptions, Precision } from './network-options.js';
import { typeError, rangeError, shapeError, unknownOption, unknownKey, unknownName, unsupported, preview } from './errors.js';

/** A NeuralNetwork class of any build: `NeuralNetwork` from neural-wasm, neural-wasm/js or neural-wasm/baseline. */
export interface NetworkClass<N extends NeuralNetwork = NeuralNetwork> {
  create(options: NetworkOptions): Promise<N>;
}

/** One entry of tfjs's weightSpecs (or of a weightsManifest group's `weights`). */
export interface TensorFlowJSWeightSpec {
  name: string;
  shape: number[];
  dtype: string;
  group?: string;
  quantization?: unknown;
}

type Bytes = ArrayBuffer | ArrayBufferView;

/** tfjs's in-memory ModelArtifacts, as a save handler (`tf.io.withSaveHandler`) receives them. */
export interface TensorFlowJSArtifacts {
  modelTopology?: unknown;
  weightSpecs?: TensorFlowJSWeightSpec[];
  /** One buffer, or several in order (tfjs 4 may give an array). */
  weightData?: Bytes | readonly Bytes[];
  trainingConfig?: unknown;
  format?: string;
}

/** The saved files: model.json (parsed, or its text) and its .bin files in weightsManifest order. */
export interface TensorFlowJSFiles {
  modelJSON: object | string;
  /** One buffer per path of the manifest, in order, or all of them in one. */
  weights: Bytes | readonly Bytes[];
}

export type TensorFlowJSModel = TensorFlowJSArtifacts | TensorFlowJSFiles;

/** One group of model.json's weightsManifest: its weight files, and the bytes its weight specs take. */
export interface TensorFlowJSWeightGroup {
  /** The files' paths as the manifest has them (relative to model.json's folder). */
  paths: string[];
  /** The bytes of the group's weight specs (shape x dtype size): its files hold this many together, so no one file of it holds more. */
  bytes: number;
}

export interface TensorFlowJSImportOptions {
  /** The loss for later fit and evaluate. Default: the model's training loss, else 'crossEntropy' for a softmax output and 'mse' for any other. */
  loss?: LossName;
  /** The network's seed (for later training). Default: random. */
  seed?: number;
  /** The network's precision (NetworkOptions.precision): 'f64' (default) or 'f32'; a tfjs model's float32 weights are exact in either. */
  precision?: Precision;
}

const OPTION_KEYS = ['loss', 'seed', 'precision'];
const PRECISION_NAMES: readonly Precision[] = ['f64', 'f32'];
const LOSS_NAMES: readonly LossName[] = ['mse', 'binaryCrossEntropy', 'crossEntropy'];
// Keras' and tfjs's loss names, lower case without underscores (files write snake_case; Keras 3 may write the class name)
const LOSSES: Record<string, LossName> = {
  mse: 'mse',
  meansquarederror: 'mse',
  binarycrossentropy: 'binaryCrossEntropy',
  categoricalcrossentropy: 'crossEntropy',
};
const ACTIVATIONS: Record<string, ActivationName> = { linear: 'linear', sigmoid: 'sigmoid', tanh: 'tanh', relu: 'relu', softmax: 'softmax' };
const HAVE_ACTIVATIONS = "neural-wasm has 'linear', 'sigmoid', 'tanh', 'relu', 'softmax' (output layer only), and a LeakyReLU layer of alpha 0.01";
const HAVE_LAYERS = 'neural-wasm imports Dense layers, with InputLayer, Activation, ReLU, LeakyReLU (alpha 0.01) and Dropout layers';
// the bytes of one value of each dtype tfjs writes (the ones no layer uses are skipped over)
const DTYPE_BYTES: Record<string, number> = { float32: 4, float64: 8, int32: 4, bool: 1, complex64: 8 };

interface Layer {
  name: string;
  className: string;
  config: Record<string, unknown>;
}

interface DenseLayer {
  layer: Layer;
  units: number;
  activation: ActivationName;
  /** the layer that set the activation: the Dense itself, or an activation layer after it */
  activationFrom: Layer;
  kernel: Float64Array;
  bias: Float64Array;
}

/**
 * A NeuralNetwork of class `Network` with the layers, activations and weights of a TensorFlow.js
 * layers model: `model` is what a save handler receives, or the saved files.
 */
export async function fromTensorFlowJS<N extends NeuralNetwork>(
  Network: NetworkClass<N>,
  model: TensorFlowJSModel,
  options: TensorFlowJSImportOptions = {},
): Promise<N> {
  if (typeof (Network as Partial<NetworkClass> | null)?.create !== 'function') {
    throw typeError('fromTensorFlowJS Network', 'a NeuralNetwork class (of neural-wasm, neural-wasm/js or neural-wasm/baseline)', Network);
  }
  if (typeof options !== 'object' || options === null) throw typeError('fromTensorFlowJS options', 'an object', options);
  for (const key of Object.keys(options)) {
    if (!OPTION_KEYS.includes(key)) throw unknownOption('fromTensorFlowJS options', key, OPTION_KEYS);
  }
  if (options.loss !== undefined && !LOSS_NAMES.includes(options.loss)) throw unknownName('fromTensorFlowJS options.loss', options.loss, LOSS_NAMES);
  if (options.precision !== undefined && !PRECISION_NAMES.includes(options.precision)) {
    throw unknownName('fromTensorFlowJS options.precision', options.precision, PRECISION_NAMES);
  }

  const source = readSource(model);
  const weights = new WeightReader(source.specs, source.data);
  const dense = readDenseLayers(readLayers(source.topology), weights);
  const output = dense.at(-1)!;
  const loss = options.loss ?? trainingLoss(source.trainingConfig) ?? (output.activation === 'softmax' ? 'crossEntropy' : 'mse');

  const net = await Network.create({
    layers: [dense[0].kernel.length / dense[0].units, ...dense.map((d) => d.units)],
    activation: dense.map((d) => d.activation),
    loss,
    init: 'xavier', // stored with the model; the weights are the imported ones
    seed: options.seed,
    precision: options.precision,
  });
  try {
    net.setWeights({ weights: dense.map((d) => d.kernel), biases: dense.map((d) => d.bias) });
  } catch (error) {
    net.dispose();
    throw error;
  }
  return net;
}

/**
 * model.json's weight files, group by group, with the bytes each group's specs declare, checked as
 * fromTensorFlowJS checks them: for reading a model's files safely (none larger than its group
 * declares) before passing their bytes to fromTensorFlowJS; docs/api.md shows how.
 */
export function tensorFlowJSWeightGroups(modelJSON: object | string): TensorFlowJSWeightGroup[] {
  return readManifest(parseModelJSON(modelJSON)).map(({ paths, specs }) => ({ paths, bytes: specs.reduce((sum, spec) => sum + specBytes(spec), 0) }));
}

interface Source {
  topology: Record<string, unknown>;
  specs: TensorFlowJSWeightSpec[];
  data: Uint8Array;
  trainingConfig: unknown;
}

const EXPECTED_MODEL = "tfjs model artifacts { modelTopology, weightSpecs, weightData } or the saved files { modelJSON, weights }";

function readSource(model: unknown): Source {
  if (!isObject(model)) throw typeError('fromTensorFlowJS model', EXPECTED_MODEL, model);
  if ('modelJSON' in model) {
    for (const key of Object.keys(model)) {
      if (key !== 'modelJSON' && key !== 'weights') throw unknownKey('fromTensorFlowJS model', key, ['modelJSON', 'weights']);
    }
    const json = parseModelJSON(model.modelJSON);
    const groups = readManifest(json);
    const paths = groups.flatMap((group) => group.paths);
    // one buffer per .bin file, in the manifest's order; one buffer may hold them all
    const given = model.weights;
    if (Array.isArray(given) && given.length !== paths.length) {
      throw shapeError('fromTensorFlowJS weights', `one buffer per path of weightsManifest (${paths.length}: ${paths.join(', ')})`, `an array of ${given.length}`);
    }
    return {
      topology: readTopology(json.modelTopology, json.format, 'modelJSON.modelTopology'),
      specs: groups.flatMap((group) => group.specs),
      data: readBytes(given, 'weights'),
      trainingConfig: trainingConfig(json.trainingConfig, json.modelTopology),
    };
  }
  if (!('modelTopology' in model)) throw typeError('fromTensorFlowJS model', EXPECTED_MODEL, model);
  return {
    topology: readTopology(model.modelTopology, model.format, 'modelTopology'),
    specs: readSpecs(model.weightSpecs, 'weightSpecs'),
    data: readBytes(model.weightData, 'weightData'),
    trainingConfig: trainingConfig(model.trainingConfig, model.modelTopology),
  };
}

// model.json as an object, from its text or as given
function parseModelJSON(given: unknown): Record<string, unknown> {
  let json = given;
  if (typeof json === 'string') {
    try {
      json = JSON.parse(json);
    } catch (error) {
      throw new SyntaxError(`fromTensorFlowJS modelJSON text does not parse: ${(error as Error).message}`);
    }
  }
  if (!isObject(json)) throw typeError('fromTensorFlowJS modelJSON', 'the object of model.json (or its text)', json);
  return json;
}

// weightsManifest: groups of file paths, each with the weight specs its files' bytes hold in order
function readManifest(json: Record<string, unknown>): { paths: string[]; specs: TensorFlowJSWeightSpec[] }[] {
  const manifest = json.weightsManifest;
  if (!Array.isArray(manifest) || !manifest.every((group) => isObject(group) && Array.isArray(group.paths) && Array.isArray(group.weights))) {
    throw typeError('fromTensorFlowJS modelJSON.weightsManifest', 'an array of { paths, weights } groups', manifest);
  }
  return manifest.map((group, g) => {
    (group.paths as unknown[]).forEach((path, p) => {
      if (typeof path !== 'string') throw typeError(`fromTensorFlowJS modelJSON.weightsManifest[${g}].paths[${p}]`, "a weight file's path", path);
    });
    return { paths: group.paths as string[], specs: readSpecs(group.weights, `modelJSON.weightsManifest[${g}].weights`) };
  });
}

// tfjs writes the model itself; a model converted from Keras nests it in model_config
function readTopology(topology: unknown, format: unknown, what: string): Record<string, unknown> {
  if (format === 'graph-model') throw unsupported("fromTensorFlowJS: a graph model (format 'graph-model')", 'neural-wasm imports layers models (tf.LayersModel, Keras)');
  const model = isObject(topology) && isObject(topology.model_config) ? topology.model_config : topology;
  if (!isObject(model) || typeof model.class_name !== 'string') {
    throw typeError(`fromTensorFlowJS ${what}`, "a layers model's topology ({ class_name, config })", topology);
  }
  return model;
}

// tfjs writes trainingConfig beside modelTopology; a model converted from Keras has training_config in it
function trainingConfig(given: unknown, topology: unknown): unknown {
  return given ?? (isObject(topology) ? topology.training_config : undefined);
}

function readSpecs(specs: unknown, what: string): TensorFlowJSWeightSpec[] {
  if (!Array.isArray(specs)) throw typeError(`fromTensorFlowJS ${what}`, 'an array of weight specs { name, shape, dtype }', specs);
  specs.forEach((spec, i) => {
    const ok = isObject(spec) && typeof spec.name === 'string' && typeof spec.dtype === 'string' && Array.isArray(spec.shape) &&
      spec.shape.every((n) => Number.isInteger(n) && n >= 0);
    if (!ok) throw typeError(`fromTensorFlowJS ${what}[${i}]`, 'a weight spec { name, shape, dtype }', spec);
  });
  return specs;
}

function readBytes(value: unknown, what: string): Uint8Array {
  const one = (part: unknown, partWhat: string): Uint8Array => {
    if (Object.prototype.toString.call(part) === '[object ArrayBuffer]') return new Uint8Array(part as ArrayBuffer);
    if (ArrayBuffer.isView(part)) return new Uint8Array(part.buffer, part.byteOffset, part.byteLength);
    throw typeError(`fromTensorFlowJS ${partWhat}`, 'an ArrayBuffer (or a typed array or Buffer of its bytes)', part);
  };
  if (!Array.isArray(value)) return one(value, what);
  const parts = value.map((part, i) => one(part, `${what}[${i}]`));
  const all = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    all.set(part, at);
    at += part.length;
  }
  return all;
}

// The model's layers in order: a Sequential's list, or a Functional model's when they form one chain.
function readLayers(topology: Record<string, unknown>): Layer[] {
  const className = topology.class_name as string;
  const config = topology.config;
  if (className === 'Sequential') {
    // Keras before 2.2.3 wrote the list of layers as the config itself
    const list = Array.isArray(config) ? config : isObject(config) ? config.layers : undefined;
    if (!Array.isArray(list)) throw typeError('fromTensorFlowJS: the Sequential model config.layers', 'an array of layers', list);
    return list.map(readLayer);
  }
  if (className !== 'Model' && className !== 'Functional') {
    throw unsupported(`fromTensorFlowJS: model class '${className}'`, "neural-wasm imports Sequential models, and Functional ones ('Model') whose layers form one chain");
  }
  if (!isObject(config) || !Array.isArray(config.layers)) throw typeError(`fromTensorFlowJS: the ${className} model config.layers`, 'an array of layers', isObject(config) ? config.layers : config);
  const layers = config.layers.map(readLayer);
  for (const key of ['input_layers', 'output_layers']) {
    const count = tensorNames(config[key]).length;
    if (count !== 1) throw unsupported(`fromTensorFlowJS: a model with ${count} ${key.replace('_layers', 's')}`, 'neural-wasm imports models of one input and one output');
  }
  // each layer after the input takes the output of the one before it, and only that
  layers.forEach((layer, i) => {
    const inputs = inboundNames((config.layers as Record<string, unknown>[])[i].inbound_nodes);
    const expected = i === 0 ? [] : [layers[i - 1].name];
    if (inputs.join('\0') !== expected.join('\0')) {
      const from = inputs.length === 0 ? 'no inputs' : `inputs from ${inputs.map((name) => `'${name}'`).join(', ')}`;
      throw unsupported(`fromTensorFlowJS: layer '${layer.name}' (${layer.className}) with ${from}`, 'neural-wasm imports one chain of layers, each taking the output of the layer before it');
    }
  });
  const output = tensorNames(config.output_layers)[0];
  if (output !== layers.at(-1)?.name) throw unsupported(`fromTensorFlowJS: output layer ${typeof output === 'string' ? `'${output}'` : preview(output)} before the last layer`, 'neural-wasm imports one chain of layers');
  return layers;
}

function readLayer(entry: unknown, i: number): Layer {
  if (!isObject(entry) || typeof entry.class_name !== 'string' || !isObject(entry.config)) {
    throw typeError(`fromTensorFlowJS: layers[${i}]`, 'a layer { class_name, config }', entry);
  }
  const name = entry.config.name ?? entry.name;
  return { name: typeof name === 'string' ? name : `layers[${i}]`, className: entry.class_name, config: entry.config };
}

// input_layers / output_layers: [[name, node, tensor], ...] (Keras 3 writes one as [name, node, tensor])
function tensorNames(list: unknown): string[] {
  if (!Array.isArray(list)) return [];
  return (typeof list[0] === 'string' ? [list] : list).map((tensor) => (Array.isArray(tensor) ? tensor[0] : undefined));
}

// The names of the layers a layer takes its inputs from. tfjs and Keras 2 write one node per call
// of the layer, each a list of [name, node, tensor, kwargs]; Keras 3 writes { args: [tensors] },
// each tensor naming its layer in config.keras_history. A layer called twice is not a chain.
function inboundNames(nodes: unknown): string[] {
  if (!Array.isArray(nodes) || nodes.length === 0) return [];
  if (nodes.length > 1) return nodes.map((_, i) => `call ${i + 1}`);
  const node = nodes[0];
  const tensors: unknown[] = Array.isArray(node) ? node : isObject(node) && Array.isArray(node.args) ? node.args : [];
  return tensors.map((tensor) => {
    const history = isObject(tensor) && isObject(tensor.config) ? tensor.config.keras_history : tensor;
    const name = Array.isArray(history) ? history[0] : tensor;
    return typeof name === 'string' ? name : preview(name);
  });
}

// The Dense layers with the activations the layers between them give, and their weights.
function readDenseLayers(layers: Layer[], weights: WeightReader): DenseLayer[] {
  const dense: DenseLayer[] = [];
  let width = layers.length > 0 ? inputWidth(layers[0]) : undefined;
  // an activation layer after a Dense of linear activation gives that Dense its activation
  const activate = (layer: Layer, name: ActivationName) => {
    const last = dense.at(-1);
    if (!last) throw unsupported(`fromTensorFlowJS: layer '${layer.name}' (${layer.className}) before any Dense layer`, 'neural-wasm has activations only on Dense layers');
    if (last.activation !== 'linear') {
      const what = `fromTensorFlowJS: layer '${layer.name}' (${layer.className}) after layer '${last.activationFrom.name}' (${last.activationFrom.className}) of activation '${last.activation}'`;
      throw unsupported(what, 'neural-wasm has one activation per Dense layer, so an activation layer must follow a Dense layer of linear activation');
    }
    last.activation = name;
    last.activationFrom = layer;
  };
  for (const layer of layers) {
    const { config } = layer;
    const what = `fromTensorFlowJS: layer '${layer.name}' (${layer.className})`;
    switch (layer.className) {
      case 'InputLayer':
      case 'Dropout': // the identity in predict; the imported network trains without dropout
        break;
      case 'Dense': {
        const units = config.units;
        if (!Number.isInteger(units) || (units as number) < 1) throw rangeError(`${what} units`, 'a positive integer', units);
        if (config.lora_rank != null) throw unsupported(`${what} lora_rank ${preview(config.lora_rank)}`, 'neural-wasm imports plain Dense layers');
        const activation = activationName(config.activation, what);
        const inputs = dense.at(-1)?.units ?? width;
        const kernel = weights.read(layer, 'kernel', [inputs, units as number], '(inputs x units)');
        width ??= kernel.length / (units as number);
        const bias = config.use_bias === false ? new Float64Array(units as number) : weights.read(layer, 'bias', [units as number], '(units)');
        dense.push({ layer, units: units as number, activation, activationFrom: layer, kernel, bias });
        break;
      }
      case 'Activation': {
        const name = activationName(config.activation, what);
        if (name !== 'linear') activate(layer, name); // linear is the identity anywhere
        break;
      }
      case 'ReLU':
        for (const key of ['max_value', 'negative_slope', 'threshold']) {
          if (config[key] != null && config[key] !== 0) throw unsupported(`${what} ${key} ${preview(config[key])}`, 'neural-wasm has the plain relu');
        }
        activate(layer, 'relu');
        break;
      case 'LeakyReLU': {
        // tfjs and Keras 2 write alpha, Keras 3 negative_slope; Keras keeps it in float32
        const slope = config.alpha ?? config.negative_slope ?? 0.3;
        if (typeof slope !== 'number' || Math.fround(slope) !== Math.fround(0.01)) throw unsupported(`${what} alpha ${preview(slope)}`, "neural-wasm's leakyRelu has slope 0.01");
        activate(layer, 'leakyRelu');
        break;
      }
      default:
        throw unsupported(what, HAVE_LAYERS);
    }
  }
  if (dense.length === 0) throw unsupported('fromTensorFlowJS: a model without a Dense layer', HAVE_LAYERS);
  dense.forEach(({ activation, activationFrom: from, units }, i) => {
    const what = `fromTensorFlowJS: layer '${from.name}' (${from.className}) activation 'softmax'`;
    if (activation === 'softmax' && i < dense.length - 1) throw unsupported(`${what} on a hidden layer`, 'neural-wasm has softmax on the output layer only');
    if (activation === 'softmax' && units < 2) throw unsupported(`${what} on 1 unit`, 'a softmax output needs at least 2 units (on one, it is always 1)');
  });
  return dense;
}

// The input width a layer declares (an InputLayer's, or the first layer's input shape), if it does.
function inputWidth(layer: Layer): number | undefined {
  const { batch_input_shape: batch, batch_shape: keras3, input_shape: input } = layer.config;
  const shape = batch ?? keras3 ?? (Array.isArray(input) ? [null, ...input] : input);
  if (shape == null) return undefined;
  if (!Array.isArray(shape) || shape.length !== 2 || !Number.isInteger(shape[1]) || shape[1] < 1) {
    throw unsupported(`fromTensorFlowJS: layer '${layer.name}' (${layer.className}) input shape ${preview(shape)}`, 'neural-wasm takes rows of numbers, an input shape [null, n]');
  }
  return shape[1];
}

function activationName(given: unknown, what: string): ActivationName {
  const name = given ?? 'linear'; // Keras' default: no activation
  if (typeof name === 'string' && Object.hasOwn(ACTIVATIONS, name)) return ACTIVATIONS[name];
  throw unsupported(`${what} activation ${typeof name === 'string' ? `'${name}'` : preview(name)}`, HAVE_ACTIVATIONS);
}

// The model's training loss as ours, if it was trained with one we have; refused if we have none.
function trainingLoss(trainingConfig: unknown): LossName | undefined {
  const loss = isObject(trainingConfig) ? trainingConfig.loss : undefined;
  if (loss == null) return undefined;
  const name = typeof loss === 'string' ? loss : isObject(loss) && typeof loss.class_name === 'string' ? loss.class_name : '';
  const key = name.toLowerCase().replace(/_/g, '');
  if (Object.hasOwn(LOSSES, key)) return LOSSES[key];
  throw unsupported(
    `fromTensorFlowJS: the model's training loss ${preview(loss)}`,
    `neural-wasm has ${LOSS_NAMES.map((n) => `'${n}'`).join(', ')}: choose one with options.loss`,
  );
}

// The weights by name: each spec's bytes lie after the ones before it in the weight data.
class WeightReader {
  readonly #specs: { spec: TensorFlowJSWeightSpec; offset: number }[] = [];
  readonly #data: DataView;

  constructor(specs: TensorFlowJSWeightSpec[], data: Uint8Array) {
    let offset = 0;
    for (const spec of specs) {
      this.#specs.push({ spec, offset });
      offset += specBytes(spec);
    }
    if (data.length !== offset) throw shapeError('fromTensorFlowJS weight data', `${offset} bytes (the weight specs' sizes)`, `${data.length} bytes`);
    this.#data = new DataView(data.buffer, data.byteOffset, data.byteLength);
  }

  /** The layer's weight `kind` as doubles (each float32 is a double exactly), of the shape given (undefined: any). */
  read(layer: Layer, kind: 'kernel' | 'bias', shape: (number | undefined)[], meaning: string): Float64Array {
    const name = `${layer.name}/${kind}`;
    // tfjs names it layer/kind; Keras may add scopes before it, or ':0' after (optimizer slots are not weights)
    const found = this.#specs.filter(({ spec }) => {
      const bare = spec.name.replace(/:\d+$/, '');
      return spec.group !== 'optimizer' && (bare === name || bare.endsWith(`/${name}`));
    });
    const what = `fromTensorFlowJS: layer '${layer.name}' (${layer.className}) weight '${name}'`;
    if (found.length !== 1) throw shapeError(what, 'in the weight specs once', found.length === 0 ? 'none' : `${found.length}: ${found.map(({ spec }) => `'${spec.name}'`).join(', ')}`);
    const { spec, offset } = found[0];
    if (spec.shape.length !== shape.length || shape.some((n, i) => n !== undefined && n !== spec.shape[i])) {
      throw shapeError(`${what} shape`, `[${shape.map((n) => n ?? 'any').join(', ')}] ${meaning}`, `[${spec.shape.join(', ')}]`);
    }
    if (spec.dtype !== 'float32' && spec.dtype !== 'float64') throw rangeError(`${what} dtype`, "'float32' or 'float64'", spec.dtype);
    const values = new Float64Array(spec.shape.reduce((count, n) => count * n, 1));
    for (let i = 0; i < values.length; i++) {
      // little-endian, as tfjs writes them
      values[i] = spec.dtype === 'float32' ? this.#data.getFloat32(offset + 4 * i, true) : this.#data.getFloat64(offset + 8 * i, true);
      if (!Number.isFinite(values[i])) throw rangeError(`${what}[${i}]`, 'a finite number', values[i]);
    }
    return values;
  }
}

// The bytes of a weight spec's values; a quantized one, or one of a dtype tfjs does not write, is refused by name.
function specBytes(spec: TensorFlowJSWeightSpec): number {
  if (spec.quantization != null) throw unsupported(`fromTensorFlowJS: weight '${spec.name}' quantized`, 'save or convert the model without quantization');
  // own keys only: a dtype of '__proto__' or 'constructor' is no dtype
  if (!Object.hasOwn(DTYPE_BYTES, spec.dtype)) throw unsupported(`fromTensorFlowJS: weight '${spec.name}' of dtype '${spec.dtype}'`, 'neural-wasm reads float32 and float64 weights');
  return DTYPE_BYTES[spec.dtype] * spec.shape.reduce((count, n) => count * n, 1);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
