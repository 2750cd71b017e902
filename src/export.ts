// neural-wasm/export: a trained network in forms that run without the library (an entry point of
// its own, so none of it reaches the pages that only train and predict).
export { toStandalone, type StandaloneOptions } from './standalone.js';
// A network as an ONNX model, for ONNX Runtime (browsers and servers) and other ONNX readers.
export { toONNX, ONNX_OPSET, type ONNXOptions } from './onnx.js';
// what toONNX throws for a value a float32 model cannot hold (precision 'float64' holds it)
export { Float32RangeError } from './errors.js';
