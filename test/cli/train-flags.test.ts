// `neural-wasm train`'s flags (cli/train-flags.ts), in-process: what they ask for once checked, and
// the activation of every layer. The subprocess side (exit codes, messages on stderr) is flags.test.ts.
import { describe, expect, it } from 'vitest';
import { parseCommandLine } from '../../cli/args';
import { TRAIN_FLAGS, readTrainFlags, layerActivations } from '../../cli/train/flags';
import { UsageError } from '../../cli/errors';
import { expectThrows } from '../errors';

const read = (...args: string[]) => readTrainFlags(parseCommandLine('train', ['data.csv', ...args], TRAIN_FLAGS).flags);

describe('readTrainFlags', () => {
  it("without flags: the data set's defaults (undefined), seed 1, the core 'neural-wasm' picks", () => {
    const options = read();
    expect(options).toMatchObject({ task: 'auto', seed: 1, quiet: false });
    for (const key of ['hidden', 'layers', 'activation', 'loss', 'optimizer', 'learningRate', 'epochs', 'batchSize', 'shuffle', 'l2', 'earlyStop', 'backend'] as const) {
      expect(options[key], key).toBeUndefined();
    }
  });

  it('--hidden gives the hidden sizes, none for no hidden layer; --layers gives its middle too', () => {
    expect(read('--hidden', '16,8').hidden).toEqual([16, 8]);
    expect(read('--hidden', 'none').hidden).toEqual([]);
    expect(read('--layers', '2,8,4,1')).toMatchObject({ hidden: [8, 4], layers: [2, 8, 4, 1] });
    expectThrows(() => read('--hidden', '8', '--layers', '2,8,1'), UsageError, ['--hidden', '--layers', 'not both']);
    expectThrows(() => read('--layers', '2'), UsageError, ['--layers', 'at least 2 sizes', 'inputs first']);
  });

  it('--shuffle and --no-shuffle; the early stop from either of its flags', () => {
    expect(read('--shuffle').shuffle).toBe(true);
    expect(read('--no-shuffle').shuffle).toBe(false);
    expectThrows(() => read('--shuffle', '--no-shuffle'), UsageError, ['--shuffle', '--no-shuffle', 'not both']);
    expect(read('--early-stop-accuracy', '0.9').earlyStop).toEqual({ loss: undefined, accuracy: 0.9 });
    expect(read('--early-stop-loss', '0.1', '--early-stop-accuracy', '1').earlyStop).toEqual({ loss: 0.1, accuracy: 1 });
  });

  it('--threads takes a whole number from 1 to 64 or auto', () => {
    expect(read().threads).toBeUndefined();
    expect(read('--threads', '4').threads).toBe(4);
    expect(read('--threads', 'auto').threads).toBe('auto');
    for (const bad of ['0', '65', '1.5', 'x', '-2']) {
      expectThrows(() => read(`--threads=${bad}`), UsageError, ['--threads', 'whole number', '1 to 64', 'auto', `"${bad}"`]);
    }
  });

  it('--patience takes epochs or off; --min-delta, --no-restore-best, --clip-norm as numbers and a switch', () => {
    expect(read()).toMatchObject({ patience: undefined, minDelta: undefined, restoreBest: true, clipNorm: undefined, dropout: undefined, schedule: undefined });
    expect(read('--patience', '5', '--min-delta', '0.001', '--no-restore-best', '--clip-norm', '2')).toMatchObject({
      patience: 5, minDelta: 0.001, restoreBest: false, clipNorm: 2,
    });
    expect(read('--patience', 'off').patience).toBeNull();
    expectThrows(() => read('--patience', '0'), UsageError, ['--patience', 'whole number', 'epochs', '1 to 2147483647', 'off', '"0"']);
    expectThrows(() => read('--patience', '2.5'), UsageError, ['--patience', 'whole number', 'epochs', '"2.5"']);
    expectThrows(() => read('--clip-norm', '0'), UsageError, ['--clip-norm', 'above 0', '"0"']);
    expectThrows(() => read('--min-delta', '-1'), UsageError, ['--min-delta', 'from 0', '"-1"']);
  });

  it('--dropout: one rate or one per hidden layer, each from 0 to 0.95', () => {
    expect(read('--dropout', '0.2').dropout).toEqual([0.2]);
    expect(read('--dropout', '0.2,0,0.5').dropout).toEqual([0.2, 0, 0.5]);
    expectThrows(() => read('--dropout', '1'), UsageError, ['--dropout', '0 to 0.95', 'commas', '"1"']);
    expectThrows(() => read('--dropout', '0.2,x'), UsageError, ['--dropout', '0 to 0.95', '"0.2,x"']);
  });

  it('--lr-schedule: a name, then its settings after a colon; each checked and named', () => {
    expect(read('--lr-schedule', 'cosine').schedule).toEqual({ name: 'cosine' });
    expect(read('--lr-schedule', 'step:every=50,factor=0.5').schedule).toEqual({ name: 'step', every: 50, factor: 0.5 });
    expect(read('--lr-schedule', 'exponential:factor=0.99').schedule).toEqual({ name: 'exponential', factor: 0.99 });
    expect(read('--lr-schedule', 'plateau:factor=0.5,patience=5,floor=1e-5,minDelta=0').schedule).toEqual({
      name: 'plateau', factor: 0.5, patience: 5, floor: 1e-5, minDelta: 0,
    });
    expectThrows(() => read('--lr-schedule', 'linear'), UsageError, ['--lr-schedule', 'step', 'exponential', 'cosine', 'plateau', 'colon', '"linear"']);
    expectThrows(() => read('--lr-schedule', 'step'), UsageError, ['--lr-schedule', 'step', 'every=', 'step:every=50']);
    expectThrows(() => read('--lr-schedule', 'step:every=0'), UsageError, ['--lr-schedule', 'step', 'every', 'whole number', '1 to 2147483647', '"0"']);
    expectThrows(() => read('--lr-schedule', 'exponential:factor=1.5'), UsageError, ['--lr-schedule', 'exponential', 'factor', 'above 0', '1', '"1.5"']);
    expectThrows(() => read('--lr-schedule', 'cosine:every=5'), UsageError, ['--lr-schedule', 'cosine', 'floor=', 'period=', '"every=5"']);
    expectThrows(() => read('--lr-schedule', 'cosine:floor='), UsageError, ['--lr-schedule', 'cosine', 'floor', 'from 0', '""']);
  });

  it("--backend takes the library's names for its cores", () => {
    expect(['wasm-simd', 'wasm', 'js'].map((name) => read('--backend', name).backend)).toEqual(['wasm-simd', 'wasm', 'js']);
    expectThrows(() => read('--backend', 'baseline'), UsageError, ['--backend', 'wasm-simd', 'wasm', 'js', '"baseline"']);
  });

  it("the library's names for activations, losses, initialisers and optimizers", () => {
    expect(read('--activation', 'relu,softmax', '--loss', 'crossEntropy', '--init', 'he', '--optimizer', 'momentum')).toMatchObject({
      activation: ['relu', 'softmax'], loss: 'crossEntropy', init: 'he', optimizer: 'momentum',
    });
    expectThrows(() => read('--optimizer', 'rmsprop'), UsageError, ['--optimizer', 'sgd', 'momentum', 'adam', '"rmsprop"']);
  });
});

describe('layerActivations', () => {
  const output = { activation: 'softmax' as const, width: 3 };

  it("one name for the hidden layers (or the preset's), then the output layer's", () => {
    expect(layerActivations(undefined, 'tanh', 3, output)).toEqual(['tanh', 'tanh', 'softmax']);
    expect(layerActivations(['relu'], 'tanh', 2, output)).toEqual(['relu', 'softmax']);
    expect(layerActivations(undefined, 'tanh', 1, output)).toEqual(['softmax']);
  });

  it('or one name per layer, the output layer included', () => {
    expect(layerActivations(['relu', 'linear'], 'tanh', 2, output)).toEqual(['relu', 'linear']);
    expectThrows(() => layerActivations(['relu', 'relu'], 'tanh', 3), UsageError, ['--activation', 'hidden layers', 'non-input layer', '3', '2']);
  });

  it('softmax only last, and only over at least 2 outputs', () => {
    expectThrows(() => layerActivations(['softmax'], 'tanh', 2), UsageError, ['--activation', 'softmax', 'output layer']);
    expectThrows(() => layerActivations(['relu', 'softmax'], 'tanh', 2, { activation: 'linear', width: 1 }), UsageError, ['--activation', 'softmax', 'at least 2 outputs', '1']);
  });
});
