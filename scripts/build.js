// Builds dist/: the WASM cores (asc: baseline, SIMD, threads, each in f64 and f32), the entry points as ES modules (esbuild),
// the same modules as CommonJS for `require` in Node (dist/cjs/), and the types of both (tsc). The
// JS entry bundles assembly/ itself, with the portable helpers injected as module-local imports.
// Everything is built in dist.next/ and swapped in at the end, so a running test never sees half a
// build. `npm pack` runs this first (prepack), so the package always ships it.
import { build, transform } from 'esbuild';
import { execFile, execFileSync } from 'node:child_process';
import { rmSync, renameSync, readFileSync, writeFileSync, mkdirSync, statSync, readdirSync, existsSync, copyFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

// Two AssemblyScript-only spellings, rewritten for the JS build (keeping every line where it was):
// `@inline` on functions is not TypeScript (V8 inlines on its own), and `unchecked(x)` (no bounds
// check in WASM) is plain `(x)` in JS, which checks nothing anyway.
const portable = (code) => code.replace(/^(\s*)@inline /gm, '$1').replace(/\bunchecked\(/g, '(');
const portableAssemblyScript = {
  name: 'portable-assemblyscript',
  setup(build) {
    build.onLoad({ filter: /[\\/]assembly[\\/].*\.ts$/ }, (args) => ({ contents: portable(readFileSync(args.path, 'utf8')), loader: 'ts' }));
  },
};

// The f32 core (assembly/real.ts): assembly/ with real-f32.ts in real.ts's place. For JS, every
// assembly/ module src/js-core-f32.ts reaches is loaded a second time, in a namespace of its own,
// so the JS build holds both cores (the f32 one in a chunk of its own, loaded on demand).
const F32_IMPORTER = /[\\/]src[\\/]js-core-f32\.ts$/;
const f32AssemblyScript = {
  name: 'f32-assembly',
  setup(build) {
    build.onResolve({ filter: /^\./ }, (args) => {
      if (args.namespace !== 'f32' && !F32_IMPORTER.test(args.importer)) return undefined;
      const path = resolve(args.resolveDir, args.path).replace(/\.js$/, '');
      if (!path.includes(`${resolve('assembly')}`)) return undefined;
      return { path: `${path}.ts`, namespace: 'f32' };
    });
    build.onLoad({ filter: /.*/, namespace: 'f32' }, (args) => ({
      contents: portable(readFileSync(args.path.endsWith('/real.ts') ? join(dirname(args.path), 'real-f32.ts') : args.path, 'utf8')),
      loader: 'ts',
      resolveDir: dirname(args.path),
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
// three WASM cores from one source: baseline, SIMD (browsers without SIMD get the baseline), and
// SIMD with threads (where memory can be shared), plus the threads' worker module; then the same
// four at precision f32, from a copy of assembly/ with real-f32.ts as its real.ts
const f32Source = `${out}/f32-assembly`;
mkdirSync(f32Source, { recursive: true });
for (const name of readdirSync('assembly')) copyFileSync(join('assembly', name), join(f32Source, name));
copyFileSync('assembly/real-f32.ts', join(f32Source, 'real.ts'));
// (the f64 and the f32 build of each target side by side: asc runs on one core)
const asc = (args) =>
  new Promise((done, fail) =>
    execFile('npx', ['asc', ...args], (error, stdout, stderr) => {
      process.stderr.write(stderr.replace(/^Last converge was suboptimal\.\n/gm, '')); // (binaryen's note, not a problem)
      if (error) fail(error);
      else done();
    }),
  );
for (const [target, entry, file] of [
  ['baseline', 'wasm', 'neural-wasm'], ['simd', 'wasm', 'neural-wasm-simd'], ['threads', 'wasm-threads', 'neural-wasm-threads'],
  ['thread-worker', 'thread-worker', 'neural-wasm-thread-worker'],
]) {
  const f32File = `${out}/${file.replace('neural-wasm', 'neural-wasm-f32')}.wasm`;
  await Promise.all([
    asc([`assembly/${entry}.ts`, '--config', 'asconfig.json', '--target', target]),
    asc([`${f32Source}/${entry}.ts`, '--config', 'asconfig.json', '--target', target, '-o', f32File]),
  ]);
}
rmSync(f32Source, { recursive: true });
assertNoData(`${out}/neural-wasm-thread-worker.wasm`);
assertNoData(`${out}/neural-wasm-f32-thread-worker.wasm`);
const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
const library = {
  bundle: true,
  format: 'esm',
  platform: 'neutral',
  target: 'es2022',
  // the package's runtime dependencies stay imports, resolved by the user's Node or bundler (only
  // neural-wasm/export has one: @bufbuild/protobuf, for toONNX); the CommonJS build requires them
  external: ['node:*', '@bufbuild/protobuf', '@bufbuild/protobuf/*'],
  inject: ['scripts/portable.js'],
  define: { ASC_FEATURE_SIMD: 'false', ASC_FEATURE_THREADS: 'false', ASC_TARGET: '0', NEURAL_WASM_VERSION: JSON.stringify(version) },
  plugins: [f32AssemblyScript, portableAssemblyScript],
  // whitespace and syntax only: names stay readable in stack traces
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: 'warning',
};
// the entry points, sharing chunks
await build({ ...library, entryPoints: ['src/index.ts', 'src/js.ts', 'src/baseline.ts', 'src/datasets.ts', 'src/export.ts', 'src/import.ts', 'src/model.ts'], outdir: out, splitting: true });
dropEmptyChunks(out);
// fitAsync's worker, whole in one file: it shares no chunk with the entry points, which would split
// theirs and make a page's download larger (bundlers build a worker on its own anyway)
await build({ ...library, entryPoints: ['src/fit-worker.ts'], outfile: `${out}/fit-worker.js` });
await build({ ...library, entryPoints: ['src/thread-worker.ts'], outfile: `${out}/thread-worker.js` });
await buildCommonJs(out, `${out}/cjs`);
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
shipDeclarations(`${out}/types/src`, [out, `${out}/cjs`]);
rmSync(`${out}/types`, { recursive: true });
rmSync('dist', { recursive: true, force: true });
renameSync(out, 'dist');

/**
 * The threads' worker module is instantiated over the main module's memory, so any data of its own
 * (a data segment, written at instantiation) would overwrite the main module's: fail the build.
 */
function assertNoData(file) {
  const bytes = readFileSync(file);
  let at = 8;
  const leb = () => {
    let value = 0;
    for (let shift = 0; ; shift += 7) {
      const byte = bytes[at++];
      value |= (byte & 127) << shift;
      if (byte < 128) return value >>> 0;
    }
  };
  while (at < bytes.length) {
    const section = bytes[at++];
    const size = leb();
    if (section === 11) throw new Error(`${file} has a data section: it would overwrite the core's memory (see assembly/thread-worker.ts)`);
    at += size;
  }
}

/**
 * esbuild gives a shared module with no code of its own (src/public.ts: re-exports only) a chunk of
 * its own, empty, which the entries import for its side effects: drop the file and those imports.
 */
function dropEmptyChunks(folder) {
  const files = readdirSync(folder).filter((name) => name.endsWith('.js'));
  for (const empty of files.filter((name) => statSync(join(folder, name)).size === 0)) {
    rmSync(join(folder, empty));
    const sideEffectImport = new RegExp(`import\\s*["']\\./${empty.replace(/[.]/g, '\\.')}["'];?`, 'g');
    for (const name of files.filter((name) => name !== empty && existsSync(join(folder, name)))) {
      const code = readFileSync(join(folder, name), 'utf8');
      if (code.includes(empty)) writeFileSync(join(folder, name), code.replace(sideEffectImport, ''));
    }
  }
}

/**
 * The library's ES modules (not the worker; the CLI is built after) as CommonJS, one
 * file for one, so `require('neural-wasm')` and `require('neural-wasm/js')` share one copy of the
 * classes as the ES modules do. They sit in dist/cjs/, marked CommonJS by its package.json, and
 * find the .wasm and fitAsync's worker (an ES module, as before) next to their ES twins in dist/.
 */
async function buildCommonJs(from, to) {
  mkdirSync(to);
  writeFileSync(join(to, 'package.json'), JSON.stringify({ type: 'commonjs' }) + '\n');
  // every module but the worker (an ES module for both): the entries, their shared chunks and the
  // chunks they import on demand (the JS core)
  const modules = readdirSync(from).filter((name) => name.endsWith('.js') && !['fit-worker.js', 'thread-worker.js'].includes(name));
  for (const name of modules) {
    const code = readFileSync(join(from, name), 'utf8');
    const usesUrl = code.includes('import.meta.url');
    const result = await transform(code, {
      format: 'cjs',
      platform: 'node',
      target: 'node20',
      supported: { 'dynamic-import': false }, // import('./js-core-*.js') as a require
      define: usesUrl ? { 'import.meta.url': 'esModuleUrl' } : undefined,
      // the URL of this file's ES twin, one folder up
      banner: usesUrl ? `const esModuleUrl=require("node:url").pathToFileURL(require("node:path").join(__dirname,"..",${JSON.stringify(name)})).href;` : '',
      minifyWhitespace: true,
      minifySyntax: true,
      logLevel: 'warning',
    });
    writeFileSync(join(to, name), result.code);
  }
}

/**
 * Copies the declarations a user's TypeScript reaches from the entry points (src/index.d.ts, ...)
 * into each folder, next to the modules they describe, and checks that every import among them
 * names its file as Node needs (`./network.js`): tsc emits the specifiers as written in src/.
 */
function shipDeclarations(types, folders) {
  const reached = new Set();
  const visit = (file) => {
    if (reached.has(file)) return;
    reached.add(file);
    const text = readFileSync(join(types, file), 'utf8');
    for (const [, specifier] of text.matchAll(/(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]*)['"]/g)) {
      if (!specifier.endsWith('.js')) {
        throw new Error(`dist types: ${file} imports '${specifier}' without its .js extension (write it so in src/)`);
      }
      const target = relative(types, join(types, dirname(file), specifier.replace(/\.js$/, '.d.ts')));
      if (target.startsWith('..') || !existsSync(join(types, target))) {
        throw new Error(`dist types: ${file} imports '${specifier}', which is not a declaration of src/`);
      }
      visit(target);
    }
  };
  ['index.d.ts', 'js.d.ts', 'baseline.d.ts', 'datasets.d.ts', 'export.d.ts', 'import.d.ts', 'model.d.ts'].forEach(visit);
  for (const folder of folders) {
    for (const file of reached) writeFileSync(join(folder, file), readFileSync(join(types, file)));
  }
}
