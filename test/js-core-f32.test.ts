// The JS core at f32 as every tool sees it: src/js-core-f32.ts imports 'virtual:assembly-f32',
// which scripts/assembly-js.js makes from assembly/ with real-f32.ts as its real.ts, for vitest
// (both configs load the plugin) as for the build; a tool without the plugin fails to resolve it
// instead of loading the f64 core under the f32 name.
import { describe, expect, it } from 'vitest';
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { jsCoreF32 } from '../src/js-core-f32';
import { jsCore } from '../src/js-core';
import { createNetworkIn } from '../src/core';
// @ts-expect-error: a plain JS module, typed by what it is used for here
import { PORTABLE_HELPERS, assemblyForEsbuild } from '../scripts/assembly-js.js';

const entry = fileURLToPath(new URL('../src/js-core-f32.ts', import.meta.url));

describe('the JS core at f32 (src/js-core-f32.ts)', () => {
  it('imported from src/, holds its weights, data and outputs in Float32Arrays; the f64 core beside it in Float64Arrays', () => {
    const config: Parameters<typeof createNetworkIn>[1] = {
      layers: [3, 4, 2], activation: ['sigmoid', 'sigmoid'], loss: 'mse', init: 'uniform', seed: 5, dropout: [0], precision: 'f32',
    };
    const net32 = createNetworkIn(jsCoreF32, config);
    const net64 = createNetworkIn(jsCore, config);
    expect(jsCoreF32.networkParams(net32)).toBeInstanceOf(Float32Array);
    expect(jsCore.networkParams(net64)).toBeInstanceOf(Float64Array);
    // the same seeded draws, rounded to float32
    expect(Array.from(jsCoreF32.networkParams(net32))).toEqual(Array.from(jsCore.networkParams(net64), Math.fround));
    jsCoreF32.reserveData(net32, 1);
    jsCoreF32.dataInputs(net32).set([0.1, 0.2, 0.3]);
    jsCoreF32.predict(net32, 1);
    expect(jsCoreF32.dataOutputs(net32)).toBeInstanceOf(Float32Array);
    jsCoreF32.disposeNetwork(net32);
    jsCore.disposeNetwork(net64);
  });

  it('bundled without scripts/assembly-js.js, does not resolve (never the f64 core by another name); with it, bundles real-f32.ts', async () => {
    const options = { entryPoints: [entry], bundle: true, write: false, format: 'esm' as const, logLevel: 'silent' as const, inject: [PORTABLE_HELPERS] };
    await expect(build(options)).rejects.toThrow(/Could not resolve "virtual:assembly-f32"/);
    const [bundle] = (await build({ ...options, plugins: [assemblyForEsbuild] })).outputFiles!;
    // newRealArray: assembly/real-f32.ts's, not real.ts's
    expect(bundle.text).toContain('return new Float32Array(length)');
    expect(bundle.text).not.toContain('return new Float64Array(length)');
  });
});
