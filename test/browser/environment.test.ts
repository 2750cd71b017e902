// Runs in Chromium only: the browser paths themselves, the .wasm fetched next to the module and
// fitAsync's Web Worker, not Node's fs and worker_threads.
import { describe, expect, it } from 'vitest';
import { NeuralNetwork } from 'neural-wasm';

const resources = () => performance.getEntriesByType('resource').map((entry) => entry.name);

describe('in a browser', () => {
  it('is a real browser page, not Node', () => {
    expect(typeof window).toBe('object');
    expect(typeof document.createElement).toBe('function');
    expect(navigator.userAgent).toMatch(/Chrome/);
    expect(typeof (globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node).toBe('undefined');
  });

  it('fetches the SIMD .wasm from next to the module and trains with it', async () => {
    const net = await NeuralNetwork.create({ layers: [2, 3, 1], seed: 9 });
    expect(net.backend).toBe('wasm-simd');
    expect(resources().some((name) => /neural-wasm-simd\.wasm/.test(name))).toBe(true);
    net.fit([[1, 1], [0, 0], [0, 1], [1, 0]], [0, 0, 1, 1], { epochs: 6000 });
    expect(net.predict([[1, 1], [0, 0], [0, 1], [1, 0]]).map(([y]) => Math.round(y))).toEqual([0, 0, 1, 1]);
  });

  it('fitAsync trains in a Web Worker loaded from the package', async () => {
    const net = await NeuralNetwork.create({ layers: [2, 3, 1], seed: 9 });
    const result = await net.fitAsync([[1, 1], [0, 0], [0, 1], [1, 0]], [0, 0, 1, 1], { epochs: 6000 });
    expect(result.epochs).toBe(6000);
    expect(resources().some((name) => /fit-worker\.js/.test(name))).toBe(true);
    expect(net.predict([[1, 1], [0, 0], [0, 1], [1, 0]]).map(([y]) => Math.round(y))).toEqual([0, 0, 1, 1]);
  });
});
