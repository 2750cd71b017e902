// Every bad flag value is the CLI's own check, before any work (here the data file does not even
// exist): one line naming the flag, exit code 2. Negative numbers reach the flag's check.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { refuses, tempFolder, writeFile, valuesCsv } from './run';
import type { Part } from '../errors';

// A bad command line: refused with exit code 2, the message naming each part (test/errors.ts).
const usageError = (args: string[], parts: Part[]) => refuses(args, 2, parts);

const missing = join(tempFolder(), 'not-there.csv');

describe.concurrent('bad flag values', () => {
  it('names: --loss, --activation, --optimizer, --init, --task, --normalize, --backend', async () => {
    const loss = await usageError(['train', missing, '--loss', 'hinge'], ['--loss', 'mse', 'binaryCrossEntropy', 'crossEntropy', '"hinge"']);
    expect(loss.stderr).toBe('neural-wasm: --loss: expected one of mse, binaryCrossEntropy, crossEntropy, got "hinge"\n'); // docs/cli.md's example
    await usageError(['train', missing, '--activation', 'relu,swish'], ['--activation', 'sigmoid', 'tanh', 'relu', 'leakyRelu', 'linear', 'softmax', '"swish"']);
    await usageError(['train', missing, '--optimizer', 'rmsprop'], ['--optimizer', 'sgd', 'momentum', 'adam', '"rmsprop"']);
    await usageError(['train', missing, '--init', 'zeros'], ['--init', 'uniform', 'xavier', 'he', '"zeros"']);
    await usageError(['train', missing, '--task', 'clustering'], ['--task', 'auto', 'classification', 'regression', '"clustering"']);
    await usageError(['train', missing, '--normalize', 'log'], ['--normalize', 'standard', 'minmax', 'none', '"log"']);
    await usageError(['evaluate', '--model', missing, missing, '--backend', 'gpu'], ['--backend', 'wasm-simd', 'wasm', 'js', '"gpu"']);
  });

  it('negative numbers reach the flag\'s own check, as `--flag -1` and as `--flag=-1`', async () => {
    const seed = ['--seed', 'whole number', '0 to 9007199254740991', '"-1"'];
    const first = await usageError(['train', missing, '--seed', '-1'], seed);
    expect(first.stderr).toBe('neural-wasm: --seed: expected a whole number from 0 to 9007199254740991, got "-1"\n'); // docs/cli.md's example
    await usageError(['train', missing, '--seed=-1'], seed);
    await usageError(['evaluate', '--model', missing, 'moons', '--seed', '-1'], seed);
    await usageError(['train', missing, '--epochs', '-5'], ['--epochs', 'whole number', '1 to 2147483647', '"-5"']);
    await usageError(['train', missing, '--learning-rate', '-0.1'], ['--learning-rate', 'above 0', '"-0.1"']);
    await usageError(['train', missing, '--hidden', '-8,4'], ['--hidden', 'whole numbers', '1 to 1048576', 'commas', '"-8,4"']);
    await usageError(['train', missing, '--target', '-x'], ['--target', 'value', '--target=-', 'neural-wasm train --help']);
  });

  it('a name given twice in --features or --target: refused by the flag (a model file naming a column twice loads nowhere)', async () => {
    await usageError(['train', missing, '--features', 'x,x,y'], ['--features', '"x"', 'twice']);
    await usageError(['train', missing, '--target', 'c,c'], ['--target', '"c"', 'twice']);
  });

  it('--model - (standard input, which the rows may come from and --out is checked against) is no model file', async () => {
    const parts = ['--model', 'model file', 'standard input', './-'];
    await usageError(['predict', '--model', '-', missing], parts);
    await usageError(['evaluate', '--model=-', missing], parts);
    await usageError(['export', '--model=-', '--out', join(tempFolder(), 'model.js')], parts);
  });

  it('a number too large (or too small) to show whole, or beyond the largest double, is said to be so', async () => {
    const digits = '1'.repeat(1000);
    const shown = [`"${'1'.repeat(40)}…"`, '1000 characters', 'too large'];
    const epochs = await usageError(['train', missing, '--epochs', digits], ['--epochs', 'whole number', '1 to 2147483647', ...shown]);
    expect(epochs.stderr).toBe(`neural-wasm: --epochs: expected a whole number from 1 to 2147483647, got "${'1'.repeat(40)}…" (1000 characters), too large\n`); // docs/cli.md's example
    await usageError(['train', missing, '--learning-rate', digits], ['--learning-rate', 'above 0', ...shown]);
    await usageError(['train', missing, '--learning-rate', '1e400'], ['--learning-rate', 'above 0', '"1e400"', 'too large']);
    await usageError(['train', missing, '--learning-rate', `0.${'0'.repeat(50)}`], ['--learning-rate', 'above 0', `"0.${'0'.repeat(38)}…"`, '52 characters', 'too small']);
    await usageError(['train', missing, '--hidden', `8,${digits}`], ['--hidden', 'whole numbers', '1 to 1048576', ...shown]);
    await usageError(['train', missing, '--patience', digits], ['--patience', 'whole number', '1 to 2147483647', 'off', ...shown]);
    await usageError(['train', missing, '--threads', digits], ['--threads', 'whole number', '1 to 64', 'auto', ...shown]);
    await usageError(['train', missing, '--lr-schedule', 'step:every=1e999'], ['--lr-schedule', 'step', 'every', 'whole number', '1 to 2147483647', '"1e999"', 'too large']);
    // a word stays a word: no length, no "too large"
    const word = await usageError(['train', missing, '--epochs', 'x'.repeat(1000)], ['--epochs', 'whole number', '1 to 2147483647', `"${'x'.repeat(40)}…"`]);
    expect(word.stderr).not.toMatch(/characters|too large/);
  });

  it('combinations: softmax in a hidden layer, a list of the wrong length', async () => {
    await usageError(['train', missing, '--activation', 'softmax'], ['--activation', 'softmax', 'output layer']);
    await usageError(['train', missing, '--hidden', '8,8', '--activation', 'relu,relu'], ['--activation', 'hidden layers', 'non-input layer', '3', '2']);
  });

  it('combinations with the data: a cross-entropy loss on values, softmax on one output, a network too large', async () => {
    const data = writeFile(tempFolder(), 'prices.csv', valuesCsv(40));
    await usageError(['train', data, '--loss', 'binaryCrossEntropy'], ['--loss', 'binaryCrossEntropy', 'classes', "'price'", 'values', 'mse']);
    await usageError(['train', data, '--activation', 'relu,softmax'], ['--activation', 'softmax', 'at least 2 outputs', '1']);
    // the size limit is the library's, in its words
    await usageError(['train', data, '--hidden', '5000,5000', '--epochs', '1'], ['--hidden', '5000']);
  });

  it('a batch too large for the core with a layer this wide (it once corrupted the core): --batch-size, before training', async () => {
    const data = writeFile(tempFolder(), 'wide.csv', valuesCsv(3000));
    await usageError(
      ['train', data, '--hidden', '65536', '--batch-size', '65536', '--quiet'],
      ['--batch-size', '65536', '2,400 rows', '65,536 units', '134,217,720', '--batch-size', '2047'],
    );
  });
});
