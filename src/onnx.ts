// A network as an ONNX model (a ModelProto's bytes), for ONNX Runtime and every other ONNX reader.
// Each layer is a Gemm (input [batch, in] times the weights [in, out] plus the bias [out], the
// weights as getWeights gives them: row-major [in][out]) and then its activation as ONNX's own
// operator (Sigmoid, Tanh, Relu, LeakyRelu alpha 0.01, Softmax over the last axis; nothing for
// linear; in float64, leakyRelu is a PRelu whose slope 0.01 is a double, as LeakyRelu's alpha is a
// float32). The batch dimension is symbolic ('batch'), so one run takes any number of rows. The
// protobuf is written by @bufbuild/protobuf from the schema in src/onnx/onnx.proto (ONNX's own
// messages and field numbers, the part the export uses).
import { create, toBinary } from '@bufbuild/protobuf';
import type { ActivationName } from './names.js';
import type { NeuralNetwork } from './network.js';
import type { Model } from './model-file.js';
import type { Scaling } from './scaling.js';
import { Float32RangeError, typeError, unknownOption } from './errors.js';
import {
  AttributeProto_AttributeType,
  AttributeProtoSchema,
  GraphProtoSchema,
  ModelProtoSchema,
  NodeProtoSchema,
  OperatorSetIdProtoSchema,
  StringStringEntryProtoSchema,
  TensorProto_DataType,
  TensorProtoSchema,
  TensorShapeProto_DimensionSchema,
  TypeProtoSchema,
  ValueInfoProtoSchema,
  type AttributeProto,
  type NodeProto,
  type TensorProto,
  type ValueInfoProto,
} from './onnx/onnx_pb.js';

/** The package's version, written by scripts/build.js. */
declare const NEURAL_WASM_VERSION: string;

export interface ONNXOptions {
  /**
   * The element type of the model's tensors: `'float32'` (default: ONNX's FLOAT, what every
   * runtime and execution provider runs; the weights are rounded to the nearest float32, and a
   * weight, bias or scaling past float32's range is refused with a Float32RangeError) or
   * `'float64'` (DOUBLE: the weights exactly; fewer runtimes implement every operator for it).
   */
  precision?: 'float32' | 'float64';
}

const PRECISIONS = ['float32', 'float64'] as const;
type Precision = (typeof PRECISIONS)[number];
const OPTION_KEYS = ['precision'] as const;

/** The version of the ONNX operator set the model imports (with IR version 8, which goes with it). */
export const ONNX_OPSET = 17;
const IR_VERSION = 8n;

// ONNX's operator for each activation; linear has none
const OPERATORS: Record<ActivationName, string | undefined> = {
  sigmoid: 'Sigmoid',
  tanh: 'Tanh',
  relu: 'Relu',
  leakyRelu: 'LeakyRelu',
  linear: undefined,
  softmax: 'Softmax',
};

/**
 * The network as an ONNX model: the bytes of a ModelProto (opset 17), whose graph takes `input`
 * [batch, inputSize] and gives `output` [batch, outputSize], what predict gives row by row.
 *
 * From a Model (neural-wasm/model) its preprocessing comes along. `input` takes the numeric
 * columns of raw rows, in the model's column order: a missing value given as NaN becomes the
 * training rows' median (IsNaN and Where), then each is scaled (a Sub and a Div). A model with
 * categorical columns also takes `categories` [batch, categorical columns], strings: each column's
 * level (as in the model's levels: text trimmed, a number by its shortest spelling), one-hot
 * encoded (LabelEncoder of ai.onnx.ml, then OneHot); a level training never saw is all zeros, as
 * predict makes it, and '' (or 'NA', '?', 'null', ...) is missing, the most frequent level. A values
 * target gives `output` in the target's units (a Mul and an Add after); a class target gives
 * `probabilities` [batch, classes] (for two classes from the one sigmoid output, 1 - p and p) and
 * `label` [batch], the index of the class (ArgMax: the first of equal probabilities, where predict
 * takes the second class at exactly 0.5). The names are in the model's metadata, as JSON:
 * `columns`, `numericColumns` (input's), `categoricalColumns` (categories') and `classes`.
 */
