// Model.train, Model#evaluate and Model#fit (neural-wasm/model): raw rows to a model in one call, by
// the CLI's rules and defaults (the same rows give the CLI's very model, bit for bit, on each core),
// answers of the type they came in, and a model that goes on training.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NeuralNetwork as WasmNetwork, InputShapeError } from 'neural-wasm';
import { NeuralNetwork as JsNetwork } from 'neural-wasm/js';
import { Model, type ClassEvaluation, type ValueEvaluation } from 'neural-wasm/model';
import { testRandom } from './builds';
import { expectRejects } from './errors';
import { readJson, run, tempFolder, writeFile } from './cli/run';

// a table of mixed columns as a CSV file and as the rows a user's parser gives (text cells, '' for missing)
function shops(rows: number, seed = 4) {
  const random = testRandom(seed);
  const header = ['id', 'region', 'size', 'staff', 'open'];
  const records: Record<string, string>[] = [];
  const answers: string[] = [];
  for (let r = 0; r < rows; r++) {
    const region = ['north', 'south', 'east'][Math.floor(random() * 3)];
    const size = random() < 0.1 ? '' : (random() * 500).toFixed(1);
    const staff = String(Math.floor(random() * 30));
    const open = random() < 0.5 ? 'yes' : 'no';
    const score = (region === 'north' ? 1 : -0.5) + Number(size || 250) / 250 - Number(staff) / 15 + (open === 'yes' ? 0.5 : 0) + random() - 0.5;
    records.push({ id: `shop-${r}`, region, size, staff, open });
    answers.push(score > 0.5 ? 'thrives' : 'struggles');
  }
  const csv = [[...header, 'outcome'].join(','), ...records.map((record, r) => [...header.map((h) => record[h]), answers[r]].join(','))].join('\n');
  return { csv: `${csv}\n`, records, answers };
}

describe('Model.train', () => {
  it.each([['js', JsNetwork], ['wasm-simd', WasmNetwork]] as const)('gives the CLI\'s model on the same rows, bit for bit (%s core): inputs, classes, weights', async (backend, Network) => {
    const { csv, records, answers } = shops(240);
    const folder = tempFolder();
    const out = join(folder, 'model.json');
    const cli = await run(['train', writeFile(folder, 'shops.csv', csv), '--target', 'outcome', '--backend', backend, '--quiet', '--out', out]);
    expect(cli.code, cli.stderr).toBe(0);
    const file = readJson(out);
    const model = await Model.train(Network, records, answers, { target: 'outcome' });
    expect(model.inputs).toEqual(file.inputs);
    expect(model.target).toEqual(file.target);
    expect(model.network.toJSON().weights).toEqual(file.network.weights);
    expect(model.network.toJSON().biases).toEqual(file.network.biases);
    // what became of the columns: the id left out, the missing sizes filled
    expect(model.inputs.columns).toEqual(['region', 'size', 'staff', 'open']);
    const training = model.training as { leftOut: unknown[]; filled: Record<string, number>; rows: unknown; stopReason: string };
    expect(training.leftOut).toEqual([{ name: 'id', why: 'id' }]);
    expect(training.filled.size).toBeGreaterThan(0);
    expect(training.rows).toEqual(file.training.rows);
    model.dispose();
  });

  it('predicts, evaluates and goes on training on raw rows; classes come back as the type they came in', async () => {
    const { records, answers } = shops(300);
    const [train, test] = [records.slice(0, 240), records.slice(240)];
    const model = await Model.train(JsNetwork, train, answers.slice(0, 240));
    const answer = model.predict(test[0]);
    // typed: a class model's answer has its class and probabilities without narrowing
    const cls: string = answer.class;
    expect(['thrives', 'struggles']).toContain(cls);
    expect(answer.probabilities.reduce((a, b) => a + b)).toBeCloseTo(1, 12);
    const evaluation: ClassEvaluation = model.evaluate(test, answers.slice(240));
    expect(evaluation.classes).toEqual(['struggles', 'thrives']);
    expect(evaluation.confusion.flat().reduce((a, b) => a + b)).toBe(60);
    const right = evaluation.confusion[0][0] + evaluation.confusion[1][1];
    expect(evaluation.accuracy).toBeCloseTo(right / 60, 12);
    expect(evaluation.accuracy).toBeGreaterThan(0.75);
    expect(evaluation.accuracy).toBe(model.predict(test).filter((p, r) => p.class === answers[240 + r]).length / 60);
    // more rows: the preprocessing as it was, the network trained on
    const before = JSON.stringify(model.inputs);
    const result = model.fit(test, answers.slice(240), { epochs: 5, learningRate: 0.001, optimizer: 'adam', batchSize: 8 });
    expect(result.epochs).toBe(5);
    expect(JSON.stringify(model.inputs)).toBe(before);
    // numbers as classes: answered as numbers
    const numbered = await Model.train(JsNetwork, train, answers.slice(0, 240).map((a) => (a === 'thrives' ? 1 : 0)), { task: 'classification', epochs: 20 });
    const one: number = numbered.predict(test[0]).class;
    expect(typeof one).toBe('number');
    expect(numbered.predict(test).filter((p, r) => p.class === (answers[240 + r] === 'thrives' ? 1 : 0)).length).toBe(Math.round(numbered.evaluate(test, answers.slice(240).map((a) => (a === 'thrives' ? 1 : 0))).accuracy * 60));
    model.dispose();
    numbered.dispose();
  });

  it('values: RMSE, MAE and R² in the target\'s units, over rows with a missing cell and a level never seen', async () => {
    const random = testRandom(8);
    const rows = Array.from({ length: 260 }, (_, r) => ({ size: r % 13 === 0 ? null : random() * 10, colour: ['red', 'green', 'blue'][r % 3] }));
    const prices = rows.map((row) => (row.size ?? 5) * 3 + (row.colour === 'red' ? 10 : 0) + random());
    const model = await Model.train(JsNetwork, rows.slice(0, 200), prices.slice(0, 200), { task: 'regression', epochs: 150 });
    const value: Float64Array = model.predict({ size: 4, colour: 'purple' });
    expect(value).toHaveLength(1);
    const evaluation: ValueEvaluation = model.evaluate(rows.slice(200), prices.slice(200));
    const predicted = (model.predict(rows.slice(200)) as Float64Array[]).map((p) => p[0]);
    const errors = predicted.map((p, r) => p - prices[200 + r]);
    expect(evaluation.rmse).toBeCloseTo(Math.sqrt(errors.reduce((sum, e) => sum + e * e, 0) / 60), 10);
    expect(evaluation.mae).toBeCloseTo(errors.reduce((sum, e) => sum + Math.abs(e), 0) / 60, 10);
    expect(evaluation.r2).toBeGreaterThan(0.8);
    expect(evaluation.columns).toEqual([{ column: 'value', rmse: evaluation.rmse, mae: evaluation.mae, r2: evaluation.r2 }]);
    model.dispose();
  });

  it('rows without an answer are left out and counted; missing inputs dropped or refused as asked', async () => {
    const { records, answers } = shops(120);
    const gappy: (string | null)[] = answers.map((a, r) => (r % 10 === 0 ? (r % 20 === 0 ? null : 'NA') : a));
    const model = await Model.train(JsNetwork, records, gappy as string[], { epochs: 5 });
    const training = model.training as { dropped: { noAnswer: number; missingInput: number }; rows: { training: number; validation: number } };
    expect(training.dropped).toEqual({ noAnswer: 12, missingInput: 0 });
    expect(training.rows.training + training.rows.validation).toBe(108);
    const missingSizes = records.filter((r) => r.size === '').length;
    const dropped = await Model.train(JsNetwork, records, answers, { epochs: 5, missing: 'drop' });
    expect((dropped.training as typeof training).dropped).toEqual({ noAnswer: 0, missingInput: missingSizes });
    await expectRejects(Model.train(JsNetwork, records, answers, { missing: 'error' }), TypeError, ['Model.train rows', "'size'", "'error'"]);
    model.dispose();
    dropped.dispose();
  });

  it('refuses bad options and data by name, before training', async () => {
    const { records, answers } = shops(30);
    await expectRejects(Model.train(JsNetwork, records, answers, { hiden: [8] } as never), TypeError, ['Model.train', "'hiden'", 'hidden']);
    await expectRejects(Model.train(JsNetwork, records, answers, { hidden: [0] }), RangeError, ['Model.train options.hidden[0]', '0']);
    await expectRejects(Model.train(JsNetwork, records, answers, { columns: { size: 'number' } } as never), RangeError, ['Model.train options.columns', "'size'", '"number"']);
    await expectRejects(Model.train(JsNetwork, records, answers, { validationSplit: 1 }), RangeError, ['Model.train options.validationSplit', '1']);
    await expectRejects(Model.train(JsNetwork, [], []), TypeError, ['Model.train rows', 'non-empty']);
    await expectRejects(Model.train(JsNetwork, records, answers.slice(1)), InputShapeError, ['Model.train answers', 'one answer per row', '30', '29']);
  });
});

