// Builds dist/: the WASM core (asc), both entry points (esbuild) and their types (tsc). The JS entry
// bundles assembly/ itself, with the portable helpers injected as module-local imports. Everything
// is built in dist.next/ and swapped in at the end, so a running test never sees half a build.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { rmSync, renameSync, readFileSync } from 'node:fs';

// AssemblyScript's `@inline` on functions is not TypeScript; for the JS build it is dropped
// (V8 inlines on its own), keeping every line where it was.
const dropAssemblyScriptDecorators = {
  name: 'drop-assemblyscript-decorators',
  setup(build) {
    build.onLoad({ filter: /[\\/]assembly[\\/].*\.ts$/ }, (args) => ({
      contents: readFileSync(args.path, 'utf8').replace(/^(\s*)@inline /gm, '$1'),
      loader: 'ts',
    }));
  },
};

const out = 'dist.next';
rmSync(out, { recursive: true, force: true });
execFileSync('npx', ['asc', '--config', 'asconfig.json', '--target', 'release', '--outFile', `${out}/neural-wasm.wasm`], { stdio: 'inherit' });
await build({
  entryPoints: ['src/index.ts', 'src/js.ts'],
  outdir: out,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'neutral',
  target: 'es2022',
  external: ['node:*'],
  inject: ['scripts/portable.js'],
  plugins: [dropAssemblyScriptDecorators],
  logLevel: 'warning',
});
execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json', '--outDir', `${out}/types`], { stdio: 'inherit' });
rmSync('dist', { recursive: true, force: true });
renameSync(out, 'dist');
