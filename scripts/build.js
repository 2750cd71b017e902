// Builds dist/ in four parts, each rebuilt only when its inputs changed since the last build:
//   wasm     the WASM cores (asc): baseline, SIMD, threads and its worker, each in f64 and f32 (the
//            bulk of the time: about 40 s on 2 cores)
//   library  the entry points as ES modules (esbuild; the JS entry bundles assembly/ itself, see
//            scripts/assembly-js.js), the same modules as CommonJS for `require` in Node (dist/cjs/),
//            and the types of both (tsc)
//   workers  fitAsync's and the threads' workers, each whole in one file
//   cli      the command line: cli/ in one file, with the packages it uses
// dist/build-stamp.json holds, for each part, a hash of its inputs (the files and folders below)
// and the files it wrote, so a build with nothing changed does nothing, and a change in src/ or
// cli/ rebuilds in a second or two. Everything is built in dist.next/ (the current parts copied
// from dist/) and swapped in at the end, so a running test never sees half a build; one build
// runs at a time. `node scripts/build.js --full` builds every part whatever the stamp says:
// `npm pack` does (prepack), so the package always ships a whole build.
import { build, transform } from 'esbuild';
import { execFile, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { rmSync, renameSync, readFileSync, writeFileSync, mkdirSync, statSync, readdirSync, existsSync, copyFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { ASSEMBLY_DEFINES, PORTABLE_HELPERS, assemblyForEsbuild } from './assembly-js.js';

// every part depends on this script and on the tools' versions (the lock file)
const EVERY_PART = ['scripts/build.js', 'package-lock.json'];
const JS_CORE = ['assembly', 'scripts/assembly-js.js', 'scripts/portable.js'];
const PARTS = {
  wasm: { inputs: ['assembly', 'asconfig.json'], doing: 'the WASM cores: 8 modules (about 40 s on 2 cores)', build: buildWasm },
  library: {
    inputs: ['src', ...JS_CORE, 'package.json', 'tsconfig.json', 'tsconfig.build.json'],
    doing: "the library's modules, their CommonJS twins and types",
    build: buildLibrary,
  },
  workers: { inputs: ['src', ...JS_CORE, 'package.json', 'tsconfig.json'], doing: "fitAsync's and the threads' workers", build: buildWorkers },
  cli: { inputs: ['cli', 'shared', 'package.json', 'tsconfig.json'], doing: 'the command line', build: buildCli },
};
const STAMP = 'build-stamp.json';

// the esbuild options of the library's modules and its workers
const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
const library = {
  bundle: true,
  format: 'esm',
  platform: 'neutral',
  target: 'es2022',
  // Node's built-ins stay imports; the one package the library uses (@bufbuild/protobuf, for
  // neural-wasm/export's toONNX) is bundled, so an install of the library pulls no dependency
  external: ['node:*'],
  inject: [PORTABLE_HELPERS],
  define: { ...ASSEMBLY_DEFINES, NEURAL_WASM_VERSION: JSON.stringify(version) },
  plugins: [assemblyForEsbuild],
  // whitespace and syntax only: names stay readable in stack traces
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: 'warning',
  metafile: true,
};

const flags = process.argv.slice(2);
if (flags.some((flag) => flag !== '--full')) throw new Error(`usage: node scripts/build.js [--full], got ${flags.join(' ')}`);
const full = flags.includes('--full');

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

const built = existsSync(join('dist', STAMP)) ? JSON.parse(readFileSync(join('dist', STAMP), 'utf8')) : {};
const hashes = Object.fromEntries(Object.entries(PARTS).map(([part, { inputs }]) => [part, hashOf([...EVERY_PART, ...inputs])]));
const current = (part) => built[part]?.hash === hashes[part] && built[part].files.every((file) => existsSync(join('dist', file)));
const toBuild = Object.keys(PARTS).filter((part) => full || !current(part));
if (toBuild.length === 0) process.exit(0);

const started = performance.now();
const out = 'dist.next';
rmSync(out, { recursive: true, force: true });
mkdirSync(out);
// the parts up to date, as they are
const stamp = {};
for (const part of Object.keys(PARTS).filter((part) => !toBuild.includes(part))) {
  for (const file of built[part].files) {
    mkdirSync(dirname(join(out, file)), { recursive: true });
    copyFileSync(join('dist', file), join(out, file));
  }
  stamp[part] = built[part];
}
for (const part of toBuild) {
  process.stderr.write(`building ${PARTS[part].doing}...\n`);
  const before = new Set(filesIn(out));
  await PARTS[part].build(out);
  stamp[part] = { hash: hashes[part], files: filesIn(out).filter((file) => !before.has(file)) };
}
writeFileSync(join(out, STAMP), JSON.stringify(stamp, null, 1) + '\n');
rmSync('dist', { recursive: true, force: true });
renameSync(out, 'dist');
process.stderr.write(`built dist/ (${toBuild.join(', ')}) in ${Math.round((performance.now() - started) / 1000)} s\n`);

/** A hash of the files and folders named (every file in a folder, at any depth), names and contents. */
function hashOf(paths) {
  const hash = createHash('sha256');
  const files = paths.flatMap((path) => (statSync(path).isDirectory() ? filesIn(path).map((file) => join(path, file)) : [path]));
  for (const file of files.sort()) hash.update(`${file}\0`).update(readFileSync(file)).update('\0');
  return hash.digest('hex');
}

/** Every file in a folder, at any depth, relative to it. */
function filesIn(folder) {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(folder, join(entry.parentPath, entry.name)));
}

/**
 * Three WASM cores from one source: baseline, SIMD (browsers without SIMD get the baseline), and
 * SIMD with threads (where memory can be shared), plus the threads' worker module; then the same
 * four at precision f32, from a copy of assembly/ with real-f32.ts as its real.ts.
 */
async function buildWasm(out) {
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
      asc([`assembly/${entry}.ts`, '--config', 'asconfig.json', '--target', target, '-o', `${out}/${file}.wasm`]),
      asc([`${f32Source}/${entry}.ts`, '--config', 'asconfig.json', '--target', target, '-o', f32File]),
    ]);
  }
  rmSync(f32Source, { recursive: true });
  assertNoData(`${out}/neural-wasm-thread-worker.wasm`);
  assertNoData(`${out}/neural-wasm-f32-thread-worker.wasm`);
  // each module says which build and precision it is, so that a threads core and a workers' module
  // of different builds (a mixed-up copy of dist/) are never run together (src/wasm-core.ts)
  const build = createHash('sha256');
  for (const name of readdirSync('assembly').sort()) build.update(name).update(readFileSync(join('assembly', name)));
  const id = build.digest('hex').slice(0, 16);
  for (const name of readdirSync(out).filter((file) => file.endsWith('.wasm'))) {
    appendCustomSection(join(out, name), 'neural-wasm-core', `${name.includes('-f32') ? 'f32' : 'f64'} ${id}`);
  }
}

