// What turns raw rows into a network's inputs and answers into its targets, fitted on training rows
// and kept as plain JSON beside the network: the input columns and their scaling, and the target
// (class names encoded as one sigmoid output or one-hot outputs, or values and their scaling). The
// CLI makes its model files with these very rules (cli/target.ts, cli/train-data.ts), so a model
// trained here or there encodes and decodes the same way.
import type { ActivationName, LossName } from './names.js';
import { classIndex, classOrder, classOutput, encodeClasses } from './classes.js';
import { type Scaling, type ScalingMethod, SCALING_METHODS, fitScaling, scaled } from './scaling.js';
import { type ColumnChoice, type Inputs, type RawValue, type Table, COLUMN_CHOICES, InputEncoder, TableBuilder, fitInputs } from './columns.js';
import { rangeError, shapeError, typeError, unknownName, unknownOption } from './errors.js';

/**
 * What the network predicts: classes by name (one-hot, or one sigmoid output for two; `numbers`:
 * given as numbers, so answered as numbers), or values.
 */
export type Target = { kind: 'classes'; columns: string[]; classes: string[]; numbers?: true } | { kind: 'values'; columns: string[] };

/** The preprocessing a model keeps: what fitPreprocessing gives and `new Model(network, ...)` takes. */
export interface Preprocessing {
  /** The raw columns read, each one's type, levels and fill, and their scaling (src/columns.ts). */
  inputs: Inputs;
  target: Target;
  /** A values target's scaling: network outputs are mapped back through it. Null for classes. */
  targetScaling: Scaling | null;
}

/** Rows as the network takes them (fit, predict, evaluate accept it as it is): row-major values and [rows, columns]. */
export interface Encoded {
  data: Float64Array;
  shape: [rows: number, columns: number];
}

/**
 * A raw row: the input columns' values in order (an array or a typed array), or any other object
 * holding them by column name as its own properties (whatever the names: `length` and `__proto__`
 * too). A value is a number, text, a boolean, or missing (null, undefined, NaN, '', 'NA', ...).
 */
export type RawRow = ArrayLike<RawValue> | Readonly<Record<string, RawValue>>;
/** A row's answer: its class (a name, or a number), or its value (one number, or a row of them). */
export type Answer = string | number | ArrayLike<number>;

export type Task = 'auto' | 'classification' | 'regression';
export const TASKS: readonly Task[] = ['auto', 'classification', 'regression'];
// 'auto' takes numbers as classes when they are all integers and this few distinct ones
export const MAX_AUTO_CLASSES = 10;

export interface PreprocessingOptions {
  /** The input columns' names. Default: the first row's keys for rows by name, else x1, x2, ... */
  columns?: readonly string[];
  /** The target's name(s). Default: 'class' for classes; 'value' for one value, else value1, value2, ... */
  target?: string | readonly string[];
  /** 'auto' (default): strings are classes, numbers too when all are integers with at most 10 distinct, rows of numbers are values. */
  task?: Task;
  /**
   * How columns are taken, by name: 'numeric', 'categorical' (one-hot over the levels seen) or
   * 'ignore'. Default: numeric when every value present is a number, else categorical; a text
   * column of nearly all distinct values (an id, a name) or with no value is left out.
   */
  types?: Readonly<Record<string, ColumnChoice>>;
  /** The numeric inputs' scaling: 'standard' (default: mean 0, deviation 1), 'minmax' ([0, 1]) or 'none'. */
  scaling?: ScalingMethod;
  /** A values target's scaling. Default: as the inputs'. */
  targetScaling?: ScalingMethod;
}

const OPTION_KEYS = ['columns', 'target', 'task', 'types', 'scaling', 'targetScaling'];

/**
 * Fits the preprocessing on training rows (raw, in order or by column name) and their answers:
 * each input column's type (numeric or categorical), its scaling or levels, and what a missing
 * value becomes (the median, or the most frequent level); the classes (numbers in numeric order,
 * names in text order) or the values' scaling. Encode the rows and answers for the network with
 * encodeRows and encodeAnswers; `new Model(network, preprocessing)` then predicts on raw rows.
 */
