// Every bad flag value is the CLI's own check, before any work (here the data file does not even
// exist): one line naming the flag, exit code 2. Negative numbers reach the flag's check.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { run, tempFolder, writeFile, valuesCsv } from './run';

async function usageError(args: string[], message: string | RegExp): Promise<void> {
  const { code, stdout, stderr } = await run(args);
  if (typeof message === 'string') expect(stderr).toBe(`neural-wasm: ${message}\n`);
  else expect(stderr).toMatch(message);
  expect(stdout).toBe('');
  expect(code).toBe(2);
}

const missing = join(tempFolder(), 'not-there.csv');

describe.concurrent('bad flag values', () => {
  it('names: --loss, --activation, --optimizer, --init, --task, --normalize, --backend', async () => {
    await usageError(['train', missing, '--loss', 'hinge'], '--loss: expected one of mse, binaryCrossEntropy, crossEntropy, got "hinge"');
    await usageError(['train', missing, '--activation', 'relu,swish'], '--activation: expected one of sigmoid, tanh, relu, leakyRelu, linear, softmax (or a list of them), got "swish"');
    await usageError(['train', missing, '--optimizer', 'rmsprop'], '--optimizer: expected one of sgd, momentum, adam, got "rmsprop"');
    await usageError(['train', missing, '--init', 'zeros'], '--init: expected one of uniform, xavier, he, got "zeros"');
    await usageError(['train', missing, '--task', 'clustering'], '--task: expected one of auto, classification, regression, got "clustering"');
    await usageError(['train', missing, '--normalize', 'log'], '--normalize: expected one of standard, minmax, none, got "log"');
    await usageError(['evaluate', '--model', missing, missing, '--backend', 'gpu'], '--backend: expected one of wasm-simd, wasm, js, got "gpu"');
  });

  it('negative numbers reach the flag\'s own check, as `--flag -1` and as `--flag=-1`', async () => {
    const seed = '--seed: expected a whole number from 0 to 9007199254740991, got "-1"';
    await usageError(['train', missing, '--seed', '-1'], seed);
    await usageError(['train', missing, '--seed=-1'], seed);
    await usageError(['evaluate', '--model', missing, 'moons', '--seed', '-1'], seed);
    await usageError(['train', missing, '--epochs', '-5'], '--epochs: expected a whole number from 1 to 2147483647, got "-5"');
    await usageError(['train', missing, '--learning-rate', '-0.1'], '--learning-rate: expected a number above 0, got "-0.1"');
    await usageError(['train', missing, '--hidden', '-8,4'], '--hidden: expected whole numbers from 1 to 1048576 separated by commas, got "-8,4"');
    await usageError(['train', missing, '--target', '-x'], '--target needs a value (for one that starts with -, write --target=-...) (see neural-wasm train --help)');
  });

  it('a name given twice in --features or --target: refused by the flag (a model file naming a column twice loads nowhere)', async () => {
    await usageError(['train', missing, '--features', 'x,x,y'], '--features: names "x" twice');
    await usageError(['train', missing, '--target', 'c,c'], '--target: names "c" twice');
  });

  it('--model - (standard input, which the rows may come from and --out is checked against) is no model file', async () => {
    const message = '--model: expected a model file by its path, not - (standard input); a file named - is ./-';
    await usageError(['predict', '--model', '-', missing], message);
    await usageError(['evaluate', '--model=-', missing], message);
    await usageError(['export', '--model=-', '--out', join(tempFolder(), 'model.js')], message);
  });

  it('a number too large (or too small) to show whole, or beyond the largest double, is said to be so', async () => {
    const digits = '1'.repeat(1000);
    const shown = `"${'1'.repeat(40)}…" (1000 characters), too large`;
    await usageError(['train', missing, '--epochs', digits], `--epochs: expected a whole number from 1 to 2147483647, got ${shown}`);
    await usageError(['train', missing, '--learning-rate', digits], `--learning-rate: expected a number above 0, got ${shown}`);
    await usageError(['train', missing, '--learning-rate', '1e400'], '--learning-rate: expected a number above 0, got "1e400", too large');
    await usageError(['train', missing, '--learning-rate', `0.${'0'.repeat(50)}`], `--learning-rate: expected a number above 0, got "0.${'0'.repeat(38)}…" (52 characters), too small`);
    await usageError(['train', missing, '--hidden', `8,${digits}`], `--hidden: expected whole numbers from 1 to 1048576 separated by commas, got ${shown}`);
    await usageError(['train', missing, '--patience', digits], `--patience: expected a whole number of epochs from 1 to 2147483647, or off, got ${shown}`);
    await usageError(['train', missing, '--threads', digits], `--threads: expected a whole number from 1 to 64, or auto, got ${shown}`);
    await usageError(['train', missing, '--lr-schedule', 'step:every=1e999'], '--lr-schedule step every: expected a whole number from 1 to 2147483647, got "1e999", too large');
    // a word stays a word
    await usageError(['train', missing, '--epochs', 'x'.repeat(1000)], `--epochs: expected a whole number from 1 to 2147483647, got "${'x'.repeat(40)}…"`);
  });

  it('combinations: softmax in a hidden layer, a list of the wrong length', async () => {
    await usageError(['train', missing, '--activation', 'softmax'], '--activation: softmax is for the output layer only (give it as the last of one name per layer)');
    await usageError(['train', missing, '--hidden', '8,8', '--activation', 'relu,relu'], '--activation: expected one name for the hidden layers, or one per non-input layer (3), got 2');
  });

  it('combinations with the data: a cross-entropy loss on values, softmax on one output, a network too large', async () => {
    const data = writeFile(tempFolder(), 'prices.csv', valuesCsv(40));
    await usageError(['train', data, '--loss', 'binaryCrossEntropy'], "--loss binaryCrossEntropy: a cross-entropy loss is for classes, but the target 'price' holds values (regression); use mse");
    await usageError(['train', data, '--activation', 'relu,softmax'], '--activation: a softmax output layer needs at least 2 outputs, but the target has 1');
    // the size limit is the library's, in its words
    await usageError(['train', data, '--hidden', '5000,5000', '--epochs', '1'], /^neural-wasm: --hidden: .*\b5000\b.*\n$/);
  });

  it('a batch too large for the core with a layer this wide (it once corrupted the core): --batch-size, before training', async () => {
    const data = writeFile(tempFolder(), 'wide.csv', valuesCsv(3000));
    await usageError(
      ['train', data, '--hidden', '65536', '--batch-size', '65536', '--quiet'],
      '--batch-size 65536: a batch of 2,400 rows through a layer of 65,536 units is more than the core holds in one array (134,217,720 values): use --batch-size 2047 or less',
    );
  });
});