/** Appends a custom section (id 0: the name, then the payload) to a .wasm file. */
function appendCustomSection(file, name, payload) {
  const leb = (value) => {
    const bytes = [];
    do {
      let byte = value & 127;
      value >>>= 7;
      if (value) byte |= 128;
      bytes.push(byte);
    } while (value);
    return bytes;
  };
  const [nameBytes, payloadBytes] = [Buffer.from(name), Buffer.from(payload)];
  const content = Buffer.concat([Buffer.from(leb(nameBytes.length)), nameBytes, payloadBytes]);
  writeFileSync(file, Buffer.concat([readFileSync(file), Buffer.from([0, ...leb(content.length)]), content]));
}

/** The entry points, sharing chunks; their CommonJS twins; their types; the licenses of what they bundle. */
async function buildLibrary(out) {
  const { metafile } = await build({
    ...library,
    entryPoints: ['src/index.ts', 'src/js.ts', 'src/baseline.ts', 'src/datasets.ts', 'src/export.ts', 'src/import.ts', 'src/model.ts'],
    outdir: out,
    splitting: true,
  });
  const modules = dropEmptyChunks(out, Object.keys(metafile.outputs).map((file) => relative(out, file)));
  await buildCommonJs(out, modules, `${out}/cjs`);
  writeLicenses(metafile, `${out}/third-party-licenses.txt`, 'neural-wasm/export');
  execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json', '--outDir', `${out}/types`], { stdio: 'inherit' });
  shipDeclarations(`${out}/types/src`, [out, `${out}/cjs`]);
  rmSync(`${out}/types`, { recursive: true });
}

/**
 * fitAsync's worker and the threads' worker, each whole in one file: they share no chunk with the
 * entry points, which would split theirs and make a page's download larger (bundlers build a
 * worker on its own anyway).
 */
async function buildWorkers(out) {
  await build({ ...library, entryPoints: ['src/fit-worker.ts'], outfile: `${out}/fit-worker.js` });
  await build({ ...library, entryPoints: ['src/thread-worker.ts'], outfile: `${out}/thread-worker.js` });
}

/**
 * The command line, cli/ into one file with the packages it uses (csv-parse, cli-progress,
 * asciichart: so only the CLI pays for them, not an app's install). The library's own entry points
 * (neural-wasm, neural-wasm/js, ...) stay imports, so the CLI runs the dist/ a user imports, not a
 * copy; `mnist` is required at run time where it is installed (cli/builtin-data.ts).
 */
