// Columns of very large (finite) values: scaled without overflow, so the column is learned from and
// the model file loads; a value that still cannot be scaled (far outside the training range) is one
// line naming the file, line and column.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { refuses, run, tempFolder, writeFile, readJson } from './run';
import { testRandom as random } from '../builds';

/** x (in units of `unit`) decides the class; y is noise. */
function bigCsv(rows: number, unit: number): string {
  const next = random(3);
  const lines = ['x,y,class'];
  for (let i = 0; i < rows; i++) {
    const x = next();
    lines.push(`${x * unit},${next()},${x > 0.5 ? 'high' : 'low'}`);
  }
  return lines.join('\n') + '\n';
}

const validationAccuracy = (stdout: string) => Number(/^validation \(\d+ rows\): .*accuracy ([\d.]+)%/m.exec(stdout)![1]) / 100;

describe('large values', () => {
  it.each([
    ['1e200', 'standard', 1e200],
    ['1e308', 'standard', 1e308],
    ['1e308', 'minmax', 1e308],
  ])('a column of values up to %s (%s scaling) is learned from, and the model file loads', async (_, method, unit) => {
    const folder = tempFolder();
    const data = writeFile(folder, 'big.csv', bigCsv(200, unit));
    const out = join(folder, 'model.json');
    const trained = await run(['train', data, '--normalize', method, '--epochs', '100', '--quiet', '--out', out]);
    expect(trained.stderr).toBe('');
    expect(trained.code).toBe(0);
    // the class is x > 0.5: learnable only if x was not zeroed
    expect(validationAccuracy(trained.stdout)).toBeGreaterThanOrEqual(0.9);
    const { scaling } = readJson(out).inputs;
    for (const value of [...scaling.offset, ...scaling.scale]) expect(Number.isFinite(value)).toBe(true);
    expect(scaling.scale[0]).toBeGreaterThan(unit / 10);
    const [predicted, evaluated] = await Promise.all([run(['predict', '--model', out, data]), run(['evaluate', '--model', out, data])]);
    expect(predicted.stderr).toBe('');
    expect(predicted.stdout.trim().split('\n')).toHaveLength(201);
    expect(evaluated.code, evaluated.stderr).toBe(0);
  });

  it('a column spanning the whole range of doubles (-1.7e308 to 1.7e308) trains with either scaling', async () => {
    const folder = tempFolder();
    const lines = ['x,class', ...Array.from({ length: 40 }, (_, i) => `${i % 2 ? '' : '-'}1.7e308,${i % 2}`)];
    const data = writeFile(folder, 'extremes.csv', lines.join('\n'));
    for (const method of ['standard', 'minmax']) {
      const { code, stderr } = await run(['train', data, '--normalize', method, '--epochs', '5', '--quiet', '--out', join(folder, `${method}.json`)]);
      expect(stderr).toBe('');
      expect(code).toBe(0);
    }
  });

  it('a value that cannot be scaled as the training rows were is an error naming the file, line and column', async () => {
    const folder = tempFolder();
    const data = writeFile(folder, 'small.csv', bigCsv(100, 1));
    const out = join(folder, 'model.json');
    expect((await run(['train', data, '--epochs', '5', '--quiet', '--out', out])).code).toBe(0);
    const far = writeFile(folder, 'far.csv', 'x,y,class\n0.5,0.5,low\n1e308,0.5,high\n');
    for (const command of ['predict', 'evaluate']) await refuses([command, '--model', out, far], 1, [far, 'line 3', "'x'", '1e308', 'training rows', 'largest number']);
  });
});
