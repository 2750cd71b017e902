// Every behavioural test runs on every core, through the package's own entry points (dist/, as a
// user imports them): `describe.each(builds)('%s build', (_, NeuralNetwork) => ...)`.
import { NeuralNetwork as WasmNetwork } from 'neural-wasm'; // the SIMD core where supported (Node 20: yes)
import { NeuralNetwork as BaselineNetwork } from 'neural-wasm/baseline';
import { NeuralNetwork as JsNetwork } from 'neural-wasm/js';

export type Network = typeof WasmNetwork;
export const builds: [string, Network][] = [
  ['wasm-simd', WasmNetwork],
  ['wasm', BaselineNetwork],
  ['js', JsNetwork],
];
export { WasmNetwork, BaselineNetwork, JsNetwork };

export const XOR_INPUTS = [[1, 1], [0, 0], [0, 1], [1, 0]];
export const XOR_TARGETS = [0, 0, 1, 1];

/** The bytes of every weight and bias, for bit-for-bit comparisons. */
export function weightBytes(net: Pick<WasmNetwork, 'getWeights'>): Uint8Array {
  const { weights, biases } = net.getWeights();
  const parts = weights.flatMap((w, l) => [w, biases[l]]);
  const all = new Float64Array(parts.reduce((count, part) => count + part.length, 0));
  let at = 0;
  for (const part of parts) {
    all.set(part, at);
    at += part.length;
  }
  return new Uint8Array(all.buffer);
}

/** A seeded generator for test data, independent of the library's own: the apps' mulberry32. */
import { mulberry32 } from '../shared/random';

export { mulberry32 as testRandom };

/** A small noisy regression set, for overfitting on purpose: y = a - 2b + noise, a and b in [0, 1). */
export function noisyRows(count: number, seed: number): { inputs: number[][]; targets: number[][] } {
  const random = mulberry32(seed);
  const inputs = Array.from({ length: count }, () => [random(), random()]);
  const targets = inputs.map(([a, b]) => [a - 2 * b + 0.3 * (random() - 0.5)]);
  return { inputs, targets };
}