describe('Model.trainAsync', () => {
  it('trains the same model in a worker, bit for bit; a signal stops it with the epochs so far', async () => {
    const { records, answers } = shops(200);
    const options = { epochs: 30, seed: 9 };
    const inThread = await Model.train(JsNetwork, records, answers, options);
    const inWorker = await Model.trainAsync(JsNetwork, records, answers, options);
    expect(inWorker.inputs).toEqual(inThread.inputs);
    expect(inWorker.network.toJSON().weights).toEqual(inThread.network.toJSON().weights);
    expect(inWorker.network.toJSON().biases).toEqual(inThread.network.toJSON().biases);
    expect(inWorker.predict(records[0])).toEqual(inThread.predict(records[0]));
    // aborted at the third epoch's report: a model of the epochs run so far, said so in its record
    const controller = new AbortController();
    const stopped = await Model.trainAsync(JsNetwork, records, answers, {
      seed: 9, epochs: 5000, patience: 5000, signal: controller.signal, progressEvery: 1,
      onProgress: ({ epoch }) => { if (epoch === 3) controller.abort(); },
    });
    const record = stopped.training as { stopReason: string; epochsRun: number };
    expect(record.stopReason).toBe('aborted');
    expect(record.epochsRun).toBeGreaterThanOrEqual(3);
    expect(record.epochsRun).toBeLessThan(5000);
    // already aborted: rejects as the signal says, nothing trained
    await expect(Model.trainAsync(JsNetwork, records, answers, { signal: AbortSignal.abort() })).rejects.toThrow(/abort/i);
    await expectRejects(Model.trainAsync(JsNetwork, records, answers, { signal: 'stop' } as never), TypeError, ['Model.trainAsync options.signal', 'AbortSignal', 'stop']);
    for (const model of [inThread, inWorker, stopped]) model.dispose();
  });
});
