// src/columns.ts: how a raw table's columns are read (numbers, categories, missing values, ids),
// fitted on training rows (levels, fill, scaling) and encoded for the network.
import { describe, expect, it } from 'vitest';
import { InputEncoder, TableBuilder, encodedWidth, fitInputs, isMissing, levelOf, numberOf, type RawValue, type Table } from '../src/columns';
import { expectThrows } from './errors';

function table(names: string[], rows: RawValue[][], choices = {}): Table {
  const builder = new TableBuilder(names, choices);
  rows.forEach((row, r) => builder.add((c) => row[c], () => `rows[${r}]`));
  return builder.finish();
}

const all = (n: number) => Uint32Array.from({ length: n }, (_, i) => i);

describe('raw values', () => {
  it('missing: null, undefined, NaN, and the usual spellings of nothing, whatever their case and spaces', () => {
    for (const value of [null, undefined, NaN, '', '  ', 'NA', 'na', 'N/A', 'n/a', 'NaN', 'null', 'NULL', '?', ' ? ']) expect(isMissing(value), String(value)).toBe(true);
    for (const value of [0, -1, 'none', 'No', false, 'nan!', '0']) expect(isMissing(value), String(value)).toBe(false);
  });

  it('numbers: finite numbers and the text of one; levels: text trimmed, numbers by their shortest spelling, booleans by name', () => {
    expect([numberOf(3.5), numberOf(' 3.50 '), numberOf('1e3'), numberOf('abc'), numberOf(Infinity), numberOf(true), numberOf('0x10')]).toEqual([3.5, 3.5, 1000, undefined, undefined, undefined, undefined]);
    expect([levelOf(' red '), levelOf(1), levelOf('1.0'), levelOf('01'), levelOf(true), levelOf(false)]).toEqual(['red', '1', '1', '1', 'true', 'false']);
  });
});

describe('TableBuilder', () => {
  it('a column is numeric while every present value is a number, categorical from its first text (earlier numbers become levels)', () => {
    const t = table(['a', 'b', 'c'], [[1, 'x', 1], ['2', 'y', null], [3.5, 'x', 'big'], [null, true, 2]]);
    expect(t.columns.map((column) => [column.name, column.type, column.missing])).toEqual([['a', 'numeric', 1], ['b', 'categorical', 0], ['c', 'categorical', 1]]);
    const [a, b, c] = t.columns as [any, any, any];
    expect(Array.from(a.values)).toEqual([1, 2, 3.5, NaN]);
    expect(b.texts).toEqual(['x', 'y', 'true']);
    expect(Array.from(b.codes)).toEqual([0, 1, 0, 2]);
    expect(c.texts).toEqual(['1', 'big', '2']);
    expect(Array.from(c.codes)).toEqual([0, -1, 1, 2]);
  });

  it('declared columns: numeric refuses text by name, categorical takes numbers as levels, ignore leaves the column out', () => {
    expectThrows(() => table(['a'], [[1], ['two']], { a: 'numeric' }), TypeError, ['rows[1]', "'a'", 'a number', 'declared numeric', '"two"']);
    const t = table(['a', 'b', 'id'], [[1, 5, 'r1'], [2, 5, 'r2']], { b: 'categorical', id: 'ignore' });
    expect(t.columns.map((column) => column.type)).toEqual(['numeric', 'categorical']);
    expect(t.leftOut).toEqual([{ name: 'id', why: 'ignored' }]);
  });

  it('a text column of nearly all distinct values (an id, a name) and a column with no value are left out, saying why', () => {
    const rows = Array.from({ length: 20 }, (_, r) => [`passenger ${r}`, r % 3 ? 'a' : 'b', null, r]);
    const t = table(['name', 'group', 'empty', 'n'], rows);
    expect(t.columns.map((column) => column.name)).toEqual(['group', 'n']);
    expect(t.leftOut).toEqual([{ name: 'name', why: 'id' }, { name: 'empty', why: 'empty' }]);
    // declared categorical, it stays
    expect(table(['name'], rows.map((row) => [row[0]]), { name: 'categorical' }).columns).toHaveLength(1);
    // a few rows are not enough to call a column an id
    expect(table(['name'], [['a'], ['b'], ['c']]).columns).toHaveLength(1);
  });

  it('a number that is not finite is neither a number nor text: refused by name', () => {
    expectThrows(() => table(['a'], [[1], [Infinity]]), TypeError, ['rows[1]', "'a'", 'Infinity']);
  });
});

describe('fitInputs and InputEncoder', () => {
  const rows: RawValue[][] = [
    [1, 'red', 10], [2, 'blue', null], [null, 'red', 30], [4, null, 40], [5, 'green', 50], [6, 'red', 'NA'],
  ];
  const t = table(['n', 'colour', 'm'], rows);

  it('fits on the training rows only: scaling on the present values, the median, the levels in order, the most frequent level', () => {
    const inputs = fitInputs(t, Uint32Array.of(0, 1, 2, 3, 4), 'standard');
    expect(inputs.columns).toEqual(['n', 'colour', 'm']);
    expect(inputs.types).toEqual(['numeric', 'categorical', 'numeric']);
    expect(inputs.levels).toEqual([null, ['blue', 'green', 'red'], null]);
    // n present: 1, 2, 4, 5 (median 3); m present: 10, 30, 40, 50 (median 35)
    expect(inputs.fill).toEqual([3, 'red', 35]);
    expect(inputs.scaling.offset).toEqual([3, 0, 32.5]);
    expect(inputs.scaling.scale[0]).toBeCloseTo(Math.sqrt(2.5), 12);
    expect(inputs.scaling.scale[1]).toBe(1);
    expect(encodedWidth(inputs)).toBe(5);
  });

  it('encodes numbers scaled, levels one-hot, a missing value as its fill, an unseen level as all zeros', () => {
    const inputs = fitInputs(t, all(6), 'none');
    const encoder = new InputEncoder(inputs);
    const out = new Float64Array(encoder.width * 3);
    const given: RawValue[][] = [[2, 'green', 7], [null, 'purple', ''], ['3', ' red ', 'NA']];
    given.forEach((row, r) => encoder.encode((c) => row[c], out, r * encoder.width, (c) => `row ${c}`));
    expect(Array.from(out)).toEqual([
      2, 0, 1, 0, 7,
      4, 0, 0, 0, 35,
      3, 0, 0, 1, 35,
    ]);
  });

  it('a model without fill values (made before column types) refuses a missing value; text in a numeric column is refused by name', () => {
    const encoder = new InputEncoder({ columns: ['a'], scaling: { method: 'none', offset: [0], scale: [1] } });
    expectThrows(() => encoder.encode(() => null, new Float64Array(1), 0, () => "row 'a'"), TypeError, ["row 'a'", 'a finite number', 'null']);
    const typed = new InputEncoder(fitInputs(table(['a'], [[1], [2]]), all(2), 'none'));
    expectThrows(() => typed.encode(() => 'ten', new Float64Array(1), 0, () => "row 'a'"), TypeError, ["row 'a'", 'a finite number', '"ten"']);
  });
});
