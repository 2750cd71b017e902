// `neural-wasm predict` and `neural-wasm evaluate` on a model trained once for the whole file.
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NeuralNetwork } from 'neural-wasm';
import { run, tempFolder, writeFile, readJson, classesCsv, parseOutput, scaleRow, csvInputs, trainedModel } from './run';

let folder: string;
let model: string;
let data: string;
const csv = classesCsv(60, 3, 5);

beforeAll(async () => {
  ({ folder, data, model } = await trainedModel(csv, 40, 'colours.csv'));
});

describe('neural-wasm predict', () => {
  it('reads rows from a file or from standard input and writes the same CSV, one row per input row', async () => {
    const [fromFile, fromStdin, fromDash] = await Promise.all([
      run(['predict', '--model', model, data]),
      run(['predict', '--model', model], csv),
      run(['predict', '--model', model, '-'], csv),
    ]);
    expect(fromFile.code, fromFile.stderr).toBe(0);
    expect(fromStdin.code, fromStdin.stderr).toBe(0);
    expect(fromStdin.stdout).toBe(fromFile.stdout);
    expect(fromDash.stdout).toBe(fromFile.stdout);
    expect(parseOutput(fromFile.stdout).rows).toHaveLength(60);
  });

  it('takes the input columns by name, in any order, ignoring other columns; --out writes the same CSV', async () => {
    const reordered = ['note,weight,height,width', ...csv.trim().split('\n').slice(1).map((line) => {
      const [w, h, kg] = line.split(',');
      return `x,${kg},${h},${w}`;
    })].join('\n');
    const out = join(folder, 'predictions.csv');
    const [plain, shuffled] = await Promise.all([run(['predict', '--model', model, data]), run(['predict', '--model', model, '--out', out], reordered)]);
    expect(shuffled.code, shuffled.stderr).toBe(0);
    expect(shuffled.stdout).toBe('');
    expect(readFileSync(out, 'utf8')).toBe(plain.stdout);
  });

  it('gives the same predictions on the pure-JS build, to rounding', async () => {
    const [wasm, js] = await Promise.all([run(['predict', '--model', model, data]), run(['predict', '--model', model, data, '--backend', 'js'])]);
    const a = parseOutput(wasm.stdout).rows;
    const b = parseOutput(js.stdout).rows;
    a.forEach((row, r) => {
      expect(b[r][0]).toBe(row[0]);
      row.slice(1).forEach((p, c) => expect(Math.abs(Number(p) - Number(b[r][c + 1]))).toBeLessThan(1e-12));
    });
  });
});

describe('neural-wasm evaluate', () => {
  it('reports the loss and accuracy the library computes in-process, and a confusion matrix of every row', async () => {
    const { code, stdout, stderr } = await run(['evaluate', '--model', model, data]);
    expect(code, stderr).toBe(0);
    const file = readJson(model);
    const net = await NeuralNetwork.fromJSON(file.network);
    const inputs = csvInputs(csv, 3).map((row) => scaleRow(row, file.inputs.scaling));
    const labels = csv.trim().split('\n').slice(1).map((line) => file.target.classes.indexOf(line.split(',')[3]));
    const targets = labels.map((label) => [0, 1, 2].map((c) => (c === label ? 1 : 0)));
    const { loss, accuracy } = net.evaluate(inputs, targets);
    const correct = Math.round(accuracy * 60);
    expect(stdout).toContain(`(60 rows): loss ${loss.toPrecision(4)}, accuracy ${Number((accuracy * 100).toFixed(1))}% (${correct} of 60)`);
    const lines = stdout.split('\n');
    const header = lines.findIndex((line) => line.startsWith('true \\ predicted'));
    expect(lines[header].split(/\s+/).slice(-3)).toEqual(['blue', 'green', 'red']);
    const matrix = lines.slice(header + 1, header + 4).map((line) => line.trim().split(/\s+/).slice(1).map(Number));
    expect(matrix.map((row) => row.reduce((a, b) => a + b))).toEqual([20, 20, 20]);
    expect(matrix[0][0] + matrix[1][1] + matrix[2][2]).toBe(correct);
  });

  it('evaluates a model on a built-in set by name', async () => {
    const folder = tempFolder();
    const irisModel = join(folder, 'iris.json');
    await run(['train', 'iris', '--quiet', '--out', irisModel]);
    const { code, stdout, stderr } = await run(['evaluate', '--model', irisModel, 'iris']);
    expect(code, stderr).toBe(0);
    expect(stdout).toMatch(/^iris \(150 rows\): loss [\d.]+, accuracy (9\d(\.\d)?|100)% \(\d+ of 150\)$/m);
  });

  it('a class the model does not know is an error naming the file, line and column', async () => {
    const bad = writeFile(tempFolder(), 'labelled.csv', 'width,height,weight,colour\n1,2,3,red\n1,2,3,purple\n');
    const { code, stdout, stderr } = await run(['evaluate', '--model', model, bad]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe(`neural-wasm: ${bad}, line 3, column 'colour': unknown class "purple": the model knows blue, green, red\n`);
  });
});
