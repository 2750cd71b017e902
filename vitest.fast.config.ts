// `npm run test:fast` (and `npm run coverage`): the Node tests against the sources, for the
// edit-and-test loop. `neural-wasm`, `neural-wasm/js`, ... are src/'s entry files, and the JS cores
// (f64, and f32 through 'virtual:assembly-f32') are assembly/ compiled by scripts/assembly-js.js as
// vitest loads it, so what runs is the source as it is, mapped to its lines (coverage, stack
// traces). What src/ loads beside itself, the .wasm files and the workers' bundles, comes from
// dist/, which test/fast-setup.ts first brings up to date (nothing to do when nothing changed, a
// second or two after a change in src/, the WASM cores' 40 s after one in assembly/).
// Not here, for time (`npm test` runs them): the tests that run the `neural-wasm` command or other
// Node processes, the WASM core's memory at its limits, the packed package, and the browsers.
import { defineConfig, type Plugin } from 'vitest/config';
import { readFileSync, readdirSync } from 'node:fs';
import { basename, join, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { assemblyForVite } from './scripts/assembly-js.js';

const root = fileURLToPath(new URL('.', import.meta.url));
const src = join(root, 'src');
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

// src/wasm-core.ts, fit-async.ts and threads.ts find the .wasm files and the workers with
// `new URL('./...', import.meta.url)`: here that URL is the file's place in dist/
const besideInDist: Plugin = {
  name: 'src-loads-beside-it-from-dist',
  enforce: 'pre',
  transform(code, id) {
    if (!id.startsWith(src + sep) || !code.includes('import.meta.url')) return undefined;
    const inDist = pathToFileURL(join(root, 'dist', basename(id).replace(/\.ts$/, '.js'))).href;
    return { code: code.replaceAll('import.meta.url', JSON.stringify(inDist)), map: null }; // (same lines)
  },
};

// left to `npm test`, for time: the tests that run the command (they import test/cli/run.ts) or
// other Node processes over dist/, and the WASM core's memory at its limits (filling 4 GiB,
// collecting 16,000 networks)
const testFiles = (folder: string): string[] =>
  readdirSync(join(root, folder), { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.test.ts')).map((file) => `${folder}/${file}`);
const RUN_THE_COMMAND = testFiles('test').filter((file) => /from '\.{1,2}\/(cli\/)?run'/.test(readFileSync(join(root, file), 'utf8')));
const SLOW = ['test/threads-host.test.ts', 'test/wasm-core.test.ts'];

export default defineConfig({
  plugins: [assemblyForVite(), besideInDist],
  define: { NEURAL_WASM_VERSION: JSON.stringify(version) },
  resolve: {
    alias: [
      { find: /^neural-wasm$/, replacement: join(src, 'index.ts') },
      { find: /^neural-wasm\/(js|baseline|datasets|model|export|import)$/, replacement: join(src, '$1.ts') },
    ],
  },
  test: {
    name: 'fast',
    include: ['test/**/*.test.ts'],
    exclude: ['test/browser/**', 'test/e2e/**', 'test/bundler/**', 'test/package/**', ...RUN_THE_COMMAND, ...SLOW],
    globalSetup: ['test/fast-setup.ts'],
    testTimeout: 60_000,
    // vitest's default leaves a core of two to itself; its main process has little to do here
    maxWorkers: 2,
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts', 'cli/**/*.ts', 'shared/**/*.ts', 'assembly/**/*.ts'],
      // declarations, the generated protobuf code, and the WASM-only modules (asc compiles them; they never run as JS)
      exclude: ['**/*.d.ts', 'src/onnx/onnx_pb.ts', 'assembly/simd.ts', 'assembly/threads.ts', 'assembly/thread-worker.ts', 'assembly/wasm*.ts', 'assembly/logarithm.ts'],
      reporter: ['text', 'text-summary'],
    },
  },
});
