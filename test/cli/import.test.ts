// `neural-wasm import`: a model trained and saved by TensorFlow.js (model.json and its weight file, as
// model.save('file://...') writes them) becomes a model file that `neural-wasm predict` and the
// library's Model run, predicting what tfjs predicts (float32 weights, so to 1e-6); anything it
// cannot take is refused by name, and nothing is written then.
import * as tf from '@tensorflow/tfjs';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { NeuralNetwork } from 'neural-wasm';
import { Model, type ClassPrediction } from 'neural-wasm/model';
import { parseOutput, run, tempFolder, writeFile } from './run';

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

  it('refuses what it cannot take, by name, writing nothing and leaving an earlier file as it was', async () => {
    const folder = tempFolder();
    const out = writeFile(folder, 'kept.json', 'an earlier file\n');
    const fails = async (args: string[], message: string) => {
      const result = await run(['import', ...args, '--out', out]);
      expect(result.stderr).toContain(message);
      expect(result.code).not.toBe(0);
      expect(readFileSync(out, 'utf8')).toBe('an earlier file\n');
    };
    const softmax3 = await saveFiles(tf.sequential({ layers: [tf.layers.dense({ units: 3, inputShape: [4], activation: 'softmax' })] }), folder);
    await fails([softmax3, '--columns', 'a,b'], '--columns names 2 columns, but ' + softmax3 + ' takes 4 inputs');
    await fails([softmax3, '--classes', 'a,b'], '--classes names 2 classes, but ' + softmax3 + ' ends in 3 softmax outputs (3 classes)');
    await fails([softmax3, '--task', 'regression', '--classes', 'a,b,c'], '--classes applies to classes');
    await fails([softmax3, '--columns', 'a,b,class,d'], 'column "class" is both an input and the target');

    const two = tf.sequential({ layers: [tf.layers.dense({ units: 2, inputShape: [2], activation: 'softmax' })] });
    await fails([await saveFiles(two, tempFolder())], "neural-wasm's models of two classes have one sigmoid output");
    const linear = tf.sequential({ layers: [tf.layers.dense({ units: 2, inputShape: [2] })] });
    await fails([await saveFiles(linear, tempFolder()), '--task', 'classification'], 'classes need a softmax output');

    const withNorm = tf.sequential({ layers: [tf.layers.dense({ units: 4, inputShape: [3] }), tf.layers.batchNormalization(), tf.layers.dense({ units: 1 })] });
    await fails([await saveFiles(withNorm, tempFolder())], 'BatchNormalization');

    const truncated = tempFolder();
    writeFileSync(join(truncated, 'model.json'), readFileSync(softmax3));
    writeFileSync(join(truncated, 'weights.bin'), new Uint8Array(3));
    await fails([join(truncated, 'model.json')], `${join(truncated, 'model.json')}: fromTensorFlowJS weight data must be 60 bytes (the weight specs' sizes), got 3 bytes`);
    const missing = tempFolder();
    writeFileSync(join(missing, 'model.json'), readFileSync(softmax3));
    await fails([join(missing, 'model.json')], `${join(missing, 'weights.bin')}: no such file`);
    await fails([writeFile(missing, 'bare.json', '{"format":"neural-wasm"}')], 'not a TensorFlow.js model.json (expected "weightsManifest"');
    await fails([writeFile(missing, 'text.json', 'layers')], 'not a TensorFlow.js model.json (not JSON');
    await fails([out], 'would overwrite the model to import');
    expect(existsSync(join(folder, 'model.json'))).toBe(true);
  });
});
