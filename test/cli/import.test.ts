// `neural-wasm import`: a model trained and saved by TensorFlow.js (model.json and its weight file, as
// model.save('file://...') writes them) becomes a model file that `neural-wasm predict` and the
// library's Model run, predicting what tfjs predicts (float32 weights, so to 1e-6); anything it
// cannot take is refused by name, and nothing is written then.
import * as tf from '@tensorflow/tfjs';
import { execFileSync } from 'node:child_process';
import { existsSync, linkSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { NeuralNetwork } from 'neural-wasm';
import { Model, type ClassPrediction } from 'neural-wasm/model';
import { expectRefusal, finished, parseOutput, readJson, refuses, run, start, tempFolder, writeFile, type Run } from './run';
import type { Part } from '../errors';

const IRIS = readFileSync(new URL('../../data/iris.csv', import.meta.url), 'utf8');
const IRIS_COLUMNS = 'sepal_length,sepal_width,petal_length,petal_width';
const IRIS_ROWS = IRIS.trim().split('\n').slice(1).map((line) => line.split(',').slice(0, 4).map(Number));
const SPECIES = IRIS.trim().split('\n').slice(1).map((line) => line.split(',')[4]);
const CLASSES = ['setosa', 'versicolor', 'virginica'];

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Saves a tfjs model as its file:// handler does: model.json and one weight file beside it. */
async function saveFiles(model: tf.LayersModel, folder: string): Promise<string> {
  let artifacts: tf.io.ModelArtifacts | undefined;
  await model.save(tf.io.withSaveHandler(async (saved) => {
    artifacts = saved;
    return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
  }));
  const { modelTopology, weightSpecs, weightData, format, generatedBy, convertedBy } = artifacts!;
  const bin = 'weights.bin';
  writeFileSync(join(folder, bin), new Uint8Array(weightData as ArrayBuffer));
  const json = { modelTopology, format, generatedBy, convertedBy, weightsManifest: [{ paths: [bin], weights: weightSpecs }] };
  return writeFile(folder, 'model.json', JSON.stringify(json));
}

async function irisModel(): Promise<tf.LayersModel> {
  const model = tf.sequential({
    layers: [tf.layers.dense({ units: 8, inputShape: [4], activation: 'tanh' }), tf.layers.dense({ units: 3, activation: 'softmax' })],
  });
  model.compile({ optimizer: tf.train.adam(0.05), loss: 'categoricalCrossentropy' });
  const labels = tf.oneHot(tf.tensor1d(SPECIES.map((name) => CLASSES.indexOf(name)), 'int32'), 3);
  await model.fit(tf.tensor2d(IRIS_ROWS), labels, { epochs: 40, verbose: 0 });
  return model;
}

function expectClose(actual: readonly number[], expected: readonly number[]): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((value, i) => expect(Math.abs(value - expected[i])).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(expected[i]))));
}

