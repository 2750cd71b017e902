// neural-wasm/model's preprocessing: fitted on raw rows and answers in the library, it is the CLI's
// own (the same scaling, class order and encoding: a network trained here on the same rows and
// options has the CLI's very weights), a Model made from it predicts on raw rows in the answers'
// terms, and every bad argument is refused by name.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputShapeError, NeuralNetwork } from 'neural-wasm';
import { NeuralNetwork as JsNetwork } from 'neural-wasm/js';
import { encodeClasses, encodeLabels } from 'neural-wasm/datasets';
import { toStandalone } from 'neural-wasm/export';
import {
  Model, type ClassPrediction, type ModelFile, classOrder, encodeAnswers, encodeRows, fitPreprocessing, outputLayer,
} from 'neural-wasm/model';
import { classIndex } from '../src/classes';
import { classesCsv, readJson, run, tempFolder, valuesCsv, writeFile } from './cli/run';
import { expectThrows } from './errors';

const IRIS = readFileSync(new URL('../data/iris.csv', import.meta.url), 'utf8').trim().split('\n');

function table(lines: string[]): { header: string[]; rows: number[][]; answers: string[] } {
  const [header, ...body] = lines.map((line) => line.split(','));
  return { header: header.slice(0, -1), rows: body.map((cells) => cells.slice(0, -1).map(Number)), answers: body.map((cells) => cells.at(-1)!) };
}

// trains with the CLI on every row (no validation rows, no early stopping) and returns its model file
async function cliModel(csv: string, extra: string[] = []): Promise<ModelFile & { training: any }> {
  const out = join(tempFolder(), 'model.json');
  const { code, stderr } = await run(['train', csv, '--validation-split', '0', '--patience', 'off', '--quiet', '--out', out, ...extra]);
  expect(code, stderr).toBe(0);
  return readJson(out);
}

// the library path: fit the preprocessing, create and fit the network as the CLI's file records, wrap it
async function libraryModel(rows: number[][], answers: (string | number)[], file: ModelFile & { training: any }) {
  const preprocessing = fitPreprocessing(rows, answers, { columns: file.inputs.columns, target: file.target.columns[0] });
  const { layers, activation, loss, init, seed } = file.network;
  const net = await JsNetwork.create({ layers, activation, loss, init, seed });
  const { optimizer, learningRate, epochs, batchSize, shuffle, l2 } = file.training;
  net.fit(encodeRows(preprocessing, rows), encodeAnswers(preprocessing, answers), { optimizer, learningRate, epochs, batchSize, shuffle, l2 });
  return new Model(net, preprocessing);
}