export function fitPreprocessing(rows: readonly RawRow[], answers: readonly Answer[], options: PreprocessingOptions = {}): Preprocessing {
  const settings = checkOptions(options);
  if (!Array.isArray(rows) || rows.length === 0) throw typeError('fitPreprocessing rows', 'a non-empty array of rows', rows);
  if (!Array.isArray(answers)) throw typeError('fitPreprocessing answers', 'an array with one answer per row', answers);
  if (answers.length !== rows.length) throw shapeError('fitPreprocessing answers', `one answer per row (${rows.length})`, `${answers.length}`);
  const table = readTable(settings.columns ?? columnNames(rows[0], 'fitPreprocessing rows[0]'), rows, settings.types, 'fitPreprocessing rows');
  const inputs = fitInputs(table, Uint32Array.from(rows, (_, r) => r), settings.scaling);
  const { columns } = inputs;
  const classes = isClasses(answers, settings.task);
  const target = classes ? classTarget(answers, settings.target) : valueTarget(answers, settings.target);
  const targetScaling = target.kind === 'values' ? fitScaling(readValues(target, answers, 'fitPreprocessing answers'), settings.targetScaling) : null;
  const clash = target.columns.find((name) => columns.includes(name));
  if (clash !== undefined) throw rangeError('fitPreprocessing options.target', `a name other than the input columns'`, clash);
  return { inputs, target, targetScaling };
}

/** Raw rows gathered into a table (src/columns.ts), by the given column names. */
export function readTable(names: readonly string[], rows: readonly RawRow[], types: Readonly<Record<string, ColumnChoice>> | undefined, what: string): Table {
  const builder = new TableBuilder(names, types);
  rows.forEach((row, r) => builder.add(rowValues(row, names, `${what}[${r}]`), () => `${what}[${r}]`));
  return builder.finish();
}

// a row's value of each column: in order by position, by name from its own properties (a column
// called 'constructor' is not Object's; one the row lacks is missing)
export function rowValues(row: RawRow, names: readonly string[], what: string): (column: number) => RawValue {
  if (typeof row !== 'object' || row === null) throw typeError(what, `a row of ${names.length} values, or an object of them by column name`, row);
  if (isRowInOrder(row)) {
    if (row.length !== names.length) throw shapeError(what, `${names.length} values (${names.join(', ')})`, `${row.length}`);
    return (c) => row[c];
  }
  return (c) => (Object.hasOwn(row, names[c]) ? (row as Record<string, RawValue>)[names[c]] : undefined);
}

/** Raw rows as the network's inputs: each column's value, scaled as the training rows were. */
export function encodeRows(preprocessing: Preprocessing, rows: readonly RawRow[]): Encoded {
  if (!Array.isArray(rows)) throw typeError('encodeRows rows', 'an array of rows', rows);
  return readRows(preprocessing.inputs, rows, 'encodeRows rows');
}

/** Answers as the network's targets: classes as 0/1 (two) or one-hot rows, values scaled as the training answers were. */
export function encodeAnswers(preprocessing: Preprocessing, answers: readonly Answer[]): Encoded {
  if (!Array.isArray(answers)) throw typeError('encodeAnswers answers', 'an array with one answer per row', answers);
  const { target, targetScaling } = preprocessing;
  if (target.kind === 'classes') {
    const labels = Int32Array.from(answers, (answer, r) => {
      const label = classIndex(target, answer as string | number);
      if (label === undefined) throw unknownName(`encodeAnswers answers[${r}]`, answer, target.classes);
      return label;
    });
    return encodeClasses(labels, target.classes.length);
  }
  const values = readValues(target, answers, 'encodeAnswers answers');
  const { data } = values;
  const width = target.columns.length;
  for (let i = 0; i < data.length; i++) {
    data[i] = scaled(data[i], targetScaling!, i % width);
    if (!Number.isFinite(data[i])) throw rangeError(`encodeAnswers answers[${Math.floor(i / width)}]`, "values the training answers' scaling takes to finite numbers", answers[Math.floor(i / width)]);
  }
  return values;
}

