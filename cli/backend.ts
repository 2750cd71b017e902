// --backend: which build of the library runs the network. All three share one API and one model
// file format; the JS build gives the WASM builds' results to rounding (bit for bit without exp/tanh).
import type { NeuralNetwork } from 'neural-wasm';

export type NetworkClass = typeof NeuralNetwork;
export type BackendName = 'wasm' | 'baseline' | 'js';
export const BACKEND_NAMES: readonly BackendName[] = ['wasm', 'baseline', 'js'];

export async function loadBackend(name: BackendName): Promise<NetworkClass> {
  // the package's own entry points, imported by name (not bundled into the CLI)
  if (name === 'js') return (await import('neural-wasm/js')).NeuralNetwork;
  if (name === 'baseline') return (await import('neural-wasm/baseline')).NeuralNetwork;
  return (await import('neural-wasm')).NeuralNetwork;
}
