// The CLI's flag parsing (cli/args.ts), in-process: parseArgs with each value checked and named by
// its flag, negative numbers kept as values, and one-line messages that point at --help.
import { describe, expect, it } from 'vitest';
import {
  type FlagSpecs, parseCommandLine, numberFlag, integerFlag, listFlag, integerListFlag, choiceFlag, choiceListFlag, onePositional,
} from '../../cli/args';
import { UsageError } from '../../cli/errors';

const SPECS: FlagSpecs = { seed: { type: 'string' }, quiet: { type: 'boolean' } };

/** The UsageError `call` throws (it must throw one). */
function usageError(call: () => unknown): string {
  try {
    call();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error('no error thrown');
}

describe('parseCommandLine', () => {
  it('gives the flags and the positionals; -h is --help', () => {
    expect(parseCommandLine('train', ['data.csv', '--seed', '3', '--quiet', '-h'], SPECS)).toEqual({
      flags: { seed: '3', quiet: true, help: true },
      positionals: ['data.csv'],
    });
  });

  it('a negative number after a flag that takes a value is its value (the flag\'s own check judges it)', () => {
    expect(parseCommandLine('train', ['--seed', '-1'], SPECS).flags.seed).toBe('-1');
    expect(parseCommandLine('train', ['--seed', '-.5'], SPECS).flags.seed).toBe('-.5');
    expect(parseCommandLine('train', ['--', '--seed'], SPECS).positionals).toEqual(['--seed']);
  });

  it('an unknown flag, a missing value, a value for a switch: one line, naming the flag and the help', () => {
    expect(usageError(() => parseCommandLine('train', ['--sed', '1'], SPECS))).toBe('unknown flag --sed (see neural-wasm train --help)');
    expect(usageError(() => parseCommandLine('train', ['--seed'], SPECS))).toBe('--seed needs a value (see neural-wasm train --help)');
    expect(usageError(() => parseCommandLine('predict', ['--quiet=yes'], SPECS))).toBe('--quiet takes no value (see neural-wasm predict --help)');
    expect(usageError(() => parseCommandLine('train', ['--seed', '-x'], SPECS))).toBe(
      '--seed needs a value (for one that starts with -, write --seed=-...) (see neural-wasm train --help)',
    );
  });
});

describe('flag values', () => {
  it('numbers: in range, or a message with the range; an absent flag is undefined', () => {
    expect(numberFlag({ rate: ' 0.5 ' }, 'rate', 0, 1)).toBe(0.5);
    expect(numberFlag({}, 'rate', 0, 1)).toBeUndefined();
    expect(usageError(() => numberFlag({ rate: '0' }, 'rate', 0, Infinity, true))).toBe('--rate: expected a number above 0, got "0"');
    expect(usageError(() => numberFlag({ split: '1' }, 'split', 0, 0.95))).toBe('--split: expected a number from 0 to 0.95, got "1"');
    expect(usageError(() => numberFlag({ rate: '' }, 'rate', 0, 1))).toBe('--rate: expected a value, got an empty string');
  });

  it('whole numbers: digits only (no 1e3, no 2.0)', () => {
    expect(integerFlag({ epochs: '+12' }, 'epochs', 1, 100)).toBe(12);
    for (const given of ['1e3', '2.0', 'ten']) {
      expect(usageError(() => integerFlag({ epochs: given }, 'epochs', 1, 100))).toBe(`--epochs: expected a whole number from 1 to 100, got "${given}"`);
    }
  });

  it('lists: comma-separated, trimmed, no empty item; whole-number lists', () => {
    expect(listFlag({ target: 'a, b' }, 'target')).toEqual(['a', 'b']);
    expect(usageError(() => listFlag({ target: 'a,,b' }, 'target'))).toBe('--target: expected names separated by commas, got "a,,b"');
    expect(integerListFlag({ hidden: '16,8' }, 'hidden', 1, 64)).toEqual([16, 8]);
    expect(usageError(() => integerListFlag({ hidden: '16,0' }, 'hidden', 1, 64))).toBe('--hidden: expected whole numbers from 1 to 64 separated by commas, got "16,0"');
  });

  it('choices: one of the names, or a list of them', () => {
    expect(choiceFlag({ task: 'auto' }, 'task', ['auto', 'regression'])).toBe('auto');
    expect(usageError(() => choiceFlag({ task: 'x' }, 'task', ['auto', 'regression']))).toBe('--task: expected one of auto, regression, got "x"');
    expect(choiceListFlag({ activation: 'relu,tanh' }, 'activation', ['relu', 'tanh'])).toEqual(['relu', 'tanh']);
    expect(usageError(() => choiceListFlag({ activation: 'relu,swish' }, 'activation', ['relu', 'tanh']))).toBe(
      '--activation: expected one of relu, tanh (or a list of them), got "swish"',
    );
  });

  it('onePositional: exactly one, or the fallback', () => {
    expect(onePositional('predict', [], 'file of rows', '-')).toBe('-');
    expect(usageError(() => onePositional('train', [], 'data set'))).toBe('missing the data set (see neural-wasm train --help)');
    expect(usageError(() => onePositional('train', ['a', 'b'], 'data set'))).toBe('expected one data set, got 2: a b (see neural-wasm train --help)');
  });
});
