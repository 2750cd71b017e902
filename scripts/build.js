// Builds dist/: the WASM cores (asc: baseline and SIMD), the entry points (esbuild) and their types (tsc). The JS entry
// bundles assembly/ itself, with the portable helpers injected as module-local imports. Everything
// is built in dist.next/ and swapped in at the end, so a running test never sees half a build.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { rmSync, renameSync, readFileSync, mkdirSync, statSync } from 'node:fs';

// Two AssemblyScript-only spellings, rewritten for the JS build (keeping every line where it was):
// `@inline` on functions is not TypeScript (V8 inlines on its own), and `unchecked(x)` (no bounds
// check in WASM) is plain `(x)` in JS, which checks nothing anyway.
const portableAssemblyScript = {
  name: 'portable-assemblyscript',
  setup(build) {
    build.onLoad({ filter: /[\\/]assembly[\\/].*\.ts$/ }, (args) => ({
      contents: readFileSync(args.path, 'utf8')
        .replace(/^(\s*)@inline /gm, '$1')
        .replace(/\bunchecked\(/g, '('),
      loader: 'ts',
    }));
  },
};

// one build at a time (two terminals, or a test and a watcher): a lock directory, taken over when stale
const lock = 'dist.lock';
for (let waited = 0; ; waited += 200) {
  try {
    mkdirSync(lock);
    break;
  } catch {
    const age = Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
    if (age > 180_000) rmSync(lock, { recursive: true, force: true });
    else if (waited > 300_000) throw new Error(`another build holds ${lock}; remove it if none is running`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
process.on('exit', () => rmSync(lock, { recursive: true, force: true }));

const out = 'dist.next';
rmSync(out, { recursive: true, force: true });
// two WASM cores from one source: baseline, and SIMD (browsers without SIMD get the baseline)
for (const target of ['baseline', 'simd']) {
  execFileSync('npx', ['asc', '--config', 'asconfig.json', '--target', target], { stdio: 'inherit' });
}
await build({
  entryPoints: ['src/index.ts', 'src/js.ts', 'src/baseline.ts', 'src/datasets.ts', 'src/fit-worker.ts'],
  outdir: out,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'neutral',
  target: 'es2022',
  external: ['node:*'],
  inject: ['scripts/portable.js'],
  define: { ASC_FEATURE_SIMD: 'false' },
  plugins: [portableAssemblyScript],
  // whitespace and syntax only: names stay readable in stack traces
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: 'warning',
});
// the command line, cli/ into one file; every package stays an import, the library's own entry
// points (neural-wasm, neural-wasm/js, ...) too, so the CLI runs the dist/ a user imports, not a copy
await build({
  entryPoints: ['cli/main.ts'],
  outfile: `${out}/cli.js`,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
});
execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json', '--outDir', `${out}/types`], { stdio: 'inherit' });
rmSync('dist', { recursive: true, force: true });
renameSync(out, 'dist');
