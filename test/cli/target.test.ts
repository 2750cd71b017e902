// What the CLI learns to predict (cli/target.ts), in-process: classes or values decided from the
// target cells, and how classes become network targets and outputs become probabilities.
import { describe, expect, it } from 'vitest';
import { encodeLabels } from 'neural-wasm/datasets';
import { type Task, type Target, trainingTarget, modelTarget, outputWidth, encodeClasses, classProbabilities, describeTarget } from '../../cli/data/target';
import { DataError } from '../../cli/errors';
import { sniffDialect } from '../../cli/io/csv-dialect';
import { expectThrows } from '../errors';

// a file with ',' between cells and decimal points
const DIALECT = sniffDialect('', true, { delimiter: ',', decimal: '.' });

/** Reads a target column (or columns) of these rows, as train does, the header on line 1. */
function readTarget(header: string[], rows: string[][], task: Task = 'auto', columns = [header.length - 1]) {
  const reader = trainingTarget('t.csv', header, columns, task, DIALECT);
  rows.forEach((row, i) => reader.read(row, i + 2));
  return reader.finish();
}
const column = (cells: string[]) => cells.map((cell, i) => [String(i), cell]);

describe('trainingTarget', () => {
  it('names are classes, in text order, each row its class code', () => {
    const { target, labels } = readTarget(['x', 'colour'], column(['red', 'blue', 'red', 'green']));
    expect(target).toEqual({ kind: 'classes', columns: ['colour'], classes: ['blue', 'green', 'red'] });
    expect(Array.from(labels)).toEqual([2, 0, 2, 1]);
  });

  it('at most 10 distinct integers are classes, in numeric order under their shortest spelling', () => {
    const { target, labels } = readTarget(['x', 'grade'], column(['10', '2', '1.0', '2']));
    expect(target).toEqual({ kind: 'classes', columns: ['grade'], classes: ['1', '2', '10'], numbers: true }); // answered as numbers by Model#predict
    expect(Array.from(labels)).toEqual([2, 1, 0, 1]);
  });

  it('other numbers are values: fractions, or more than 10 distinct integers', () => {
    expect(readTarget(['x', 'y'], column(['1.5', '2', '3'])).target.kind).toBe('values');
    const eleven = readTarget(['x', 'y'], column(Array.from({ length: 11 }, (_, i) => String(i))));
    expect(eleven.target).toEqual({ kind: 'values', columns: ['y'] });
    expect(Array.from(eleven.values!.data)).toEqual(Array.from({ length: 11 }, (_, i) => i));
  });

  it('--task decides: regression makes a few integers values; classification makes fractions classes', () => {
    expect(readTarget(['x', 'y'], column(['1', '2', '1']), 'regression').target.kind).toBe('values');
    expect(readTarget(['x', 'y'], column(['0.5', '1.5']), 'classification').target).toEqual({ kind: 'classes', columns: ['y'], classes: ['0.5', '1.5'], numbers: true });
  });

  it('several one-hot columns are classes named by the columns; any other row makes them values', () => {
    const header = ['x', 'a', 'b', 'c'];
    const oneHot = readTarget(header, [['0', '1', '0', '0'], ['1', '0', '0', '1']], 'auto', [1, 2, 3]);
    expect(oneHot.target).toEqual({ kind: 'classes', columns: ['a', 'b', 'c'], classes: ['a', 'b', 'c'] });
    expect(Array.from(oneHot.labels)).toEqual([0, 2]);
    expect(readTarget(header, [['0', '1', '0', '0'], ['1', '0', '0.5', '1']], 'auto', [1, 2, 3]).target.kind).toBe('values');
    expectThrows(() => readTarget(header, [['0', '1', '1', '0']], 'classification', [1, 2, 3]), DataError, ['t.csv', 'line 2', '--target', 'one-hot', '1, 1, 0']);
  });

  it('refuses a target with one class, or an empty cell, naming the place', () => {
    expectThrows(() => readTarget(['x', 'y'], column(['a', 'a'])), DataError, ['t.csv', "'y'", 'one class', '"a"']);
    expectThrows(() => readTarget(['x', 'y'], column(['a', ''])), DataError, ['t.csv', 'line 3', "'y'", 'missing', 'empty cell']);
  });
});

describe('modelTarget', () => {
  it("reads classes by the model's names (a number under any spelling), and refuses a class it does not know", () => {
    const target: Target = { kind: 'classes', columns: ['grade'], classes: ['1', '2'] };
    const reader = modelTarget('t.csv', [0], target, DIALECT);
    reader.read(['2.0'], 2);
    reader.read(['1'], 3);
    expect(Array.from(reader.finish().labels)).toEqual([1, 0]);
    expectThrows(() => reader.read(['3'], 4), DataError, ['t.csv', 'line 4', "'grade'", 'unknown class', '"3"', '1, 2']);
  });
});

describe('classes as network targets and outputs', () => {
  const classes = (n: number): Target => ({ kind: 'classes', columns: ['c'], classes: Array.from({ length: n }, (_, i) => `k${i}`) });

  it('one output for two classes, one per class for more, one per value column', () => {
    expect([2, 3, 10].map((n) => outputWidth(classes(n)))).toEqual([1, 3, 10]);
    expect(outputWidth({ kind: 'values', columns: ['a', 'b'] })).toBe(2);
  });

  it("encodeClasses gives neural-wasm/datasets' encodeLabels, in one typed array", () => {
    for (const count of [2, 3]) {
      const labels = [0, 1, 1, count - 1, 0];
      const encoded = encodeClasses(Int32Array.from(labels), count);
      const expected = encodeLabels(labels, count);
      expect(encoded.shape).toEqual([labels.length, expected[0].length]);
      expect(Array.from(encoded.data)).toEqual(expected.flat());
    }
  });

  it("classProbabilities: one output is the second class's probability; several are each class's", () => {
    expect(classProbabilities([0.25])).toEqual([0.75, 0.25]);
    expect(classProbabilities(Float64Array.from([0.1, 0.7, 0.2]))).toEqual([0.1, 0.7, 0.2]);
  });

  it('describeTarget names the columns and the classes (the first 12) or says values', () => {
    expect(describeTarget(classes(2))).toBe("target 'c': 2 classes (k0, k1)");
    expect(describeTarget(classes(13))).toBe("target 'c': 13 classes (k0, k1, k2, k3, k4, k5, k6, k7, k8, k9, k10, k11, …)");
    expect(describeTarget({ kind: 'values', columns: ['a', 'b'] })).toBe("target 'a', 'b': values (regression)");
  });
});