/** The output layer a target needs: units, the activation and the loss that go with them. */
export function outputLayer(target: Target): { units: number; activation: ActivationName; loss: LossName } {
  if (target.kind === 'values') return { units: target.columns.length, activation: 'linear', loss: 'mse' };
  return classOutput(target.classes.length);
}

/** The network outputs a target needs: one per value column; for classes, as neural-wasm/datasets encodes them. */
export function outputWidth(target: Target): number {
  return outputLayer(target).units;
}

/** Each class's probability from one network output row (one sigmoid output: the second class's). */
export function classProbabilities(output: ArrayLike<number>): number[] {
  return output.length === 1 ? [1 - output[0], output[0]] : Array.from(output);
}

/**
 * Whether a raw row holds its values in order: an array or a typed array. Any other object holds
 * them by column name, so that a column may be called anything (`length` included).
 */
export function isRowInOrder(row: object): row is ArrayLike<number> {
  return Array.isArray(row) || (ArrayBuffer.isView(row) && !(row instanceof DataView));
}

// one encoder per inputs object: a table of millions of rows encodes every row
const encoders = new WeakMap<Inputs, InputEncoder>();

function encoderFor(inputs: Inputs): InputEncoder {
  let encoder = encoders.get(inputs);
  if (encoder === undefined) encoders.set(inputs, (encoder = new InputEncoder(inputs)));
  return encoder;
}

/** One raw row as the network's inputs (numbers scaled, levels one-hot, missing values filled); `what` names the row in errors. */
export function rowInputs(inputs: Inputs, row: RawRow, what: string, into?: Float64Array, at = 0): Float64Array {
  const encoder = encoderFor(inputs);
  const values = rowValues(row, inputs.columns, what);
  const byName = !isRowInOrder(row as object);
  const out = into ?? new Float64Array(encoder.width);
  encoder.encode(values, out, at, (c) => (byName ? `${what} '${inputs.columns[c]}'` : `${what} [${c}] ('${inputs.columns[c]}')`));
  return out;
}

function readRows(inputs: Inputs, rows: readonly RawRow[], what: string): Encoded {
  const width = encoderFor(inputs).width;
  const data = new Float64Array(rows.length * width);
  rows.forEach((row, r) => rowInputs(inputs, row, `${what}[${r}]`, data, r * width));
  return { data, shape: [rows.length, width] };
}

export function readValues(target: Target, answers: readonly Answer[], what: string): Encoded {
  const width = target.columns.length;
  const data = new Float64Array(answers.length * width);
  answers.forEach((answer, r) => {
    const values = typeof answer === 'number' ? [answer] : answer;
    if (typeof values !== 'object' || values === null || values.length !== width) {
      throw typeError(`${what}[${r}]`, width === 1 ? 'a number (a value)' : `${width} numbers (${target.columns.join(', ')})`, answer);
    }
    for (let c = 0; c < width; c++) {
      if (typeof values[c] !== 'number' || !Number.isFinite(values[c])) throw typeError(`${what}[${r}][${c}]`, 'a finite number', values[c]);
      data[r * width + c] = values[c];
    }
  });
  return { data, shape: [answers.length, width] };
}

interface Settings {
  columns?: string[];
  target?: string | readonly string[];
  task: Task;
  types?: Readonly<Record<string, ColumnChoice>>;
  scaling: ScalingMethod;
  targetScaling: ScalingMethod;
}

function checkOptions(options: PreprocessingOptions): Settings {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) throw typeError('fitPreprocessing options', 'an object', options);
  for (const key of Object.keys(options)) if (!OPTION_KEYS.includes(key)) throw unknownOption('fitPreprocessing options', key, OPTION_KEYS);
  const { columns, target, task = 'auto', types, scaling = 'standard', targetScaling = scaling } = options;
  if (columns !== undefined) checkNames('fitPreprocessing options.columns', columns);
  if (types !== undefined) checkTypes('fitPreprocessing options.types', types);
  if (target !== undefined && typeof target !== 'string') checkNames('fitPreprocessing options.target', target);
  if (!TASKS.includes(task)) throw unknownName('fitPreprocessing options.task', task, TASKS);
  if (!SCALING_METHODS.includes(scaling)) throw unknownName('fitPreprocessing options.scaling', scaling, SCALING_METHODS);
  if (!SCALING_METHODS.includes(targetScaling)) throw unknownName('fitPreprocessing options.targetScaling', targetScaling, SCALING_METHODS);
  return { columns: columns && [...columns], target, task, types, scaling, targetScaling };
}

