// `neural-wasm train`'s plan (cli/train-plan.ts), in-process: the network and fit options from the
// flags, the data set's preset and the data; the lines that say so; what it refuses.
import { describe, expect, it } from 'vitest';
import { parseCommandLine } from '../../cli/args';
import { presetFor } from '../../cli/train/presets';
import type { DataDescription } from '../../cli/train/data';
import { TRAIN_FLAGS, readTrainFlags } from '../../cli/train/flags';
import { checkBatchSize, planTraining, summaryLines } from '../../cli/train/plan';
import { UsageError } from '../../cli/errors';
import { expectThrows } from '../errors';

const MOONS: DataDescription = { source: 'moons', featureNames: ['x', 'y'], inputWidth: 2, target: { kind: 'classes', columns: ['class'], classes: ['0', '1'] } };
const COLOURS: DataDescription = {
  source: 'colours.csv', featureNames: ['width', 'height', 'weight'], inputWidth: 3, target: { kind: 'classes', columns: ['colour'], classes: ['blue', 'green', 'red'] },
};
const PRICES: DataDescription = { source: 'prices.csv', featureNames: ['a', 'b', 'c'], inputWidth: 3, target: { kind: 'values', columns: ['price'] } };

/** The plan for a command line's flags on a data set (a built-in name picks its preset). */
function plan(data: DataDescription, args: string[] = [], rows = { training: 160, validation: 40 }) {
  const options = readTrainFlags(parseCommandLine('train', [data.source, ...args], TRAIN_FLAGS).flags);
  const preset = presetFor(data.source === 'moons' ? 'moons' : undefined);
  return planTraining(options, preset, data, rows, options.normalize ?? preset.normalize);
}