describe('fitPreprocessing (neural-wasm/model)', () => {
  it("is the CLI's preprocessing: iris trained here has the CLI's scaling, classes and weights, and predicts what its file does", async () => {
    const folder = tempFolder();
    const csv = writeFile(folder, 'iris.csv', IRIS.join('\n'));
    const file = await cliModel(csv, ['--epochs', '40', '--backend', 'js']);
    const { rows, answers } = table(IRIS);
    const model = await libraryModel(rows, answers, file);
    const json = model.toJSON();
    expect(json.inputs).toEqual(file.inputs);
    expect(json.target).toEqual(file.target);
    expect(json.network.weights).toEqual(file.network.weights);
    const loaded = await Model.fromJSON(JsNetwork, file);
    expect(model.predict(rows.slice(0, 30))).toEqual(loaded.predict(rows.slice(0, 30)));
    expect((model.predict([5.5, 3.5, 1.3, 0.2]) as ClassPrediction).class).toBe('setosa');
    model.network.dispose();
    loaded.network.dispose();
  });

  it("values: the CLI's target scaling and weights, and predictions in the target's units", async () => {
    const lines = valuesCsv(80).trim().split('\n');
    const csv = writeFile(tempFolder(), 'prices.csv', lines.join('\n'));
    const file = await cliModel(csv, ['--epochs', '15', '--backend', 'js']);
    const { rows, answers } = table(lines);
    const model = await libraryModel(rows, answers.map(Number), file);
    expect(model.toJSON().targetScaling).toEqual(file.targetScaling);
    expect(model.toJSON().network.weights).toEqual(file.network.weights);
    const loaded = await Model.fromJSON(JsNetwork, file);
    expect(model.predict(rows)).toEqual(loaded.predict(rows));
    model.network.dispose();
    loaded.network.dispose();
  });

  it('two named classes: one sigmoid output; a model trained from raw rows tells them apart, by name, after a JSON round trip', async () => {
    const { rows, answers } = table(classesCsv(200, 2).trim().split('\n'));
    const preprocessing = fitPreprocessing(rows, answers, { columns: ['width', 'height', 'weight'], target: 'colour' });
    expect(preprocessing.target).toEqual({ kind: 'classes', columns: ['colour'], classes: ['no', 'yes'] });
    const { units, activation, loss } = outputLayer(preprocessing.target);
    expect([units, activation, loss]).toEqual([1, 'sigmoid', 'binaryCrossEntropy']);
    const net = await NeuralNetwork.create({ layers: [3, 8, units], activation: ['tanh', activation], loss, seed: 3 });
    net.fit(encodeRows(preprocessing, rows), encodeAnswers(preprocessing, answers), { epochs: 60, optimizer: 'adam', learningRate: 0.02 });
    const model = await Model.fromJSON(NeuralNetwork, JSON.stringify(new Model(net, preprocessing)));
    const predicted = (model.predict(rows) as ClassPrediction[]).map((p) => p.class);
    expect(predicted.filter((name, r) => name === answers[r]).length).toBeGreaterThan(190);
    expect(model.predict({ width: rows[1][0], height: rows[1][1], weight: rows[1][2] })).toEqual(model.predict(rows[1]));
    net.dispose();
    model.network.dispose();
  });

  it('the class order: numbers (and numerals) in numeric order under their shortest spelling, names in text order', () => {
    expect(classOrder([10, 2, 1, 2])).toEqual(['1', '2', '10']);
    expect(classOrder(['10', '2.0', '1', '2'])).toEqual(['1', '2', '10']);
    expect(classOrder(['b', 'a', 'B', 'a'])).toEqual(['B', 'a', 'b']);
    expect(classOrder(['2', 'x', '10'])).toEqual(['10', '2', 'x']);
    const target = { kind: 'classes' as const, columns: ['c'], classes: ['1', '2', '10'] };
    expect([classIndex(target, 10), classIndex(target, '10.0'), classIndex(target, '2'), classIndex(target, 3), classIndex(target, 'x')]).toEqual([2, 2, 1, undefined, undefined]);
  });

  it('task auto: strings are classes, integers with at most 10 distinct too, other numbers and rows are values; task decides otherwise', () => {
    const rows = Array.from({ length: 12 }, (_, i) => [i, i % 3]);
    const kind = (answers: unknown[], task?: 'classification' | 'regression') => fitPreprocessing(rows, answers as never, task && { task }).target.kind;
    expect(kind(rows.map((r) => `c${r[1]}`))).toBe('classes');
    expect(kind(rows.map((r) => r[1]))).toBe('classes');
    expect(kind(rows.map((r) => r[0]))).toBe('values'); // 12 distinct integers
    expect(kind(rows.map((r) => r[1] + 0.5))).toBe('values');
    expect(kind(rows.map((r) => [r[0], r[1]]))).toBe('values');
    expect(kind(rows.map((r) => r[1]), 'regression')).toBe('values');
    expect(kind(rows.map((r) => r[0]), 'classification')).toBe('classes');
    const values = fitPreprocessing(rows, rows.map((r) => [r[0], -r[0]]), { scaling: 'none', targetScaling: 'minmax' });
    expect(values.target.columns).toEqual(['value1', 'value2']);
    expect(values.inputs).toEqual({
      columns: ['x1', 'x2'], scaling: { method: 'none', offset: [0, 0], scale: [1, 1] }, types: ['numeric', 'numeric'], levels: [null, null], fill: [5.5, 1],
    });
    expect(values.targetScaling).toEqual({ method: 'minmax', offset: [0, -11], scale: [11, 11] });
    expect(Array.from(encodeAnswers(values, [[11, 0]]).data)).toEqual([1, 1]);
  });

  it('encodes classes as one 0/1 output for two, one-hot for more (encodeLabels the same as rows), and rows by name as in order', () => {
    const two = encodeClasses(Int32Array.from([1, 0, 0, 1]), 2);
    expect(two.shape).toEqual([4, 1]);
    expect(Array.from(two.data)).toEqual([1, 0, 0, 1]);
    const three = encodeClasses(Int32Array.from([2, 0, 1]), 3);
    expect(three.shape).toEqual([3, 3]);
    expect(Array.from(three.data)).toEqual([0, 0, 1, 1, 0, 0, 0, 1, 0]);
    expect(encodeLabels([2, 0, 1], 3)).toEqual([[0, 0, 1], [1, 0, 0], [0, 1, 0]]);
    expect(encodeLabels([1, 0], 2)).toEqual([[1], [0]]);
    const preprocessing = fitPreprocessing([{ a: 1, b: 10 }, { b: 30, a: 3 }], ['x', 'y']);
    expect(preprocessing.inputs.columns).toEqual(['a', 'b']);
    expect(encodeRows(preprocessing, [{ b: 30, a: 3 }]).data).toEqual(encodeRows(preprocessing, [[3, 30]]).data);
    expect(Array.from(encodeRows(preprocessing, [[2, 20]]).data)).toEqual([0, 0]);
  });

  it("rows by column name take any column name: 'length', '__proto__', 'constructor', '0' (in the library, a Model, its standalone module)", async () => {
    const names = ['length', '__proto__', 'constructor', '0', 'toString'];
    // own properties, as JSON.parse and a CSV reader make them (a literal's __proto__ key sets the prototype)
    const byName = (values: number[]) => JSON.parse(JSON.stringify(Object.fromEntries(names.map((name, c) => [name, values[c]])))) as Record<string, number>;
    const values = Array.from({ length: 40 }, (_, r) => names.map((_, c) => Math.sin(r * 5 + c * 2) * (c + 1)));
    const answers = values.map((row) => (row[0] + row[2] > 0 ? 'up' : 'down'));
    const rows = values.map(byName);
    expect(Object.keys(rows[0])).toEqual(['0', 'length', '__proto__', 'constructor', 'toString']);
    const preprocessing = fitPreprocessing(rows, answers);
    // the columns an object row names, in its own keys' order
    expect(preprocessing.inputs.columns).toEqual(Object.keys(rows[0]));
    const inOrder = values.map((row) => preprocessing.inputs.columns.map((name) => row[names.indexOf(name)]));
    expect(encodeRows(preprocessing, rows).data).toEqual(encodeRows(preprocessing, inOrder).data);
    const net = await JsNetwork.create({ layers: [5, 4, 1], seed: 2 });
    net.fit(encodeRows(preprocessing, rows), encodeAnswers(preprocessing, answers), { epochs: 20 });
    const model = new Model(net, preprocessing);
    const module = await import(`data:text/javascript;base64,${Buffer.from(toStandalone(model)).toString('base64')}`);
    for (let r = 0; r < 5; r++) {
      const expected = model.predict(inOrder[r]);
      expect(model.predict(rows[r])).toEqual(expected);
      expect(module.predict(rows[r])).toEqual(expected);
      expect(module.predict(inOrder[r])).toEqual(expected);
      // a typed array is a row in order too
      expect(model.predict(Float64Array.from(inOrder[r]))).toEqual(expected);
    }
    // a column an object row lacks is missing, filled as in training: never the prototype's 'constructor'
    const missing = { ...rows[0] } as Record<string, number>;
    Reflect.deleteProperty(missing, 'constructor');
    const filled = JSON.parse(JSON.stringify({ ...missing, constructor: model.inputs.fill![model.inputs.columns.indexOf('constructor')] }));
    expect(model.predict(missing)).toEqual(model.predict(filled));
    expect(module.predict(missing)).toEqual(model.predict(filled));
    expectThrows(() => model.predict({ ...missing, constructor: 'big' }), TypeError, ['row', "'constructor'", 'finite number', '"big"']);
    expect(fitPreprocessing([{ length: 2, width: 3 }, { length: 4, width: 1 }], ['a', 'b']).inputs.columns).toEqual(['length', 'width']);
    net.dispose();
  });

  it('refuses bad arguments by name, saying what was expected', () => {
    const rows = [[1, 2], [3, 4], [5, 6]];
    const fit = (r: unknown, a: unknown, o?: unknown) => () => fitPreprocessing(r as never, a as never, o as never);
    expectThrows(fit([], []), TypeError, ['fitPreprocessing', 'rows', 'non-empty', 'array of 0']);
    expectThrows(fit(rows, ['a', 'b']), InputShapeError, ['fitPreprocessing', 'answers', 'one answer per row', '3', '2']);
    expectThrows(fit(rows, ['a', 'a', 'a']), RangeError, ['fitPreprocessing', 'answers', 'at least 2 classes', 'string', '"a"']);
    expectThrows(fit(rows, ['a', 'b', '']), TypeError, ['fitPreprocessing', 'answers[2]', 'class', 'name', 'finite number', '""']);
    expectThrows(fit([[1, 2], [3, Infinity], [5, 6]], ['a', 'b', 'a']), TypeError, ['fitPreprocessing', 'rows[1]', "'x2'", 'finite number', 'Infinity']);
    expectThrows(fit(rows, ['a', 'b', 'a'], { types: { x1: 'numbers' } }), RangeError, ['fitPreprocessing', 'options.types', "'x1'", "'numeric'", "'categorical'", "'ignore'", '"numbers"']);
    expectThrows(fit([[1, 2], [3], [5, 6]], ['a', 'b', 'a']), InputShapeError, ['fitPreprocessing', 'rows[1]', '2 values', 'x1', 'x2', '1']);
    expectThrows(fit(rows, ['a', 'b', 'a'], { scale: 'none' }), TypeError, ['unknown', 'fitPreprocessing', "'scale'", 'scaling']);
    expectThrows(fit(rows, ['a', 'b', 'a'], { scaling: 'robust' }), RangeError, ['fitPreprocessing', 'options.scaling', "'standard'", "'minmax'", "'none'", '"robust"']);
    expectThrows(fit(rows, ['a', 'b', 'a'], { columns: ['x', 'x'] }), RangeError, ['fitPreprocessing', 'options.columns', 'distinct', 'twice', '"x"']);
    expectThrows(fit(rows, ['a', 'b', 'a'], { columns: ['x', 'y'], target: 'y' }), RangeError, ['fitPreprocessing', 'options.target', 'input columns', '"y"']);
    expectThrows(fit(rows, [[1], [2, 3], [4]]), TypeError, ['fitPreprocessing', 'answers[1]', 'number', 'array of 2']);
    expectThrows(fit(rows, [1.5, 2.5, 3.5], { target: ['p', 'q'] }), RangeError, ['fitPreprocessing', 'options.target', 'one name per value', '1', 'array of 2']);
    const preprocessing = fitPreprocessing(rows, ['a', 'b', 'a']);
    expectThrows(() => encodeAnswers(preprocessing, ['a', 'c']), RangeError, ['encodeAnswers', 'answers[1]', "'a'", "'b'", '"c"']);
    expectThrows(() => encodeRows(preprocessing, [[1, 'x' as never]]), TypeError, ['encodeRows', 'rows[0]', '[1]', 'number', '"x"']);
    expectThrows(() => new Model({ layers: [2, 3] } as never, preprocessing), TypeError, ['3 outputs', 'target', '1']);
  });
});
