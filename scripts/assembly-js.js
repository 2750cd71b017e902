// assembly/ as plain JS, the one recipe for the build (esbuild, scripts/build.js) and for the fast
// tests (Vite, vitest.fast.config.ts): AssemblyScript's two spellings rewritten, its portable
// helpers imported, and the f32 core as the module 'virtual:assembly-f32'.
import { readFileSync } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { transform } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const ASSEMBLY = join(root, 'assembly');
/** AssemblyScript's casts and `assert` for the JS build (module-local imports, never globals). */
export const PORTABLE_HELPERS = join(root, 'scripts', 'portable.js');
/** The compile-time constants asc defines, as the JS build has them. */
export const ASSEMBLY_DEFINES = { ASC_FEATURE_SIMD: 'false', ASC_FEATURE_THREADS: 'false', ASC_TARGET: '0' };

/**
 * The JS core at precision f32 (src/js-core-f32.ts imports it): assembly/index.ts and every module
 * it reaches loaded a second time, with real-f32.ts in real.ts's place. A module id, not a file, so
 * a tool without these plugins fails to resolve it instead of loading the f64 core;
 * src/assembly-f32.d.ts types it for tsc and editors.
 */
export const F32_CORE = 'virtual:assembly-f32';

// Two AssemblyScript-only spellings, rewritten for the JS build (keeping every line where it was):
// `@inline` on functions is not TypeScript (V8 inlines on its own), and `unchecked(x)` (no bounds
// check in WASM) is plain `(x)` in JS, which checks nothing anyway.
const portable = (code) => code.replace(/^(\s*)@inline /gm, '$1').replace(/\bunchecked\(/g, '(');

/** An assembly/ module's source for the JS build, at f64 or (real.ts read from real-f32.ts) at f32. */
function assemblySource(path, f32) {
  const file = f32 && basename(path) === 'real.ts' ? join(dirname(path), 'real-f32.ts') : path;
  return { file, code: portable(readFileSync(file, 'utf8')) };
}

/** A module of the f32 core imported from another: assembly/ imports only its own files. */
function f32Module(importer, specifier) {
  const path = `${resolve(dirname(importer), specifier).replace(/\.js$/, '')}.ts`;
  if (!path.startsWith(ASSEMBLY + sep)) throw new Error(`${F32_CORE}: ${importer} imports '${specifier}', outside assembly/`);
  return path;
}

/** For esbuild, with `inject: [PORTABLE_HELPERS]` and `define: ASSEMBLY_DEFINES` in the build's options. */
export const assemblyForEsbuild = {
  name: 'assembly-js',
  setup(build) {
    build.onResolve({ filter: /^virtual:assembly-f32$/ }, () => ({ path: join(ASSEMBLY, 'index.ts'), namespace: 'f32' }));
    build.onResolve({ filter: /^\./, namespace: 'f32' }, (args) => ({ path: f32Module(args.importer, args.path), namespace: 'f32' }));
    build.onLoad({ filter: /.*/, namespace: 'f32' }, (args) => ({ contents: assemblySource(args.path, true).code, loader: 'ts', resolveDir: dirname(args.path) }));
    build.onLoad({ filter: /[\\/]assembly[\\/].*\.ts$/ }, (args) => ({ contents: assemblySource(args.path, false).code, loader: 'ts' }));
  },
};

// the f32 core's modules: their files with a query, so Vite keeps them apart from the f64 ones
// and coverage counts them in their files (real.ts's lines in real-f32.ts)
const F32_QUERY = '?assembly-f32';
const HELPERS = ['i32', 'u32', 'f64', 'assert', 'Mathf'];

/**
 * For Vite (vitest): assembly/ modules compiled here (before Vite's own TypeScript step, which
 * would stop at `@inline`), each importing the helpers it calls, with a source map to its file.
 */
export function assemblyForVite() {
  return {
    name: 'assembly-js',
    enforce: 'pre',
    resolveId(specifier, importer) {
      if (specifier === F32_CORE) return `${join(ASSEMBLY, 'index.ts')}${F32_QUERY}`;
      if (importer?.endsWith(F32_QUERY) && specifier.startsWith('.')) return `${f32Module(importer.slice(0, -F32_QUERY.length), specifier)}${F32_QUERY}`;
      return undefined;
    },
    async load(id) {
      const [path, query] = id.split('?');
      if (!(path.startsWith(ASSEMBLY + sep) && path.endsWith('.ts'))) return undefined;
      const f32 = `?${query}` === F32_QUERY;
      const { file, code } = assemblySource(path, f32);
      // the helpers on the first line (a comment in every file), so every other line keeps its number
      const used = HELPERS.filter((name) => new RegExp(`\\b${name}\\b`).test(code));
      const helpers = used.length ? `import { ${used.join(', ')} } from ${JSON.stringify(PORTABLE_HELPERS)};` : '';
      const js = await transform(helpers + code, { loader: 'ts', format: 'esm', target: 'es2022', define: ASSEMBLY_DEFINES, sourcemap: 'external', sourcefile: file });
      return { code: js.code, map: js.map };
    },
  };
}