describe('planTraining', () => {
  it("moons with its defaults: 2-16-16-1, tanh then the output layer that fits two classes, Adam; the lines train prints", () => {
    const moons = plan(MOONS);
    expect(moons.network).toEqual({ layers: [2, 16, 16, 1], activation: ['tanh', 'tanh', 'sigmoid'], loss: 'binaryCrossEntropy', init: 'xavier', seed: 1 });
    expect(moons.fit).toEqual({ optimizer: 'adam', learningRate: 0.01, epochs: 200, batchSize: 16, shuffle: true, l2: 0 });
    expect(moons.progressEvery).toBe(2);
    expect(summaryLines(moons, 'wasm-simd')).toEqual([
      "moons: 200 rows, 2 inputs (x, y), target 'class': 2 classes (0, 1)",
      '160 rows train, 40 validate (held out per class, seed 1); inputs scaled: standard',
      'network 2-16-16-1 (tanh, tanh, sigmoid), binary cross-entropy, xavier init, seed 1, wasm-simd core',
      'adam, learning rate 0.01, 200 epochs, batches of 16, shuffled',
      "stops after 20 epochs without a better validation loss, keeping the best epoch's weights\n",
    ]);
    expect(moons.earlyStop).toEqual({ patience: 20 });
  });

  it('three classes get a softmax over them and cross-entropy; values a linear output and MSE', () => {
    expect(plan(COLOURS).network).toMatchObject({ layers: [3, 64, 3], activation: ['tanh', 'softmax'], loss: 'crossEntropy' });
    expect(plan(PRICES).network).toMatchObject({ layers: [3, 64, 1], activation: ['tanh', 'linear'], loss: 'mse' });
  });

  it('every flag overrides its default, and the lines say so', () => {
    const args = ['--hidden', 'none', '--activation', 'relu', '--loss', 'mse', '--init', 'he', '--seed', '7', '--optimizer', 'sgd',
      '--learning-rate', '0.5', '--epochs', '50', '--batch-size', '1', '--no-shuffle', '--l2', '0.001', '--early-stop-loss', '0.01', '--normalize', 'minmax'];
    const custom = plan(PRICES, args, { training: 120, validation: 0 });
    expect(custom.network).toEqual({ layers: [3, 1], activation: ['linear'], loss: 'mse', init: 'he', seed: 7 });
    expect(custom.fit).toEqual({ optimizer: 'sgd', learningRate: 0.5, epochs: 50, batchSize: 1, shuffle: false, l2: 0.001 });
    expect(custom.earlyStop).toEqual({ loss: 0.01, accuracy: undefined });
    expect(summaryLines(custom, 'js').slice(1)).toEqual([
      'all 120 rows train, none held out; inputs scaled: minmax',
      'network 3-1 (linear), MSE, he init, seed 7, js core',
      'sgd, learning rate 0.5, 50 epochs, one sample per step, l2 0.001\n',
    ]);
  });

  it('values are held out at random, not per class; many inputs are shortened', () => {
    const wide: DataDescription = { ...PRICES, featureNames: Array.from({ length: 9 }, (_, i) => `f${i}`), inputWidth: 9 };
    const [data, split] = summaryLines(plan(wide, [], { training: 8, validation: 2 }), 'wasm');
    expect(data).toBe("prices.csv: 10 rows, 9 inputs (f0, f1, f2, …, f8), target 'price': values (regression)");
    expect(split).toBe('8 rows train, 2 validate (held out, seed 1); inputs scaled: standard');
  });

  it('early stopping: on by default with validation rows, off without (today\'s behaviour); the thresholds combine with it', () => {
    expect(plan(COLOURS).earlyStop).toEqual({ patience: 20 });
    expect(plan(COLOURS, [], { training: 200, validation: 0 }).earlyStop).toBeUndefined();
    expect(plan(COLOURS, ['--patience', 'off']).earlyStop).toBeUndefined();
    const both = plan(COLOURS, ['--patience', '5', '--min-delta', '0.01', '--no-restore-best', '--early-stop-accuracy', '0.99']);
    expect(both.earlyStop).toEqual({ loss: undefined, accuracy: 0.99, patience: 5, minDelta: 0.01, restoreBest: false });
    expect(summaryLines(both, 'js').at(-1)).toBe('stops after 5 epochs without a better validation loss by more than 0.01, keeping the last weights\n');
    // asked for without validation rows: on the training loss
    const onTraining = plan(COLOURS, ['--patience', '3'], { training: 200, validation: 0 });
    expect(onTraining.earlyStop).toEqual({ patience: 3 });
    expect(summaryLines(onTraining, 'js').at(-1)).toBe("stops after 3 epochs without a better training loss, keeping the best epoch's weights\n");
    expectThrows(() => plan(COLOURS, ['--no-restore-best'], { training: 200, validation: 0 }), UsageError, ['--no-restore-best', '--patience', 'off', 'validation rows', '--validation-split 0']);
    expectThrows(() => plan(COLOURS, ['--min-delta', '0.1', '--patience', 'off']), UsageError, ['--min-delta', '--patience', 'off', '--patience off']);
  });

  it('a schedule starts from --learning-rate; dropout is one rate per hidden layer; clipping; the lines say so', () => {
    const custom = plan(COLOURS, ['--hidden', '8,4', '--learning-rate', '0.05', '--lr-schedule', 'step:every=10', '--dropout', '0.3', '--clip-norm', '1']);
    expect(custom.fit).toMatchObject({ learningRate: { name: 'step', every: 10, initial: 0.05 }, clipNorm: 1 });
    expect(custom.network.dropout).toEqual([0.3, 0.3]);
    expect(summaryLines(custom, 'js').slice(2, 4)).toEqual([
      'network 3-8-4-3 (tanh, tanh, softmax), cross-entropy, xavier init, seed 1, dropout 0.3, 0.3, js core',
      'adam, learning rate 0.05, step schedule (every 10), 200 epochs, batches of 16, shuffled, l2 0.001, gradient norm clipped at 1',
    ]);
    expect(plan(COLOURS, ['--hidden', '8,4', '--dropout', '0.5,0']).network.dropout).toEqual([0.5, 0]);
    // no dropout at all is no dropout option (the model file keeps its old form)
    expect(plan(COLOURS, ['--dropout', '0']).network).not.toHaveProperty('dropout');
    expectThrows(() => plan(COLOURS, ['--hidden', '8,4', '--dropout', '0.1,0.2,0.3']), UsageError, ['--dropout', 'one rate', 'hidden layer', '2', '3']);
    expectThrows(() => plan(COLOURS, ['--hidden', 'none', '--dropout', '0.1']), UsageError, ['--dropout', 'no hidden layers', '--hidden']);
  });

  it('refuses --layers that do not fit the data, and a cross-entropy loss on values', () => {
    expectThrows(() => plan(MOONS, ['--layers', '3,8,1']), UsageError, ['--layers', '3 inputs', '2 input columns']);
    expectThrows(() => plan(COLOURS, ['--layers', '3,8,1']), UsageError, ['--layers', '1 outputs', 'target', '3', "'colour'", '3 classes', 'blue', 'green', 'red']);
    expectThrows(() => plan(PRICES, ['--loss', 'binaryCrossEntropy']), UsageError, ['--loss', 'binaryCrossEntropy', 'classes', "'price'", 'values', 'mse']);
    expectThrows(() => plan(PRICES, ['--activation', 'relu,softmax']), UsageError, ['--activation', 'softmax', 'at least 2 outputs', '1']);
  });
});

describe('checkBatchSize', () => {
  it('a batch (at most the rows) through the widest layer must fit in one core array (134,217,720 values)', () => {
    expectThrows(() => checkBatchSize(65536, 2400, [3, 65536, 1]), UsageError, ['--batch-size', '65536', '2,400 rows', '65,536 units', '134,217,720', '--batch-size', '2047']);
    expect(() => checkBatchSize(2047, 2400, [3, 65536, 1])).not.toThrow();
    expect(() => checkBatchSize(1_000_000, 2000, [3, 65536, 1])).not.toThrow();
  });
});

describe('presetFor', () => {
  it("the shared training preset of a set, and how the CLI holds out and scales its rows", () => {
    expect(presetFor('xor')).toMatchObject({ hidden: [3], loss: 'mse', optimizer: 'sgd', epochs: 6000, validationSplit: 0, normalize: 'none' });
    expect(presetFor('mnist')).toMatchObject({ hidden: [64], activation: 'relu', validationSplit: 0.2, normalize: 'none' });
    expect(presetFor(undefined)).toMatchObject({ hidden: [64], activation: 'tanh', validationSplit: 0.2, normalize: 'standard', patience: 20, l2: 0.001 });
    expect(presetFor('moons')).toMatchObject({ patience: 20, l2: 0 });
    // a copy each time: a caller may change it
    presetFor('moons').hidden.push(99);
    expect(presetFor('moons').hidden).toEqual([16, 16]);
  });
});