export function toONNX(source: NeuralNetwork | Model, options: ONNXOptions = {}): Uint8Array {
  const model = 'inputs' in source && 'network' in source ? source : undefined;
  const net = model ? model.network : (source as NeuralNetwork);
  if (options === null || typeof options !== 'object') throw typeError('toONNX options', 'an object', options);
  for (const key of Object.keys(options)) {
    if (!(OPTION_KEYS as readonly string[]).includes(key)) throw unknownOption('toONNX options', key, OPTION_KEYS);
  }
  const precision = options.precision ?? 'float32';
  if (!PRECISIONS.includes(precision)) throw typeError('toONNX precision', "'float32' or 'float64'", precision);
  const { weights, biases } = net.getWeights(); // throws for a disposed network
  if (precision === 'float32') checkFloat32(weights, biases, model);
  const elemType = precision === 'float32' ? TensorProto_DataType.FLOAT : TensorProto_DataType.DOUBLE;

  const nodes: NodeProto[] = [];
  const initializers: TensorProto[] = [];
  const last = net.activation.length - 1;
  // a Model's raw columns become the network's inputs in the graph's own order (numbers first)
  const front = model ? inputNodes(model, precision, elemType, nodes, initializers) : { inputs: [valueInfo('input', net.inputSize, elemType)], x: 'input', order: null };
  let x = front.x;
  // with a Model, the network's outputs go on to its target's nodes
  const networkOutput = model ? 'network.output' : 'output';
  net.activation.forEach((activation, l) => {
    const outputs = net.layers[l + 1];
    const operator = OPERATORS[activation];
    const w = `layer${l}.weight`;
    const b = `layer${l}.bias`;
    const weight = l === 0 && front.order ? rowsInOrder(weights[0], outputs, front.order) : weights[l];
    initializers.push(tensor(w, [weight.length / outputs, outputs], weight, precision), tensor(b, [outputs], biases[l], precision));
    const sum = l === last && !operator ? networkOutput : `layer${l}.sum`;
    nodes.push(create(NodeProtoSchema, { name: `layer${l}.gemm`, opType: 'Gemm', input: [x, w, b], output: [sum] }));
    x = sum;
    if (operator) {
      const activated = l === last ? networkOutput : `layer${l}.${activation}`;
      const name = `layer${l}.${activation}`;
      if (activation === 'leakyRelu' && precision === 'float64') {
        // LeakyRelu's alpha is a float attribute: 0.01 rounded to float32, 2e-8 off. In float64 the
        // slope is a DOUBLE tensor instead, for PRelu (the same function with a tensor slope)
        const slope = `layer${l}.slope`;
        initializers.push(tensor(slope, [1], Float64Array.of(0.01), precision));
        nodes.push(create(NodeProtoSchema, { name, opType: 'PRelu', input: [x, slope], output: [activated] }));
      } else {
        const attribute =
          activation === 'leakyRelu'
            ? [create(AttributeProtoSchema, { name: 'alpha', type: AttributeProto_AttributeType.FLOAT, f: 0.01 })]
            : activation === 'softmax'
              ? [create(AttributeProtoSchema, { name: 'axis', type: AttributeProto_AttributeType.INT, i: -1n })]
              : [];
        nodes.push(create(NodeProtoSchema, { name, opType: operator, input: [x], output: [activated], attribute }));
      }
      x = activated;
    }
  });

  let outputs = [valueInfo('output', net.outputSize, elemType)];
  const metadata: Record<string, string> = {};
  if (model) {
    const { columns, types } = model.inputs;
    metadata.columns = JSON.stringify(columns);
    metadata.numericColumns = JSON.stringify(columns.filter((_, c) => types?.[c] !== 'categorical'));
    metadata.categoricalColumns = JSON.stringify(columns.filter((_, c) => types?.[c] === 'categorical'));
    outputs = targetNodes(model, precision, elemType, nodes, initializers);
    if (model.target.kind === 'classes') metadata.classes = JSON.stringify(model.target.classes);
  }

  const proto = create(ModelProtoSchema, {
    irVersion: IR_VERSION,
    opsetImport: [
      create(OperatorSetIdProtoSchema, { domain: '', version: BigInt(ONNX_OPSET) }),
      ...(nodes.some((n) => n.domain === ML_DOMAIN) ? [create(OperatorSetIdProtoSchema, { domain: ML_DOMAIN, version: BigInt(ML_OPSET) })] : []),
    ],
    producerName: 'neural-wasm',
    producerVersion: NEURAL_WASM_VERSION,
    docString: `A neural-wasm network ${net.layers.join('-')} (${net.activation.join(', ')})`,
    graph: create(GraphProtoSchema, {
      name: 'neural-wasm',
      node: nodes,
      initializer: initializers,
      input: front.inputs,
      output: outputs,
    }),
    metadataProps: Object.entries(metadata).map(([key, value]) => create(StringStringEntryProtoSchema, { key, value })),
  });
  return toBinary(ModelProtoSchema, proto);
}