describe('neural-wasm import', () => {
  it('a tfjs model trained on iris: the model file predicts its probabilities in `neural-wasm predict` and in Model, by class name', async () => {
    const folder = tempFolder();
    const tfModel = await irisModel();
    const modelJson = await saveFiles(tfModel, folder);
    const out = join(folder, 'iris-model.json');
    const imported = await run(['import', modelJson, '--columns', IRIS_COLUMNS, '--classes', CLASSES.join(','), '--target', 'species', '--out', out]);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toContain(`${out}: network 4-8-3 (tanh, softmax), inputs sepal_length, sepal_width, petal_length, petal_width; classes setosa, versicolor, virginica`);
    const expected = (tfModel.predict(tf.tensor2d(IRIS_ROWS)) as tf.Tensor).arraySync() as number[][];

    const printed = parseOutput((await run(['predict', '--model', out, writeFile(folder, 'iris.csv', IRIS)])).stdout);
    expect(printed.header).toEqual(['species', 'p_setosa', 'p_versicolor', 'p_virginica']);
    printed.rows.forEach((row, r) => expectClose(row.slice(1).map(Number), expected[r]));
    const model = await Model.fromJSON(NeuralNetwork, readFileSync(out, 'utf8'));
    const answers = model.predict(IRIS_ROWS) as ClassPrediction[];
    answers.forEach((answer, r) => {
      expectClose(answer.probabilities, expected[r]);
      expect(answer.class).toBe(printed.rows[r][0]);
    });
    // trained, it is right on most rows; and evaluate reads the labelled file by the names given
    expect(answers.filter((answer, r) => answer.class === SPECIES[r]).length).toBeGreaterThan(120);
    const evaluated = await run(['evaluate', '--model', out, join(folder, 'iris.csv')]);
    expect(evaluated.code, evaluated.stderr).toBe(0);
    expect(evaluated.stdout).toMatch(/accuracy/);
    model.network.dispose();
  });

  it('defaults: columns x1.., classes 0.. for one sigmoid output; values for a linear output, predicted as tfjs does', async () => {
    const folder = tempFolder();
    const binary = tf.sequential({ layers: [tf.layers.dense({ units: 4, inputShape: [2], activation: 'relu' }), tf.layers.dense({ units: 1, activation: 'sigmoid' })] });
    const out = join(folder, 'binary.json');
    expect((await run(['import', await saveFiles(binary, folder), '--out', out])).code).toBe(0);
    const file = JSON.parse(readFileSync(out, 'utf8'));
    expect(file.inputs.columns).toEqual(['x1', 'x2']);
    expect(file.target).toEqual({ kind: 'classes', columns: ['class'], classes: ['0', '1'] });
    expect(file.inputs.scaling.method).toBe('none');

    const regression = tf.sequential({ layers: [tf.layers.dense({ units: 5, inputShape: [3], activation: 'tanh' }), tf.layers.dense({ units: 2 })] });
    const valuesOut = join(folder, 'values.json');
    const imported = await run(['import', await saveFiles(regression, folder), '--columns', 'a,b,c', '--out', valuesOut]);
    expect(imported.code, imported.stderr).toBe(0);
    const rows = [[1, 2, 3], [-0.5, 0.25, 4], [10, -3, 0]];
    const expected = (regression.predict(tf.tensor2d(rows)) as tf.Tensor).arraySync() as number[][];
    const printed = parseOutput((await run(['predict', '--model', valuesOut], ['a,b,c', ...rows.map((r) => r.join(','))].join('\n'))).stdout);
    expect(printed.header).toEqual(['value1', 'value2']);
    printed.rows.forEach((row, r) => expectClose(row.map(Number), expected[r]));
  });

  it('many inputs and classes: the line it prints names the first few and how many in all', async () => {
    const folder = tempFolder();
    const wide = tf.sequential({ layers: [tf.layers.dense({ units: 323, inputShape: [40], activation: 'softmax' })] });
    const out = join(folder, 'wide.json');
    const imported = await run(['import', await saveFiles(wide, folder), '--out', out]);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toBe(`${out}: network 40-323 (softmax), inputs x1, x2, x3, x4, x5, x6, x7, x8, … (40 in all); classes 0, 1, 2, 3, 4, 5, 6, 7, … (323 in all)\n`);
    expect(readJson(out).target.classes).toHaveLength(323);
  });

  it('a name given twice in --columns, --classes or --target: a bad command line naming the flag and the name', async () => {
    const folder = tempFolder();
    const model = await saveFiles(tf.sequential({ layers: [tf.layers.dense({ units: 3, inputShape: [2], activation: 'softmax' })] }), folder);
    const out = join(folder, 'out.json');
    for (const [flag, names] of [['--columns', 'a,a'], ['--classes', 'x,y,x'], ['--target', 'v,v']]) {
      const args = flag === '--target' ? ['--task', 'regression'] : [];
      await refuses(['import', model, flag, names, ...args, '--out', out], 2, [flag, `"${names.split(',')[0]}"`, 'twice']);
    }
    expect(existsSync(out)).toBe(false);
  });

  it('refuses what it cannot take, by name, writing nothing and leaving an earlier file as it was', async () => {
    const folder = tempFolder();
    const out = writeFile(folder, 'kept.json', 'an earlier file\n');
    // refused (2: a bad command line, 1: a model it cannot take), the message naming each part
    const fails = async (args: string[], code: 1 | 2, parts: Part[]) => {
      await refuses(['import', ...args, '--out', out], code, parts);
      expect(readFileSync(out, 'utf8')).toBe('an earlier file\n');
    };
    const softmax3 = await saveFiles(tf.sequential({ layers: [tf.layers.dense({ units: 3, inputShape: [4], activation: 'softmax' })] }), folder);
    await fails([softmax3, '--columns', 'a,b'], 2, ['--columns', '2 columns', softmax3, '4 inputs']);
    await fails([softmax3, '--classes', 'a,b'], 2, ['--classes', '2 classes', softmax3, '3 softmax outputs']);
    await fails([softmax3, '--task', 'regression', '--classes', 'a,b,c'], 2, ['--classes', 'classes', '--task', 'regression']);
    await fails([softmax3, '--columns', 'a,b,class,d'], 1, [softmax3, '"class"', 'input', 'target']);

    const two = tf.sequential({ layers: [tf.layers.dense({ units: 2, inputShape: [2], activation: 'softmax' })] });
    const twoFile = await saveFiles(two, tempFolder());
    await fails([twoFile], 2, [twoFile, '2 softmax outputs', 'two classes', 'one sigmoid output', '--task regression']);
    const linear = tf.sequential({ layers: [tf.layers.dense({ units: 2, inputShape: [2] })] });
    const linearFile = await saveFiles(linear, tempFolder());
    await fails([linearFile, '--task', 'classification'], 2, [linearFile, '2 linear outputs', 'classes', 'softmax output', 'sigmoid output', '--task regression']);

    const withNorm = tf.sequential({ layers: [tf.layers.dense({ units: 4, inputShape: [3] }), tf.layers.batchNormalization(), tf.layers.dense({ units: 1 })] });
    const withNormFile = await saveFiles(withNorm, tempFolder());
    await fails([withNormFile], 1, [withNormFile, 'BatchNormalization', 'not supported']);

    const truncated = tempFolder();
    writeFileSync(join(truncated, 'model.json'), readFileSync(softmax3));
    writeFileSync(join(truncated, 'weights.bin'), new Uint8Array(3));
    await fails([join(truncated, 'model.json')], 1, [join(truncated, 'model.json'), 'weight data', '60 bytes', '3 bytes']);
    const missing = tempFolder();
    writeFileSync(join(missing, 'model.json'), readFileSync(softmax3));
    await fails([join(missing, 'model.json')], 1, [join(missing, 'weights.bin'), 'no such file']);
    const bare = writeFile(missing, 'bare.json', '{"format":"neural-wasm"}');
    await fails([bare], 1, [bare, 'TensorFlow.js model.json', '"weightsManifest"']);
    const text = writeFile(missing, 'text.json', 'layers');
    await fails([text], 1, [text, 'TensorFlow.js model.json', 'JSON']);
    await fails([out], 2, ['--out', out, 'overwrite', 'model to import']);
    // a value nested 100,000 deep: a named error, not a stack overflow
    const deep = tempFolder();
    const deepJSON = readFileSync(softmax3, 'utf8').replace(/"batch_input_shape":\[null,4\]/, `"batch_input_shape":${'['.repeat(100_000)}${']'.repeat(100_000)}`);
    expect(deepJSON).toContain('[[[[');
    writeFileSync(join(deep, 'model.json'), deepJSON);
    writeFileSync(join(deep, 'weights.bin'), readFileSync(join(folder, 'weights.bin')));
    await fails([join(deep, 'model.json')], 1, [join(deep, 'model.json'), 'input shape', '[[[…]]]', 'not supported', '[null, n]']);
    expect(existsSync(join(folder, 'model.json'))).toBe(true);
  });
});