/** A column's type by name: 'numeric', 'categorical' or 'ignore'. */
export function checkTypes(what: string, types: unknown): void {
  if (typeof types !== 'object' || types === null || Array.isArray(types)) throw typeError(what, "an object of column names and 'numeric', 'categorical' or 'ignore'", types);
  for (const [name, choice] of Object.entries(types)) {
    if (!COLUMN_CHOICES.includes(choice as ColumnChoice)) throw unknownName(`${what}['${name}']`, choice, COLUMN_CHOICES);
  }
}

function checkNames(what: string, names: unknown): void {
  if (!Array.isArray(names) || names.length === 0 || !names.every((name) => typeof name === 'string')) throw typeError(what, 'a non-empty list of names', names);
  const twice = names.find((name, i) => names.indexOf(name) !== i);
  if (twice !== undefined) throw rangeError(what, 'distinct names (this one is given twice)', twice);
}

/** The columns of raw rows, from the first: its keys for a row by name, else x1, x2, ... */
export function columnNames(row: RawRow, what: string): string[] {
  if (typeof row !== 'object' || row === null) throw typeError(what, 'a row of values, or an object of them by column name', row);
  if (!isRowInOrder(row)) return Object.keys(row);
  return Array.from({ length: row.length }, (_, c) => `x${c + 1}`);
}

// classes or values, by the task or, for 'auto', by what the answers are
export function isClasses(answers: readonly Answer[], task: Task): boolean {
  if (task !== 'auto') return task === 'classification';
  if (answers.some((answer) => typeof answer === 'string')) return true;
  if (!answers.every((answer) => typeof answer === 'number')) return false;
  const numbers = answers as readonly number[];
  return numbers.every(Number.isInteger) && new Set(numbers).size <= MAX_AUTO_CLASSES;
}

/** A class target from answers (names or numbers; numbers as numbers, where every answer is one); `call` names the caller in errors. */
export function classTarget(answers: readonly Answer[], name: PreprocessingOptions['target'], call = 'fitPreprocessing'): Target {
  answers.forEach((answer, r) => {
    const ok = typeof answer === 'string' ? answer !== '' : typeof answer === 'number' && Number.isFinite(answer);
    if (!ok) throw typeError(`${call} answers[${r}]`, 'a class: a name, or a finite number', answer);
  });
  const classes = classOrder(answers as readonly (string | number)[]);
  if (classes.length < 2) throw rangeError(`${call} answers`, 'at least 2 classes to tell apart (every answer is this one)', classes[0]);
  const columns = typeof name === 'string' ? [name] : name ? [...name] : ['class'];
  if (columns.length !== 1) throw rangeError(`${call} options.target`, 'one name for a class target', columns);
  // classes given as numbers come back as numbers
  const numbers = answers.every((answer) => typeof answer === 'number');
  return numbers ? { kind: 'classes', columns, classes, numbers } : { kind: 'classes', columns, classes };
}

/** A values target from answers (one number, or a row of them, each); `call` names the caller in errors. */
export function valueTarget(answers: readonly Answer[], name: PreprocessingOptions['target'], call = 'fitPreprocessing'): Target {
  const first = answers[0];
  const width = typeof first === 'number' ? 1 : typeof first === 'object' && first !== null && typeof first.length === 'number' ? first.length : 0;
  if (width === 0) throw typeError(`${call} answers[0]`, 'a value (a number, or a non-empty row of numbers)', first);
  const columns = typeof name === 'string' ? [name] : name ? [...name] : width === 1 ? ['value'] : Array.from({ length: width }, (_, c) => `value${c + 1}`);
  if (columns.length !== width) throw rangeError(`${call} options.target`, `one name per value (${width})`, columns);
  return { kind: 'values', columns };
}