// ai.onnx.ml, for LabelEncoder (its version 2 maps strings to integers; version 3 goes with opset 17)
const ML_DOMAIN = 'ai.onnx.ml';
const ML_OPSET = 3;

// How a missing categorical value may come in the categories input: isMissing's texts (columns.ts)
// in the spellings a table has, as the graph compares strings exactly
const MISSING_TEXTS = ['', 'NA', 'na', 'Na', 'N/A', 'n/a', 'NaN', 'nan', 'NAN', 'null', 'NULL', 'Null', '?'];

// A Model's raw columns into the network's inputs. Numbers: `input` [batch, numeric columns], NaN
// filled with the median, scaled. Categories: `categories` [batch, categorical columns] of strings,
// a column at a time (Gather) coded by LabelEncoder (a level its index; missing the fill's; any
// other text one past the levels) and one-hot encoded by comparing the index with each level's
// (Equal, Cast: ONNX Runtime's OneHot has no kernel for every output type): an unseen level is all
// zeros, as predict makes it. `order` maps the graph's inputs to the network's; null when the same.
function inputNodes(model: Model, precision: Precision, elemType: TensorProto_DataType, nodes: NodeProto[], initializers: TensorProto[]): { inputs: ValueInfoProto[]; x: string; order: number[] | null } {
  const { columns, scaling, types, levels, fill } = model.inputs;
  const node = (name: string, opType: string, input: string[], output: string, attribute: AttributeProto[] = [], domain = '') =>
    nodes.push(create(NodeProtoSchema, { name, opType, input, output: [output], attribute, domain }));
  const numeric: number[] = [];
  const categorical: number[] = [];
  const start: number[] = []; // each column's first input in the network
  let width = 0;
  columns.forEach((_, c) => {
    start.push(width);
    if (types?.[c] === 'categorical') {
      categorical.push(c);
      width += levels![c]!.length;
    } else {
      numeric.push(c);
      width += 1;
    }
  });
  const inputs: ValueInfoProto[] = [];
  const parts: string[] = [];
  const order: number[] = [];
  if (numeric.length > 0) {
    inputs.push(valueInfo('input', numeric.length, elemType));
    let x = 'input';
    if (fill) {
      initializers.push(tensor('inputs.fill', [numeric.length], Float64Array.from(numeric, (c) => fill[c] as number), precision));
      node('inputs.isnan', 'IsNaN', [x], 'inputs.missing');
      node('inputs.where', 'Where', ['inputs.missing', 'inputs.fill', x], 'inputs.filled');
      x = 'inputs.filled';
    }
    if (scaling.method !== 'none') {
      // x' = (x - offset) / scale, as neural-wasm/model scales a raw row
      initializers.push(tensor('inputs.offset', [numeric.length], Float64Array.from(numeric, (c) => scaling.offset[c]), precision));
      initializers.push(tensor('inputs.scale', [numeric.length], Float64Array.from(numeric, (c) => scaling.scale[c]), precision));
      node('inputs.sub', 'Sub', [x, 'inputs.offset'], 'inputs.centred');
      node('inputs.div', 'Div', ['inputs.centred', 'inputs.scale'], 'inputs.scaled');
      x = 'inputs.scaled';
    }
    parts.push(x);
    order.push(...numeric.map((c) => start[c]));
  }
  if (categorical.length > 0) {
    inputs.push(valueInfo('categories', categorical.length, TensorProto_DataType.STRING));
    categorical.forEach((c, k) => {
      const known = levels![c]!;
      const name = `categories.${k}`;
      const keys = [...known];
      const codes = known.map((_, i) => BigInt(i));
      if (fill) {
        const filled = BigInt(known.indexOf(fill[c] as string));
        for (const text of MISSING_TEXTS) keys.push(text), codes.push(filled);
      }
      initializers.push(int64Tensor(`${name}.column`, [1], [BigInt(k)]), int64Tensor(`${name}.levels`, [known.length], codes.slice(0, known.length)));
      node(`${name}.gather`, 'Gather', ['categories', `${name}.column`], `${name}.text`, [int('axis', 1n)]);
      node(`${name}.code`, 'LabelEncoder', [`${name}.text`], `${name}.index`, [
        create(AttributeProtoSchema, { name: 'keys_strings', type: AttributeProto_AttributeType.STRINGS, strings: keys.map((key) => new TextEncoder().encode(key)) }),
        create(AttributeProtoSchema, { name: 'values_int64s', type: AttributeProto_AttributeType.INTS, ints: codes }),
        int('default_int64', BigInt(known.length)),
      ], ML_DOMAIN);
      // [batch, 1] against [levels]: one true where the index is the level's, none for an unseen one
      node(`${name}.equal`, 'Equal', [`${name}.index`, `${name}.levels`], `${name}.onehot`);
      node(`${name}.cast`, 'Cast', [`${name}.onehot`], `${name}.encoded`, [int('to', BigInt(elemType))]);
      parts.push(`${name}.encoded`);
      order.push(...known.map((_, i) => start[c] + i));
    });
  }
  if (parts.length === 1 && categorical.length === 0) return { inputs, x: parts[0], order: null };
  node('inputs.concat', 'Concat', parts, 'inputs.encoded', [int('axis', 1n)]);
  return { inputs, x: 'inputs.encoded', order };
}

