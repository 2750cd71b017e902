// --backend takes the library's names for its cores (net.backend): wasm-simd, wasm (the same core
// without SIMD) and js; without it, the core 'neural-wasm' picks. Asking for SIMD where WebAssembly
// has none is one line, not a quiet fallback.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expectRefusal, run, tempFolder } from './run';

// this Node has SIMD: a stand-in WebAssembly.validate that accepts nothing makes one without it
const WITHOUT_SIMD = ['--import', 'data:text/javascript,WebAssembly.validate=()=>false'];

const coreOf = (stdout: string) => /, (\S+) core\n/.exec(stdout)?.[1];

describe.concurrent('--backend', () => {
  it("each name runs the core of that name; without the flag, the one 'neural-wasm' picks (here SIMD)", async () => {
    const train = ['train', 'xor', '--epochs', '5', '--quiet'];
    const runs = await Promise.all([run(train), ...['wasm-simd', 'wasm', 'js'].map((name) => run([...train, '--backend', name]))]);
    expect(runs.map((r) => r.code)).toEqual([0, 0, 0, 0]);
    expect(runs.map((r) => coreOf(r.stdout))).toEqual(['wasm-simd', 'wasm-simd', 'wasm', 'js']);
  });

  it.each(['f64', 'f32'])('precision %s: wasm (no SIMD) writes the same model file as wasm-simd, bit for bit', async (precision) => {
    const folder = tempFolder();
    const file = (name: string) => join(folder, `${name}.json`);
    const train = ['train', 'moons', '--epochs', '20', '--precision', precision, '--quiet'];
    const runs = await Promise.all(['wasm-simd', 'wasm'].map((name) => run([...train, '--backend', name, '--out', file(name)])));
    expect(runs.map((r) => r.code)).toEqual([0, 0]);
    expect(readFileSync(file('wasm'), 'utf8')).toBe(readFileSync(file('wasm-simd'), 'utf8'));
  });

  it('wasm-simd where WebAssembly has no SIMD is one line and exit 2, before any work; the default then runs on wasm', async () => {
    const folder = tempFolder();
    const out = join(folder, 'model.json');
    for (const command of [['train', 'moons', '--out', out], ['predict', '--model', out], ['evaluate', '--model', out, 'moons']]) {
      const refused = await run([...command, '--backend', 'wasm-simd'], '', { nodeArgs: WITHOUT_SIMD });
      expectRefusal(refused, 2, ['--backend', 'wasm-simd', 'SIMD', '--backend', 'wasm', 'same results']);
    }
    const fallback = await run(['train', 'xor', '--epochs', '5', '--quiet'], '', { nodeArgs: WITHOUT_SIMD });
    expect(fallback.code, fallback.stderr).toBe(0);
    expect(coreOf(fallback.stdout)).toBe('wasm');
  });
});
