// Large files are read as a stream into typed arrays and predicted a block at a time: 100,000 rows
// train, predict and evaluate within a 32 MB JavaScript heap (the rows as text, or as arrays of
// numbers, would not fit), with the results of the library in-process on the whole data set.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { NeuralNetwork } from 'neural-wasm';
import { run, tempFolder, writeFile, readJson, parseOutput, scaleRow, csvInputs } from './run';
import { testRandom as random } from '../builds';

const ROWS = 100_000;
const SMALL_HEAP = { nodeArgs: ['--max-old-space-size=32'] };

function quadrantsCsv(rows: number): string {
  const next = random(7);
  const lines = ['x1,x2,class'];
  for (let i = 0; i < rows; i++) {
    const [a, b] = [next() * 4 - 2, next() * 4 - 2];
    lines.push(`${a.toFixed(6)},${b.toFixed(6)},${a * b > 0 ? 1 : 0}`);
  }
  return lines.join('\n') + '\n';
}

describe('a large file', () => {
  it(`${ROWS.toLocaleString('en-US')} rows in a 32 MB heap: the same predictions, loss and accuracy as the library in-process`, async () => {
    const folder = tempFolder();
    const csv = quadrantsCsv(ROWS);
    const data = writeFile(folder, 'quadrants.csv', csv);
    const model = join(folder, 'model.json');
    const trained = await run(['train', data, '--epochs', '2', '--batch-size', '256', '--quiet', '--out', model], '', SMALL_HEAP);
    expect(trained.stderr).toBe('');
    expect(trained.code).toBe(0);
    expect(trained.stdout).toContain(`80000 rows train, 20000 validate`);

    const [fromFile, fromStdin, evaluated] = await Promise.all([
      run(['predict', '--model', model, data], '', SMALL_HEAP),
      run(['predict', '--model', model], csv, SMALL_HEAP),
      run(['evaluate', '--model', model, data], '', SMALL_HEAP),
    ]);
    expect(fromFile.code, fromFile.stderr).toBe(0);
    expect(fromStdin.stdout).toBe(fromFile.stdout);
    expect(evaluated.code, evaluated.stderr).toBe(0);

    const file = readJson(model);
    const net = await NeuralNetwork.fromJSON(file.network);
    const inputs = csvInputs(csv, 2).map((row) => scaleRow(row, file.inputs.scaling));
    const outputs = net.predict(inputs) as Float64Array[];
    const { rows } = parseOutput(fromFile.stdout);
    expect(rows).toHaveLength(ROWS);
    expect(rows.map((row) => Number(row[2]))).toEqual(outputs.map((output) => output[0]));
    const targets = csv.trim().split('\n').slice(1).map((line) => Number(line.split(',')[2]));
    const { loss, accuracy } = net.evaluate(inputs, targets);
    expect(evaluated.stdout).toContain(`(${ROWS} rows): loss ${loss.toPrecision(4)}, accuracy ${Number((accuracy * 100).toFixed(1))}% (${Math.round(accuracy * ROWS)} of ${ROWS})`);
  });
});