// The first layer's weights [in][out] with their rows in the graph's order
function rowsInOrder(weights: Float64Array, outputs: number, order: number[]): Float64Array {
  const ordered = new Float64Array(order.length * outputs);
  order.forEach((row, g) => ordered.set(weights.subarray(row * outputs, (row + 1) * outputs), g * outputs));
  return ordered;
}

// In float32 every constant of the graph must be a float32: a weight, bias or scaling past float32's
// range would be Infinity there (and the outputs NaN), so the first one is refused by name
function checkFloat32(weights: Float64Array[], biases: Float64Array[], model: Model | undefined): void {
  const check = (values: ArrayLike<number>, what: (i: number) => string) => {
    for (let i = 0; i < values.length; i++) if (!Number.isFinite(Math.fround(values[i]))) throw new Float32RangeError(what(i), values[i]);
  };
  weights.forEach((w, l) => {
    const outputs = biases[l].length;
    check(w, (i) => `the weight of layer ${l} from input ${Math.floor(i / outputs)} to output ${i % outputs}`);
    check(biases[l], (j) => `the bias of layer ${l}'s output ${j}`);
  });
  if (!model) return;
  const checkScaling = (scaling: Scaling | null, what: string, columns: readonly string[]) => {
    if (scaling === null || scaling.method === 'none') return; // (not in the graph)
    for (const part of ['offset', 'scale'] as const) check(scaling[part], (c) => `${what}.${part} of column '${columns[c]}'`);
    // a scale float32 rounds to 0 (below about 1.4e-45): the inputs' Div by 0, or every value the offset
    scaling.scale.forEach((value, c) => {
      if (Math.fround(value) === 0) throw new Float32RangeError(`${what}.scale of column '${columns[c]}'`, value);
    });
  };
  checkScaling(model.inputs.scaling, 'inputs.scaling', model.inputs.columns);
  const { fill, columns } = model.inputs;
  fill?.forEach((value, c) => {
    if (typeof value === 'number') check([value], () => `inputs.fill of column '${columns[c]}'`);
  });
  checkScaling(model.targetScaling, 'targetScaling', model.target.columns);
}

