// The data of one fit, checked whole before anything reaches the core: the training rows and the
// validation rows, given (validationData) or held out of the training data (validationSplit).
// A split draws from the network's seed, so the same network and data hold out the same rows on
// every fit and in every build; class targets (0/1, or one-hot rows) are held out class by class.
import { Random, shuffleIndices } from '../assembly/random.js';
import { readTable, checkSameRows, plural, type Rows, type Targets, type Table, type ValueRange } from './data.js';
import { rangeError } from './errors.js';
import type { Precision } from './network-options.js';
import type { FitSettings } from './fit-options.js';
import { newRealArray, type Core, type RealArray } from './core.js';

export interface FitData {
  rows: number;
  validationRows: number;
  /** With validationSplit: the rows held out, in order. */
  heldOut?: Int32Array;
  /** Writes the training rows into the core's buffers (or any of that size), checking every value. */
  writeTraining(inputs: RealArray, targets: RealArray): void;
  writeValidation(inputs: RealArray, targets: RealArray): void;
}

/** A fit's rows put in the core: room made for both sets, then each written (and checked) into it. */
export function putFitData(core: Core, net: number, data: FitData): void {
  core.reserveData(net, data.rows);
  core.reserveValidation(net, data.validationRows);
  data.writeTraining(core.dataInputs(net), core.dataTargets(net));
  data.writeValidation(core.validationInputs(net), core.validationTargets(net));
}

/** FitData of rows already checked and packed (what fitAsync's worker is sent). */
export function packedFitData(inputWidth: number, inputs: RealArray, targets: RealArray, validationInputs: RealArray, validationTargets: RealArray): FitData {
  return {
    rows: inputs.length / inputWidth,
    validationRows: validationInputs.length / inputWidth,
    writeTraining: (i, t) => (i.set(inputs), t.set(targets)),
    writeValidation: (i, t) => (i.set(validationInputs), t.set(validationTargets)),
  };
}

interface Widths {
  inputs: number;
  outputs: number;
  /** The bounds of a target value (the cross-entropy losses' probabilities). */
  targetRange: ValueRange | undefined;
  /** The network's, which the values are checked against (float32's range for 'f32'). */
  precision: Precision;
}

export function readFitData(inputs: Rows, targets: Targets, settings: FitSettings, widths: Widths, seed: number): FitData {
  const inputTable = readTable(inputs, widths.inputs, 'inputs');
  const targetTable = readTable(targets, widths.outputs, 'targets', widths.targetRange, true);
  checkSameRows(inputTable, targetTable);
  const noValidation = () => {};
  if (settings.validationData) {
    const given = settings.validationData;
    const valInputs = readTable(given.inputs, widths.inputs, 'validationData.inputs');
    const valTargets = readTable(given.targets, widths.outputs, 'validationData.targets', widths.targetRange, true);
    checkSameRows(valInputs, valTargets, 'validationData.');
    return {
      rows: inputTable.rows,
      validationRows: valInputs.rows,
      writeTraining: (i, t) => (inputTable.write(i), targetTable.write(t)),
      writeValidation: (i, t) => (valInputs.write(i), valTargets.write(t)),
    };
  }
  if (settings.validationSplit === 0) {
    return { rows: inputTable.rows, validationRows: 0, writeTraining: (i, t) => (inputTable.write(i), targetTable.write(t)), writeValidation: noValidation };
  }
  return splitRows(inputTable, targetTable, settings.validationSplit, widths, seed);
}

// The rows held out by validationSplit, and the data written around them.
function splitRows(inputTable: Table, targetTable: Table, split: number, widths: Widths, seed: number): FitData {
  const n = inputTable.rows;
  // every value is checked here, before any reaches the core
  const allTargets = newRealArray(widths.precision, n * widths.outputs);
  targetTable.write(allTargets);
  const allInputs = newRealArray(widths.precision, n * widths.inputs);
  inputTable.write(allInputs);
  const heldOut = heldOutRows(allTargets, n, widths.outputs, split, seed);
  if (heldOut.length === 0 || heldOut.length === n) {
    const leaves = heldOut.length === 0 ? 'validation' : 'training';
    throw rangeError('validationSplit', `a share that leaves both training and validation rows (of ${plural(n, 'row')}, it leaves no ${leaves} rows)`, split);
  }
  const held = new Uint8Array(n);
  heldOut.forEach((row) => (held[row] = 1));
  const copyRows = (keep: number, inputs: RealArray, targets: RealArray) => {
    let to = 0;
    for (let r = 0; r < n; r++) {
      if (held[r] !== keep) continue;
      inputs.set(allInputs.subarray(r * widths.inputs, (r + 1) * widths.inputs), to * widths.inputs);
      targets.set(allTargets.subarray(r * widths.outputs, (r + 1) * widths.outputs), to * widths.outputs);
      to++;
    }
  };
  return {
    rows: n - heldOut.length,
    validationRows: heldOut.length,
    heldOut,
    writeTraining: (inputs, targets) => copyRows(0, inputs, targets),
    writeValidation: (inputs, targets) => copyRows(1, inputs, targets),
  };
}

/**
 * The rows to hold out, in order: a share `split` of each class when the targets are classes (a
 * 0/1 column, or one-hot rows), else of all rows, rounded, each group's picked by a seeded shuffle.
 */
export function heldOutRows(targets: RealArray, n: number, width: number, split: number, seed: number): Int32Array {
  const classes = classOf(targets, n, width);
  const groups = new Map<number, number[]>();
  for (let r = 0; r < n; r++) {
    const group = classes ? classes[r] : 0;
    if (!groups.has(group)) groups.set(group, []);
    groups.get(group)!.push(r);
  }
  // a generator of its own from the network's seed: the network's own state is not drawn from
  const rng = new Random(seed % 2 ** 32, (Math.floor(seed / 2 ** 32) ^ 0x5eed) >>> 0);
  const picked: Int32Array[] = [];
  for (const group of [...groups.keys()].sort((a, b) => a - b)) {
    const rows = Int32Array.from(groups.get(group)!);
    shuffleIndices(rows, rows.length, rng);
    picked.push(rows.subarray(0, Math.round(rows.length * split)));
  }
  // joined with set, not spread into push: a spread of millions of rows overflows the stack
  const held = new Int32Array(picked.reduce((sum, rows) => sum + rows.length, 0));
  let at = 0;
  for (const rows of picked) {
    held.set(rows, at);
    at += rows.length;
  }
  return held.sort();
}

// each row's class when every target row is one: a 0 or 1 in one column, or a one-hot row
function classOf(targets: RealArray, n: number, width: number): Int32Array | undefined {
  const classes = new Int32Array(n);
  for (let r = 0; r < n; r++) {
    if (width === 1) {
      const t = targets[r];
      if (t !== 0 && t !== 1) return undefined;
      classes[r] = t;
      continue;
    }
    let ones = 0;
    for (let c = 0; c < width; c++) {
      const t = targets[r * width + c];
      if (t === 1) {
        ones++;
        classes[r] = c;
      } else if (t !== 0) {
        return undefined;
      }
    }
    if (ones !== 1) return undefined;
  }
  return classes;
}
