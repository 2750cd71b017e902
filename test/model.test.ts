// neural-wasm/model: a model file the CLI writes loads with one call and predicts on raw rows
// exactly what `neural-wasm predict` prints (classes and probabilities, or values in the target's
// units); by column name too; the CLI's earlier format name still loads; bad rows and files are
// refused by name.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputShapeError, NeuralNetwork } from 'neural-wasm';
import { NeuralNetwork as JsNetwork } from 'neural-wasm/js';
import { Model, type ClassPrediction } from 'neural-wasm/model';
import { classesCsv, parseOutput, readJson, run, tempFolder, valuesCsv, writeFile } from './cli/run';
import { expectRejects, expectThrows } from './errors';

async function trained(args: string[]): Promise<string> {
  const out = join(tempFolder(), 'model.json');
  const { code, stderr } = await run(['train', ...args, '--quiet', '--out', out]);
  expect(code, stderr).toBe(0);
  return out;
}

describe('Model (neural-wasm/model)', () => {
  it('iris from the CLI: one call loads it, and a setosa row of raw measurements is setosa (the issue\'s row)', async () => {
    const file = await trained(['iris']);
    const model = await Model.fromJSON(NeuralNetwork, readFileSync(file, 'utf8'));
    const answer = model.predict([5.5, 3.5, 1.3, 0.2]) as ClassPrediction;
    expect(answer.class).toBe('setosa');
    expect(answer.probabilities[0]).toBeGreaterThan(0.9);
    // by column name, in any order
    const byName = model.predict({ petal_width: 0.2, petal_length: 1.3, sepal_width: 3.5, sepal_length: 5.5 });
    expect(byName).toEqual(answer);
    model.network.dispose();
  });

  it.each(['f64', 'f32'] as const)('precision %s: predicts on raw rows exactly what `neural-wasm predict` prints: classes and probabilities', async (precision) => {
    const folder = tempFolder();
    const data = writeFile(folder, 'colours.csv', classesCsv(150, 3));
    const file = await trained([data, '--epochs', '30', '--precision', precision]);
    const rows = parseOutput(readFileSync(data, 'utf8')).rows.slice(0, 40).map((row) => row.slice(0, -1));
    const csv = writeFile(folder, 'rows.csv', [readFileSync(data, 'utf8').split('\n')[0].split(',').slice(0, -1).join(','), ...rows.map((r) => r.join(','))].join('\n'));
    const printed = await run(['predict', '--model', file, csv]);
    expect(printed.code, printed.stderr).toBe(0);
    const { rows: cli } = parseOutput(printed.stdout);
    const model = await Model.fromJSON(NeuralNetwork, readJson(file));
    expect(model.network.precision).toBe(precision);
    const answers = model.predict(rows.map((row) => row.map(Number))) as ClassPrediction[];
    expect(answers.map((a) => [a.class, ...a.probabilities.map(String)])).toEqual(cli);
    model.network.dispose();
  });

  it.each(['f64', 'f32'] as const)('precision %s: predicts values in the target\'s units exactly as the CLI prints them (both on the js core)', async (precision) => {
    const folder = tempFolder();
    const data = writeFile(folder, 'prices.csv', valuesCsv(120));
    const file = await trained([data, '--epochs', '20', '--precision', precision]);
    const lines = readFileSync(data, 'utf8').trim().split('\n');
    const header = lines[0].split(',').slice(0, -1);
    const rows = lines.slice(1, 31).map((line) => line.split(',').slice(0, -1).map(Number));
    const csv = writeFile(folder, 'rows.csv', [header.join(','), ...rows.map((r) => r.join(','))].join('\n'));
    const printed = await run(['predict', '--model', file, csv, '--backend', 'js']);
    const { rows: cli } = parseOutput(printed.stdout);
    const model = await Model.fromJSON(JsNetwork, readFileSync(file, 'utf8'));
    expect(model.network.precision).toBe(precision);
    expect((model.predict(rows) as Float64Array[]).map((values) => Array.from(values, String))).toEqual(cli);
    // a typed array row, one row alone
    expect(model.predict(Float64Array.from(rows[0]))).toEqual((model.predict(rows) as Float64Array[])[0]);
    model.network.dispose();
  });

  it('toJSON is the file the CLI reads; the CLI\'s earlier format name loads too; the training record is kept', async () => {
    const file = await trained(['iris', '--epochs', '5']);
    const json = readJson(file);
    expect(json.format).toBe('neural-wasm-model');
    const model = await Model.fromJSON(NeuralNetwork, json);
    const again = model.toJSON();
    expect(JSON.parse(JSON.stringify(again))).toEqual(json);
    const legacy = await Model.fromJSON(NeuralNetwork, { ...json, format: 'neural-wasm-cli' });
    expect(legacy.predict([6.7, 3.0, 5.2, 2.3])).toEqual(model.predict([6.7, 3.0, 5.2, 2.3]));
    // what toJSON writes, the CLI evaluates
    const written = join(tempFolder(), 'again.json');
    writeFileSync(written, JSON.stringify(again));
    const evaluated = await run(['evaluate', '--model', written, 'iris']);
    expect(evaluated.code, evaluated.stderr).toBe(0);
    expect(evaluated.stdout).toMatch(/iris \(150 rows\): loss [\d.]+, accuracy/);
    for (const m of [model, legacy]) m.network.dispose();
  });

  it('refuses bad rows by name before predicting, and a file that is not a model', async () => {
    const model = await Model.fromJSON(NeuralNetwork, readJson(await trained(['iris', '--epochs', '2'])));
    const columns = ['sepal_length', 'sepal_width', 'petal_length', 'petal_width'];
    expectThrows(() => model.predict([1, 2, 3]), InputShapeError, ['row', '4 values', ...columns, '3']);
    expectThrows(() => model.predict([1, 2, 'long', 4]), TypeError, ['row', '[2]', 'finite number', '"long"']);
    expectThrows(() => model.predict({ sepal_length: 1, sepal_width: 2, petal_length: 3, petal_width: Infinity }), TypeError, ['row', "'petal_width'", 'finite number', 'Infinity']);
    // a missing value (NaN, null, a column the row lacks) is filled with the training rows' median
    const fill = model.inputs.fill as number[];
    expect(model.predict([1, 2, NaN, 4])).toEqual(model.predict([1, 2, fill[2], 4]));
    expect(model.predict({ sepal_length: 1, sepal_width: 2, petal_length: 3 })).toEqual(model.predict([1, 2, 3, fill[3]]));
    expectThrows(() => model.predict([[1, 2, 3, 4], [1, 2, 3]]), InputShapeError, ['rows[1]', '4 values', '3']);
    expectThrows(() => model.predict([-1.7e308, 2, 3, 4]), RangeError, ['row', "'sepal_length'", "training rows' scaling", 'finite number', '-1.7e+308']);
    await expectRejects(Model.fromJSON(NeuralNetwork, '{'), TypeError, ['neural-wasm model file', 'JSON']);
    await expectRejects(Model.fromJSON(NeuralNetwork, model.network.toJSON()), TypeError, ['neural-wasm model file', 'bare network', 'toJSON()']);
    const json = model.toJSON();
    // the trap: a model file given to NeuralNetwork.fromJSON, which would drop its scaling, says where it belongs
    for (const format of ['neural-wasm-model', 'neural-wasm-cli']) {
      await expectRejects(NeuralNetwork.fromJSON({ ...json, format } as never), TypeError, [
        'model.format', "'neural-wasm'", 'model file', 'Model.fromJSON', 'neural-wasm/model', `"${format}"`,
      ]);
    }
    await expectRejects(Model.fromJSON(NeuralNetwork, { ...json, inputs: { ...json.inputs, columns: ['a', 'b', 'c'] } }), TypeError, [
      'neural-wasm model file', 'inputs.scaling', 'method', '3 offsets', 'positive scales',
    ]);
    await expectRejects(Model.fromJSON(NeuralNetwork, { ...json, network: { ...json.network, weights: 'x' } }), TypeError, ['neural-wasm model file', 'network', 'weights', '"x"']);
    expectThrows(() => new Model(model.network, { ...json, target: { kind: 'classes', columns: ['species'], classes: ['a', 'b'] } }), TypeError, [
      'neural-wasm model file', '3 outputs', 'target', '1',
    ]);
    model.network.dispose();
  });
});