// After the network ('network.output'): values mapped back to the target's units (y * scale +
// offset) as `output`; classes as `probabilities` and `label`. Returns the graph's outputs.
function targetNodes(model: Model, precision: Precision, elemType: TensorProto_DataType, nodes: NodeProto[], initializers: TensorProto[]): ValueInfoProto[] {
  const node = (name: string, opType: string, input: string[], output: string, attribute: AttributeProto[] = []) =>
    nodes.push(create(NodeProtoSchema, { name, opType, input, output: [output], attribute }));
  const { target, targetScaling } = model;
  if (target.kind === 'values') {
    if (targetScaling!.method === 'none') {
      node('target.identity', 'Identity', ['network.output'], 'output');
    } else {
      initializers.push(tensor('target.scale', [target.columns.length], Float64Array.from(targetScaling!.scale), precision));
      initializers.push(tensor('target.offset', [target.columns.length], Float64Array.from(targetScaling!.offset), precision));
      node('target.mul', 'Mul', ['network.output', 'target.scale'], 'target.scaled');
      node('target.add', 'Add', ['target.scaled', 'target.offset'], 'output');
    }
    return [valueInfo('output', target.columns.length, elemType)];
  }
  const classes = target.classes.length;
  if (classes === 2) {
    // one sigmoid output p: the probabilities of the two classes are 1 - p and p
    initializers.push(tensor('target.one', [1], Float64Array.of(1), precision));
    node('target.complement', 'Sub', ['target.one', 'network.output'], 'target.first');
    node('target.concat', 'Concat', ['target.first', 'network.output'], 'probabilities', [int('axis', 1n)]);
  } else {
    node('target.identity', 'Identity', ['network.output'], 'probabilities');
  }
  node('target.argmax', 'ArgMax', ['probabilities'], 'label', [int('axis', 1n), int('keepdims', 0n)]);
  return [valueInfo('probabilities', classes, elemType), valueInfo('label', undefined, TensorProto_DataType.INT64)];
}

function int(name: string, i: bigint): AttributeProto {
  return create(AttributeProtoSchema, { name, type: AttributeProto_AttributeType.INT, i });
}

// a tensor's values as raw_data: fixed width, little-endian, row-major (ONNX's rule for raw_data)
function tensor(name: string, dims: number[], values: Float64Array, precision: 'float32' | 'float64'): TensorProto {
  const width = precision === 'float32' ? 4 : 8;
  const raw = new Uint8Array(values.length * width);
  const view = new DataView(raw.buffer);
  values.forEach((value, i) => (width === 4 ? view.setFloat32(i * 4, value, true) : view.setFloat64(i * 8, value, true)));
  return create(TensorProtoSchema, {
    name,
    dims: dims.map(BigInt),
    dataType: precision === 'float32' ? TensorProto_DataType.FLOAT : TensorProto_DataType.DOUBLE,
    rawData: raw,
  });
}

// an int64 tensor (indices, sizes) as raw_data
function int64Tensor(name: string, dims: number[], values: bigint[]): TensorProto {
  const raw = new Uint8Array(values.length * 8);
  const view = new DataView(raw.buffer);
  values.forEach((value, i) => view.setBigInt64(i * 8, value, true));
  return create(TensorProtoSchema, { name, dims: dims.map(BigInt), dataType: TensorProto_DataType.INT64, rawData: raw });
}

// [batch, width], or [batch] without a width
function valueInfo(name: string, width: number | undefined, elemType: TensorProto_DataType): ValueInfoProto {
  const dim = [create(TensorShapeProto_DimensionSchema, { value: { case: 'dimParam', value: 'batch' } })];
  if (width !== undefined) dim.push(create(TensorShapeProto_DimensionSchema, { value: { case: 'dimValue', value: BigInt(width) } }));
  return create(ValueInfoProtoSchema, {
    name,
    type: create(TypeProtoSchema, { value: { case: 'tensorType', value: { elemType, shape: { dim } } } }),
  });
}
