// The cores, by the library's names for them (net.backend): 'wasm-simd' the WASM core with SIMD,
// 'wasm' the same core without SIMD (neural-wasm/baseline), 'js' the pure-JS build. The CLI's
// --backend and the playground's core switch both pick one here.
import type { Backend, NeuralNetwork } from 'neural-wasm';

export type NetworkClass = typeof NeuralNetwork;

// a record, so that the compiler reports a core the library adds or drops
const NAMES: Record<Backend, true> = { 'wasm-simd': true, wasm: true, js: true };
export const BACKENDS = Object.keys(NAMES) as Backend[];

/** 'wasm-simd' was asked for where WebAssembly SIMD is missing. */
export class SimdMissingError extends Error {
  constructor() {
    super("WebAssembly SIMD is not supported here; the 'wasm' core is the same without SIMD (the same results, slower)");
    this.name = 'SimdMissingError';
  }
}

/**
 * The NeuralNetwork class on a core; without a name, the one 'neural-wasm' picks (SIMD where
 * supported). The package's own entry points, imported by name: a bundle keeps them as they are.
 */
export async function networkClass(backend?: Backend): Promise<NetworkClass> {
  if (backend === 'js') return (await import('neural-wasm/js')).NeuralNetwork;
  if (backend === 'wasm') return (await import('neural-wasm/baseline')).NeuralNetwork;
  const { NeuralNetwork } = await import('neural-wasm');
  if (backend === 'wasm-simd' && (await wasmBackend()) !== 'wasm-simd') throw new SimdMissingError();
  return NeuralNetwork;
}

let picked: Promise<Backend> | undefined;

/** The WASM core 'neural-wasm' loads here: 'wasm-simd' where WebAssembly SIMD is supported, else 'wasm'. */
export function wasmBackend(): Promise<Backend> {
  // the library decides (it probes for SIMD when it loads its core): ask a network it made
  picked ??= import('neural-wasm').then(async ({ NeuralNetwork }) => {
    const probe = await NeuralNetwork.create({ layers: [1, 1] });
    const { backend } = probe;
    probe.dispose();
    return backend;
  });
  return picked;
}
