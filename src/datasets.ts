// neural-wasm/datasets: the tutorial's XOR and the classic 2-D toy problems (scikit-learn's
// make_blobs, make_moons, make_circles and CS231n's spiral), drawn from the library's own seeded
// generator, so the playground, the CLI and a user's code get the same points from the same seed.
import { Random, shuffleIndices } from '../assembly/random.js';
import { encodeLabels } from './classes.js';

export { encodeLabels, encodeClasses, classOutput, predictedClass, type ClassOutput } from './classes.js';

export type DatasetName = 'xor' | 'blobs' | 'moons' | 'circles' | 'spiral';
export const DATASET_NAMES: readonly DatasetName[] = ['xor', 'blobs', 'moons', 'circles', 'spiral'];

export interface Dataset {
  name: string;
  /** One row of 2 coordinates per point. */
  inputs: number[][];
  /** Class of each point, 0 .. classNames.length - 1. */
  labels: number[];
  /** Network targets: one 0/1 column for two classes (sigmoid output, as the tutorial), one-hot otherwise. */
  targets: number[][];
  featureNames: string[];
  classNames: string[];
}

export interface DatasetOptions {
  /** Number of points (xor always has its 4). */
  samples?: number;
  /** Standard deviation of the Gaussian noise added to each coordinate. */
  noise?: number;
  /** Seed of the generator (default 1): the same seed gives the same points. */
  seed?: number;
  /** blobs and spiral: number of classes (default 2 for blobs, 3 for spiral). */
  classes?: number;
}

const DEFAULTS: Record<DatasetName, { samples: number; noise: number; classes: number }> = {
  xor: { samples: 4, noise: 0, classes: 2 },
  // the tutorial's "bubbles": make_blobs(500 points, 2 centres, std 1)
  blobs: { samples: 500, noise: 1, classes: 2 },
  moons: { samples: 200, noise: 0.1, classes: 2 },
  circles: { samples: 200, noise: 0.05, classes: 2 },
  spiral: { samples: 300, noise: 0.2, classes: 3 },
};

/** Generates a data set by name; every option has a default (see DatasetOptions). */
export function dataset(name: DatasetName, options: DatasetOptions = {}): Dataset {
  if (!DATASET_NAMES.includes(name)) {
    throw new RangeError(`dataset: expected one of ${DATASET_NAMES.map((n) => `'${n}'`).join(', ')}, got ${JSON.stringify(name)}`);
  }
  const d = DEFAULTS[name];
  const samples = name === 'xor' ? 4 : count('samples', options.samples ?? d.samples, 1, 1_000_000);
  const classes = name === 'blobs' || name === 'spiral' ? count('classes', options.classes ?? d.classes, 2, 100) : 2;
  const noise = options.noise ?? d.noise;
  if (typeof noise !== 'number' || !(noise >= 0) || !Number.isFinite(noise)) {
    throw new RangeError(`dataset: expected noise to be a finite number >= 0, got ${String(noise)}`);
  }
  const seed = count('seed', options.seed ?? 1, 0, Number.MAX_SAFE_INTEGER);
  const rng = new Random(seed % 2 ** 32, Math.floor(seed / 2 ** 32));
  const gauss = gaussian(rng);
  const points: [number, number, number][] = [];
  switch (name) {
    case 'xor':
      // the tutorial's order
      points.push([1, 1, 0], [0, 0, 0], [0, 1, 1], [1, 0, 1]);
      break;
    case 'blobs': {
      // make_blobs: centres uniform in the box (-10, 10), equal shares of the points
      const centres = Array.from({ length: classes }, () => [rng.uniform(-10, 10), rng.uniform(-10, 10)]);
      for (let i = 0; i < samples; i++) {
        const c = classShare(i, samples, classes);
        points.push([centres[c][0] + noise * gauss(), centres[c][1] + noise * gauss(), c]);
      }
      break;
    }
    case 'moons':
      // two interleaved half circles (make_moons), the arc's ends included
      twoHalves(samples, (inner, k, n) => {
        const t = (Math.PI * k) / Math.max(n - 1, 1);
        const [x, y] = inner ? [1 - Math.cos(t), 0.5 - Math.sin(t)] : [Math.cos(t), Math.sin(t)];
        points.push([x + noise * gauss(), y + noise * gauss(), inner ? 1 : 0]);
      });
      break;
    case 'circles':
      // a circle of radius 0.5 inside one of radius 1 (make_circles, factor 0.5)
      twoHalves(samples, (inner, k, n) => {
        const t = (2 * Math.PI * k) / n;
        const r = inner ? 0.5 : 1;
        points.push([r * Math.cos(t) + noise * gauss(), r * Math.sin(t) + noise * gauss(), inner ? 1 : 0]);
      });
      break;
    case 'spiral': {
      // CS231n: each class an arm of 4 radians, the angle jittered by the noise
      for (let i = 0; i < samples; i++) {
        const c = classShare(i, samples, classes);
        const first = firstOfShare(c, samples, classes);
        const n = firstOfShare(c + 1, samples, classes) - first;
        const f = n > 1 ? (i - first) / (n - 1) : 0;
        const t = 4 * (c + f) + noise * gauss();
        points.push([f * Math.sin(t), f * Math.cos(t), c]);
      }
      break;
    }
  }
  if (name !== 'xor') shuffle(points, rng);
  const labels = points.map((p) => p[2]);
  return {
    name,
    inputs: points.map(([x, y]) => [x, y]),
    labels,
    targets: encodeLabels(labels, classes),
    featureNames: ['x', 'y'],
    classNames: Array.from({ length: classes }, (_, c) => String(c)),
  };
}

// the outer class gets the first (larger) half: place(inner, k, n) for point k of its half's n
function twoHalves(samples: number, place: (inner: boolean, k: number, n: number) => void): void {
  const outer = Math.ceil(samples / 2);
  for (let k = 0; k < outer; k++) place(false, k, outer);
  for (let k = 0; k < samples - outer; k++) place(true, k, samples - outer);
}

function count(name: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`dataset: expected ${name} to be an integer from ${min} to ${max}, got ${String(value)}`);
  }
  return value;
}

// point i of n split into k consecutive equal shares (the first ones one larger), as make_blobs
function classShare(i: number, n: number, k: number): number {
  let c = 0;
  while (c + 1 < k && i >= firstOfShare(c + 1, n, k)) c++;
  return c;
}

function firstOfShare(c: number, n: number, k: number): number {
  const base = Math.floor(n / k);
  return c * base + Math.min(c, n % k);
}

// Box-Muller, both values of each pair used
function gaussian(rng: Random): () => number {
  let spare: number | undefined;
  return () => {
    if (spare !== undefined) {
      const value = spare;
      spare = undefined;
      return value;
    }
    const u = 1 - rng.nextFloat();
    const v = rng.nextFloat();
    const r = Math.sqrt(-2 * Math.log(u));
    spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  };
}

// the core's Fisher-Yates (the same draws as a fit's shuffle), on the points' order
function shuffle<T>(items: T[], rng: Random): void {
  const order = Int32Array.from(items.keys());
  shuffleIndices(order, order.length, rng);
  const original = [...items];
  order.forEach((from, to) => (items[to] = original[from]));
}

/** The options dataset() takes when none are given, for one data set (xor: always its 4 points, no noise). */
export function datasetDefaults(name: DatasetName): { samples: number; noise: number; classes: number } {
  return { ...DEFAULTS[name] };
}
