// The cores by the library's names (shared/backends.ts): the class each name gives runs that core.
import { describe, expect, it } from 'vitest';
import { NeuralNetwork } from 'neural-wasm';
import { BACKENDS, networkClass, wasmBackend } from '../../shared/backends';

describe('networkClass', () => {
  it("gives, for each of the library's names, the class whose networks run that core", async () => {
    expect(BACKENDS).toEqual(['wasm-simd', 'wasm', 'js']);
    for (const backend of BACKENDS) {
      const net = await (await networkClass(backend)).create({ layers: [2, 1] });
      expect(net.backend).toBe(backend);
      net.dispose();
    }
  });

  it("without a name, 'neural-wasm' itself, whose core wasmBackend names (Node 20: SIMD)", async () => {
    expect(await networkClass()).toBe(NeuralNetwork);
    expect(await wasmBackend()).toBe('wasm-simd');
  });
});
