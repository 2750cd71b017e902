// A network as an ONNX model (a ModelProto's bytes), for ONNX Runtime and every other ONNX reader.
// Each layer is a Gemm (input [batch, in] times the weights [in, out] plus the bias [out], the
// weights as getWeights gives them: row-major [in][out]) and then its activation as ONNX's own
// operator (Sigmoid, Tanh, Relu, LeakyRelu alpha 0.01, Softmax over the last axis; nothing for
// linear; in float64, leakyRelu is a PRelu whose slope 0.01 is a double, as LeakyRelu's alpha is a
// float32). The batch dimension is symbolic ('batch'), so one run takes any number of rows. The
// protobuf is written by @bufbuild/protobuf from the schema in src/onnx/onnx.proto (ONNX's own
// messages and field numbers, the part the export uses).
import { create, toBinary } from '@bufbuild/protobuf';
import type { ActivationName } from './options.js';
import type { NeuralNetwork } from './network.js';
import { typeError, unknownOption } from './errors.js';
import {
  AttributeProto_AttributeType,
  AttributeProtoSchema,
  GraphProtoSchema,
  ModelProtoSchema,
  NodeProtoSchema,
  OperatorSetIdProtoSchema,
  TensorProto_DataType,
  TensorProtoSchema,
  TensorShapeProto_DimensionSchema,
  TypeProtoSchema,
  ValueInfoProtoSchema,
  type NodeProto,
  type TensorProto,
  type ValueInfoProto,
} from './onnx/onnx_pb.js';

/** The package's version, written by scripts/build.js. */
declare const NEURAL_WASM_VERSION: string;

export interface ONNXOptions {
  /**
   * The element type of the model's tensors: `'float32'` (default: ONNX's FLOAT, what every
   * runtime and execution provider runs; the weights are rounded to the nearest float32) or
   * `'float64'` (DOUBLE: the weights exactly; fewer runtimes implement every operator for it).
   */
  precision?: 'float32' | 'float64';
}

const PRECISIONS = ['float32', 'float64'] as const;
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
 */
export function toONNX(net: NeuralNetwork, options: ONNXOptions = {}): Uint8Array {
  if (options === null || typeof options !== 'object') throw typeError('toONNX options', 'an object', options);
  for (const key of Object.keys(options)) {
    if (!(OPTION_KEYS as readonly string[]).includes(key)) throw unknownOption('toONNX options', key, OPTION_KEYS);
  }
  const precision = options.precision ?? 'float32';
  if (!PRECISIONS.includes(precision)) throw typeError('toONNX precision', "'float32' or 'float64'", precision);
  const { weights, biases } = net.getWeights(); // throws for a disposed network
  const elemType = precision === 'float32' ? TensorProto_DataType.FLOAT : TensorProto_DataType.DOUBLE;

  const nodes: NodeProto[] = [];
  const initializers: TensorProto[] = [];
  const last = net.activation.length - 1;
  let x = 'input';
  net.activation.forEach((activation, l) => {
    const [inputs, outputs] = [net.layers[l], net.layers[l + 1]];
    const operator = OPERATORS[activation];
    const w = `layer${l}.weight`;
    const b = `layer${l}.bias`;
    initializers.push(tensor(w, [inputs, outputs], weights[l], precision), tensor(b, [outputs], biases[l], precision));
    const sum = l === last && !operator ? 'output' : `layer${l}.sum`;
    nodes.push(create(NodeProtoSchema, { name: `layer${l}.gemm`, opType: 'Gemm', input: [x, w, b], output: [sum] }));
    x = sum;
    if (operator) {
      const activated = l === last ? 'output' : `layer${l}.${activation}`;
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

  const model = create(ModelProtoSchema, {
    irVersion: IR_VERSION,
    opsetImport: [create(OperatorSetIdProtoSchema, { domain: '', version: BigInt(ONNX_OPSET) })],
    producerName: 'neural-wasm',
    producerVersion: NEURAL_WASM_VERSION,
    docString: `A neural-wasm network ${net.layers.join('-')} (${net.activation.join(', ')})`,
    graph: create(GraphProtoSchema, {
      name: 'neural-wasm',
      node: nodes,
      initializer: initializers,
      input: [valueInfo('input', net.inputSize, elemType)],
      output: [valueInfo('output', net.outputSize, elemType)],
    }),
  });
  return toBinary(ModelProtoSchema, model);
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

function valueInfo(name: string, width: number, elemType: TensorProto_DataType): ValueInfoProto {
  const dim = [
    create(TensorShapeProto_DimensionSchema, { value: { case: 'dimParam', value: 'batch' } }),
    create(TensorShapeProto_DimensionSchema, { value: { case: 'dimValue', value: BigInt(width) } }),
  ];
  return create(ValueInfoProtoSchema, {
    name,
    type: create(TypeProtoSchema, { value: { case: 'tensorType', value: { elemType, shape: { dim } } } }),
  });
}