// The weight files a model.json lists are chosen by whoever made the model: import reads each only
// when it is a regular file inside model.json's folder, no larger than its manifest group declares,
// and refuses anything else by the listed path, telling nothing of the file (not its size).
describe('neural-wasm import reads only the weight files inside the model folder', () => {
  // 4 inputs, 3 softmax outputs: 15 float32 weights, 60 bytes
  const DECLARED = 60;
  let saved: { json: any; bin: Uint8Array };
  beforeAll(async () => {
    const folder = tempFolder();
    const modelJson = await saveFiles(tf.sequential({ layers: [tf.layers.dense({ units: 3, inputShape: [4], activation: 'softmax' })] }), folder);
    saved = { json: JSON.parse(readFileSync(modelJson, 'utf8')), bin: readFileSync(join(folder, 'weights.bin')) };
  });

  /** A model folder (inside a fresh parent folder) whose manifest lists `path`; the parent also holds a secret of exactly the declared size. */
  function modelListing(path: string): { parent: string; folder: string; model: string; secret: string; out: string } {
    const parent = tempFolder();
    const folder = join(parent, 'model');
    mkdirSync(folder);
    const secret = writeFile(parent, 'secret.txt', 'S'.repeat(DECLARED));
    const model = writeFile(folder, 'model.json', JSON.stringify({ ...saved.json, weightsManifest: [{ paths: [path], weights: saved.json.weightsManifest[0].weights }] }));
    return { parent, folder, model, secret, out: join(parent, 'imported.json') };
  }

  // a command that a failing test does not leave behind (before these checks, a FIFO blocked the
  // import forever and /dev/zero was read until memory ran out)
  async function importing(model: string, out: string): Promise<Run> {
    const child = start(['import', model, '--out', out]);
    onTestFinished(() => void (child.exitCode === null && child.signalCode === null && child.kill('SIGKILL')));
    const done = finished(child);
    child.stdin!.end();
    return done;
  }

  /** What a refusal of a file that is not a regular one in the model's folder names: that, and the folder. */
  const inside = (folder: string): Part[] => ['regular file', 'inside', folder];

  /** Refused by the listed path (exit 1), the message naming the model, the path and each part. */
  async function refused(model: string, out: string, listed: string, parts: Part[]): Promise<Run> {
    const result = await importing(model, out);
    expectRefusal(result, 1, [model, 'weightsManifest', JSON.stringify(listed), ...parts]);
    expect(existsSync(out)).toBe(false);
    return result;
  }

  it("a path out of the folder (../secret.txt), an absolute path, a symlink inside to a file outside: refused, the secret's bytes stay out of any model", async () => {
    const up = modelListing('../secret.txt');
    await refused(up.model, up.out, '../secret.txt', inside(up.folder));
    const absolute = modelListing('');
    writeFile(absolute.folder, 'model.json', readFileSync(absolute.model, 'utf8').replace('"paths":[""]', `"paths":[${JSON.stringify(absolute.secret)}]`));
    await refused(absolute.model, absolute.out, absolute.secret, inside(absolute.folder));
    const linked = modelListing('weights.bin');
    symlinkSync(linked.secret, join(linked.folder, 'weights.bin'));
    await refused(linked.model, linked.out, 'weights.bin', inside(linked.folder));
    // a link to a folder outside, and a link that leads nowhere: refused alike (nothing told of what lies there)
    const throughFolder = modelListing('elsewhere/secret.txt');
    symlinkSync(throughFolder.parent, join(throughFolder.folder, 'elsewhere'));
    await refused(throughFolder.model, throughFolder.out, 'elsewhere/secret.txt', inside(throughFolder.folder));
    const dangling = modelListing('weights.bin');
    symlinkSync(join(dangling.parent, 'no-such-file'), join(dangling.folder, 'weights.bin'));
    await refused(dangling.model, dangling.out, 'weights.bin', inside(dangling.folder));
  });

  it.skipIf(!existsSync('/dev/zero'))('/dev/zero, listed or linked: a character device, refused before reading', async () => {
    const listed = modelListing('/dev/zero');
    await refused(listed.model, listed.out, '/dev/zero', inside(listed.folder));
    // in the folder, a device is named for what it is
    const device = modelListing('zero.bin');
    symlinkSync('/dev/zero', join(device.folder, 'zero.bin'));
    await refused(device.model, device.out, 'zero.bin', inside(device.folder));
  });

  it.skipIf(process.platform === 'win32')('a FIFO in the folder: refused without waiting for a writer', async () => {
    const fifo = modelListing('weights.bin');
    execFileSync('mkfifo', [join(fifo.folder, 'weights.bin')]);
    await refused(fifo.model, fifo.out, 'weights.bin', ['pipe', ...inside(fifo.folder)]);
  });

  it('a file larger than its manifest group declares: refused without its size', async () => {
    const large = modelListing('weights.bin');
    writeFileSync(join(large.folder, 'weights.bin'), new Uint8Array(123_457).fill(65));
    const { stderr } = await refused(large.model, large.out, 'weights.bin', ['at most', `${DECLARED} bytes`, 'group']);
    expect(stderr).not.toMatch(/123[,.]?457/);
    // the group's bytes are shared by its files: the second file may hold only what the first left
    const shared = modelListing('a.bin');
    writeFile(shared.folder, 'model.json', readFileSync(shared.model, 'utf8').replace('"paths":["a.bin"]', '"paths":["a.bin","b.bin"]'));
    writeFileSync(join(shared.folder, 'a.bin'), saved.bin.subarray(0, 40));
    writeFileSync(join(shared.folder, 'b.bin'), saved.bin);
    await refused(shared.model, shared.out, 'b.bin', ['at most', '20 bytes', 'group']);
  });

  it('weights in a subfolder of the model folder, and shards that fill their group exactly: imported', async () => {
    const nested = modelListing('shards/weights.bin');
    mkdirSync(join(nested.folder, 'shards'));
    writeFileSync(join(nested.folder, 'shards', 'weights.bin'), saved.bin);
    const imported = await importing(nested.model, nested.out);
    expect(imported.code, imported.stderr).toBe(0);
    const split = modelListing('a.bin');
    writeFile(split.folder, 'model.json', readFileSync(split.model, 'utf8').replace('"paths":["a.bin"]', '"paths":["a.bin","b.bin"]'));
    writeFileSync(join(split.folder, 'a.bin'), saved.bin.subarray(0, 40));
    writeFileSync(join(split.folder, 'b.bin'), saved.bin.subarray(40));
    const fromShards = await importing(split.model, split.out);
    expect(fromShards.code, fromShards.stderr).toBe(0);
    const weightsOf = (path: string) => (({ weights, biases }) => ({ weights, biases }))(readJson(path).network);
    expect(weightsOf(split.out)).toEqual(weightsOf(nested.out));
    // a name that only starts with two dots is in the folder
    const dotted = modelListing('..weights.bin');
    writeFileSync(join(dotted.folder, '..weights.bin'), saved.bin);
    const fromDotted = await importing(dotted.model, dotted.out);
    expect(fromDotted.code, fromDotted.stderr).toBe(0);
    expect(weightsOf(dotted.out)).toEqual(weightsOf(nested.out));
  });

  it("--out naming a weight file (by its path, a symlink to it, a hard link to it): a bad command line, the file unchanged", async () => {
    const { folder, model } = modelListing('weights.bin');
    const weights = join(folder, 'weights.bin');
    writeFileSync(weights, saved.bin);
    symlinkSync('weights.bin', join(folder, 'link.bin'));
    linkSync(weights, join(folder, 'hard.bin'));
    for (const out of [weights, join(folder, 'link.bin'), join(folder, 'hard.bin')]) {
      await refuses(['import', model, '--out', out], 2, ['--out', out, 'overwrite', 'weight file', weights]);
      expect(readFileSync(weights)).toEqual(Buffer.from(saved.bin));
    }
  });
});