async function buildCli(out) {
  const { metafile } = await build({
    entryPoints: ['cli/main.ts'],
    outfile: `${out}/cli.js`,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: ['neural-wasm', 'neural-wasm/*', 'mnist'],
    // a CommonJS package bundled into an ES module calls require for Node's built-ins
    banner: { js: "import { createRequire as __cliRequire } from 'node:module';const require=__cliRequire(import.meta.url);" },
    logLevel: 'warning',
    metafile: true,
  });
  writeLicenses(metafile, `${out}/cli-third-party-licenses.txt`, 'dist/cli.js (the neural-wasm command)');
}

/**
 * The license of every package bundled into a part (the inputs esbuild's metafile lists), each with
 * its name, version and full text: MIT, BSD and Apache-2.0 ask that copies keep them. A package
 * that ships no license file (@bufbuild/protobuf) gets the copyright notices heading its bundled
 * files and the text of each license its package.json names, from scripts/licenses/.
 */
function writeLicenses(metafile, file, what) {
  const packages = new Map();
  for (const input of Object.keys(metafile.inputs)) {
    const folder = /^((?:.*[\\/])?node_modules[\\/](?:@[^\\/]+[\\/])?[^\\/]+)[\\/]/.exec(input)?.[1];
    if (folder) packages.set(folder, [...(packages.get(folder) ?? []), input]);
  }
  const texts = [...packages].sort().map(([folder, inputs]) => {
    const { name, version, license } = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8'));
    const shipped = readdirSync(folder).filter((name) => /^(licen[cs]e|copying|notice)([.-]|$)/i.test(name));
    let text = shipped.map((name) => readFileSync(join(folder, name), 'utf8').trim()).join('\n\n');
    if (!text) {
      const headers = inputs.map((input) => /^(\/\/.*\n)+/.exec(readFileSync(input, 'utf8'))?.[0] ?? '').filter((header) => header.includes('Copyright'));
      const notices = [...new Set(headers.map(licenseParagraphs))];
      const named = license.match(/[\w.-]+/g).filter((id) => !['AND', 'OR', 'WITH'].includes(id));
      const licenses = named.filter((id) => existsSync(`scripts/licenses/${id}.txt`)).map((id) => readFileSync(`scripts/licenses/${id}.txt`, 'utf8').trim());
      if (!notices.length && !licenses.length) throw new Error(`${name} is bundled into ${what} but ships no license: add its text (${license}) to scripts/licenses/`);
      text = [...notices, ...licenses].join('\n\n');
    }
    return `${name} ${version} (${license.replace(/^\((.*)\)$/, '$1')})\n\n${text}\n`;
  });
  if (texts.length) writeFileSync(file, `The packages bundled into ${what}, with their licenses.\n\n${texts.join('\n---\n\n')}`);
}

/**
 * A file's heading comment without its `//`s, less what follows the license to say what the file
 * does: the paragraphs after it, or the lines after the Apache boilerplate's last line.
 */
function licenseParagraphs(header) {
  const text = header.replace(/^\/\/ ?/gm, '').replace(/(limitations under the License\.)[^]*/, '$1');
  const paragraphs = text.trim().split(/\n\s*\n/);
  while (paragraphs.length > 1 && !/copyright|licen[cs]e|warrant|liab|redistribut|permi/i.test(paragraphs.at(-1))) paragraphs.pop();
  return paragraphs.join('\n\n');
}

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
 * Returns the modules left.
 */
function dropEmptyChunks(folder, modules) {
  const empty = modules.filter((name) => statSync(join(folder, name)).size === 0);
  const left = modules.filter((name) => !empty.includes(name));
  for (const name of empty) {
    rmSync(join(folder, name));
    const sideEffectImport = new RegExp(`import\\s*["']\\./${name.replace(/[.]/g, '\\.')}["'];?`, 'g');
    for (const other of left) {
      const code = readFileSync(join(folder, other), 'utf8');
      if (code.includes(name)) writeFileSync(join(folder, other), code.replace(sideEffectImport, ''));
    }
  }
  return left;
}

/**
 * The library's ES modules (the entries, their shared chunks and the chunks they import on
 * demand: the JS core) as CommonJS, one file for one, so `require('neural-wasm')` and
 * `require('neural-wasm/js')` share one copy of the classes as the ES modules do. They sit in
 * dist/cjs/, marked CommonJS by its package.json, and find the .wasm and the workers (ES modules,
 * for both) next to their ES twins in dist/.
 */
async function buildCommonJs(from, modules, to) {
  mkdirSync(to);
  writeFileSync(join(to, 'package.json'), JSON.stringify({ type: 'commonjs' }) + '\n');
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
