// `neural-wasm train`'s flags (cli/train-flags.ts), in-process: what they ask for once checked, and
// the activation of every layer. The subprocess side (exit codes, messages on stderr) is flags.test.ts.
import { describe, expect, it } from 'vitest';
import { parseCommandLine } from '../../cli/args';
import { TRAIN_FLAGS, readTrainFlags, layerActivations } from '../../cli/train/flags';

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
    expect(() => read('--hidden', '8', '--layers', '2,8,1')).toThrow('give --hidden or --layers, not both');
    expect(() => read('--layers', '2')).toThrow('--layers: expected at least 2 sizes, inputs first (e.g. 2,8,1)');
  });

  it('--shuffle and --no-shuffle; the early stop from either of its flags', () => {
    expect(read('--shuffle').shuffle).toBe(true);
    expect(read('--no-shuffle').shuffle).toBe(false);
    expect(() => read('--shuffle', '--no-shuffle')).toThrow('give --shuffle or --no-shuffle, not both');
    expect(read('--early-stop-accuracy', '0.9').earlyStop).toEqual({ loss: undefined, accuracy: 0.9 });
    expect(read('--early-stop-loss', '0.1', '--early-stop-accuracy', '1').earlyStop).toEqual({ loss: 0.1, accuracy: 1 });
  });

  it('--threads takes a whole number from 1 to 64 or auto', () => {
    expect(read().threads).toBeUndefined();
    expect(read('--threads', '4').threads).toBe(4);
    expect(read('--threads', 'auto').threads).toBe('auto');
    for (const bad of ['0', '65', '1.5', 'x', '-2']) {
      expect(() => read(`--threads=${bad}`)).toThrow(`--threads: expected a whole number from 1 to 64, or auto, got "${bad}"`);
    }
  });

  it('--patience takes epochs or off; --min-delta, --no-restore-best, --clip-norm as numbers and a switch', () => {
    expect(read()).toMatchObject({ patience: undefined, minDelta: undefined, restoreBest: true, clipNorm: undefined, dropout: undefined, schedule: undefined });
    expect(read('--patience', '5', '--min-delta', '0.001', '--no-restore-best', '--clip-norm', '2')).toMatchObject({
      patience: 5, minDelta: 0.001, restoreBest: false, clipNorm: 2,
    });
    expect(read('--patience', 'off').patience).toBeNull();
    expect(() => read('--patience', '0')).toThrow('--patience: expected a whole number of epochs from 1 to 2147483647, or off, got "0"');
    expect(() => read('--patience', '2.5')).toThrow('--patience: expected a whole number of epochs');
    expect(() => read('--clip-norm', '0')).toThrow('--clip-norm: expected a number above 0, got "0"');
    expect(() => read('--min-delta', '-1')).toThrow('--min-delta: expected a number from 0, got "-1"');
  });

  it('--dropout: one rate or one per hidden layer, each from 0 to 0.95', () => {
    expect(read('--dropout', '0.2').dropout).toEqual([0.2]);
    expect(read('--dropout', '0.2,0,0.5').dropout).toEqual([0.2, 0, 0.5]);
    expect(() => read('--dropout', '1')).toThrow('--dropout: expected numbers from 0 to 0.95 separated by commas, got "1"');
    expect(() => read('--dropout', '0.2,x')).toThrow('--dropout: expected numbers from 0 to 0.95');
  });

  it('--lr-schedule: a name, then its settings after a colon; each checked and named', () => {
    expect(read('--lr-schedule', 'cosine').schedule).toEqual({ name: 'cosine' });
    expect(read('--lr-schedule', 'step:every=50,factor=0.5').schedule).toEqual({ name: 'step', every: 50, factor: 0.5 });
    expect(read('--lr-schedule', 'exponential:factor=0.99').schedule).toEqual({ name: 'exponential', factor: 0.99 });
    expect(read('--lr-schedule', 'plateau:factor=0.5,patience=5,floor=1e-5,minDelta=0').schedule).toEqual({
      name: 'plateau', factor: 0.5, patience: 5, floor: 1e-5, minDelta: 0,
    });
    expect(() => read('--lr-schedule', 'linear')).toThrow('--lr-schedule: expected one of step, exponential, cosine, plateau (with settings after a colon, e.g. step:every=50), got "linear"');
    expect(() => read('--lr-schedule', 'step')).toThrow('--lr-schedule step: needs every=..., e.g. step:every=50,factor=0.5');
    expect(() => read('--lr-schedule', 'step:every=0')).toThrow('--lr-schedule step every: expected a whole number from 1 to 2147483647, got "0"');
    expect(() => read('--lr-schedule', 'exponential:factor=1.5')).toThrow('--lr-schedule exponential factor: expected a number above 0 to 1, got "1.5"');
    expect(() => read('--lr-schedule', 'cosine:every=5')).toThrow('--lr-schedule cosine: expected settings floor=..., period=..., got "every=5"');
    expect(() => read('--lr-schedule', 'cosine:floor=')).toThrow('--lr-schedule cosine floor: expected a number from 0, got ""');
  });

  it("--backend takes the library's names for its cores", () => {
    expect(['wasm-simd', 'wasm', 'js'].map((name) => read('--backend', name).backend)).toEqual(['wasm-simd', 'wasm', 'js']);
    expect(() => read('--backend', 'baseline')).toThrow('--backend: expected one of wasm-simd, wasm, js, got "baseline"');
  });

  it("the library's names for activations, losses, initialisers and optimizers", () => {
    expect(read('--activation', 'relu,softmax', '--loss', 'crossEntropy', '--init', 'he', '--optimizer', 'momentum')).toMatchObject({
      activation: ['relu', 'softmax'], loss: 'crossEntropy', init: 'he', optimizer: 'momentum',
    });
    expect(() => read('--optimizer', 'rmsprop')).toThrow('--optimizer: expected one of sgd, momentum, adam, got "rmsprop"');
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
    expect(() => layerActivations(['relu', 'relu'], 'tanh', 3)).toThrow('--activation: expected one name for the hidden layers, or one per non-input layer (3), got 2');
  });

  it('softmax only last, and only over at least 2 outputs', () => {
    expect(() => layerActivations(['softmax'], 'tanh', 2)).toThrow('--activation: softmax is for the output layer only (give it as the last of one name per layer)');
    expect(() => layerActivations(['relu', 'softmax'], 'tanh', 2, { activation: 'linear', width: 1 })).toThrow(
      '--activation: a softmax output layer needs at least 2 outputs, but the target has 1',
    );
  });
});