// model.json's folder is where the weights are looked for: the folder of model.json's real path,
// and model.json a regular file (a pipe such as /dev/stdin has no folder: /dev is none of the
// model's). The manifest's sizes and odd paths are refused by name before a file is read.
describe("neural-wasm import: model.json's folder, and manifests refused before reading", () => {
  // 2 inputs, 1 linear output: 3 float32 weights, 12 bytes
  function denseModelJSON(paths: string[], weights = [{ name: 'dense/kernel', shape: [2, 1], dtype: 'float32' }, { name: 'dense/bias', shape: [1], dtype: 'float32' }]): string {
    const layers = [{ class_name: 'Dense', config: { name: 'dense', units: 1, activation: 'linear', use_bias: true, batch_input_shape: [null, 2] } }];
    return JSON.stringify({ format: 'layers-model', modelTopology: { class_name: 'Sequential', config: { name: 's', layers } }, weightsManifest: [{ paths, weights }] });
  }
  const WEIGHTS = new Float32Array([0.5, 1.5, 2.5]);
  const SECRET = 'SECRETSECRET'; // 12 bytes: as many as the weights

  it('model.json as /dev/stdin (a pipe, or the socket Node gives a child): refused by name, nothing in /dev read', async () => {
    const shared = existsSync('/dev/shm') ? join('/dev/shm', `neural-wasm-test-${process.pid}`) : undefined;
    if (shared) {
      writeFileSync(shared, SECRET);
      onTestFinished(() => void rmSync(shared, { force: true }));
    }
    const out = join(tempFolder(), 'out.json');
    const result = await run(['import', '/dev/stdin', '--out', out], denseModelJSON([`shm/neural-wasm-test-${process.pid}`]));
    expectRefusal(result, 1, ['/dev/stdin', /\b(pipe|socket)\b/, 'model.json', 'regular file']);
    // and '-', standard input to the other commands, is no model.json either
    const dash = await run(['import', '-', '--out', out], denseModelJSON(['weights.bin']));
    expectRefusal(dash, 2, ['import', 'model.json', 'path', 'standard input', '(-)']);
    expect(existsSync(out)).toBe(false);
  });

  it("a symlink to model.json: the weights are those of the real model.json's folder, not of the link's", async () => {
    const parent = tempFolder();
    const folder = join(parent, 'model');
    mkdirSync(folder);
    writeFile(folder, 'model.json', denseModelJSON(['weights.bin']));
    writeFileSync(join(folder, 'weights.bin'), new Uint8Array(WEIGHTS.buffer));
    writeFile(parent, 'weights.bin', SECRET);
    symlinkSync(join(folder, 'model.json'), join(parent, 'link.json'));
    const out = join(parent, 'out.json');
    const result = await run(['import', join(parent, 'link.json'), '--out', out]);
    expect(result.code, result.stderr).toBe(0);
    expect(readJson(out).network.weights).toEqual([[[0.5], [1.5]]]);
    expect(readJson(out).network.biases).toEqual([[2.5]]);
  });

  it('a manifest declaring more bytes than any network holds: refused before any file is read', async () => {
    const folder = tempFolder();
    const huge = [{ name: 'dense/kernel', shape: [2, 1], dtype: 'float32' }, { name: 'dense/bias', shape: [1], dtype: 'float32' }, { name: 'junk', shape: [2 ** 29], dtype: 'int32' }];
    const model = writeFile(folder, 'model.json', denseModelJSON(['weights.bin'], huge));
    writeFileSync(join(folder, 'weights.bin'), new Uint8Array(WEIGHTS.buffer));
    const result = await run(['import', model, '--out', join(folder, 'out.json')]);
    expectRefusal(result, 1, [model, 'weightsManifest', '2,147,483,660 bytes', '16,777,216 parameters', '134,217,728 bytes']);
  });

  it('paths through a link out of the folder, through a file, with a NUL: one refusal, whatever lies there', async () => {
    const folder = tempFolder();
    writeFileSync(join(folder, 'weights.bin'), new Uint8Array(WEIGHTS.buffer));
    symlinkSync('/', join(folder, 'root'));
    // (a file that exists outside, and a folder that does not, are told apart by nothing)
    for (const listed of [`root${process.execPath}/x`, 'root/no-such-folder/x', 'weights.bin/x', '\u0000', `${'a'.repeat(300)}/x`]) {
      const model = writeFile(folder, 'model.json', denseModelJSON([listed]));
      const result = await run(['import', model, '--out', join(folder, 'out.json')]);
      expectRefusal(result, 1, [model, 'weightsManifest path', JSON.stringify(listed.length > 40 ? listed.slice(0, 40) + '…' : listed), 'regular file inside', folder]);
      // nothing told of what lies there: one message for all, whatever the path meets
      expect(result.stderr).not.toMatch(/ENOTDIR|ENOENT|ENAMETOOLONG|null bytes|no such file/);
    }
  });
});
