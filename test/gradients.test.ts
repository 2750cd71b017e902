// Backprop against central finite differences, on both builds, through the public API only.
//
// The analytic gradient: one full-batch SGD step with learning rate 1 is w -= g, so g = before - after.
// The numeric gradient: evaluate() is the mean per-sample loss, the very function that step descends;
// (L(w + h) - L(w - h)) / 2h for one parameter at a time, set with setWeights.
import { afterAll, describe, expect, it } from 'vitest';
import { builds, testRandom, type Network } from './builds';
import type { ActivationName, LossName, FitOptions, Weights } from 'neural-wasm';

type Net = InstanceType<Network>;
type Data = { inputs: number[][]; targets: number[][] };

const HIDDEN: ActivationName[] = ['sigmoid', 'tanh', 'relu', 'leakyRelu', 'linear'];
const ARCHITECTURES = [[3, 4, 2], [2, 5, 3, 3], [4, 3], [3, 6, 4, 5, 2], [5, 7, 1]];
const SAMPLES = 5;
const H = Number(process.env.H ?? 1e-6);
const TOLERANCE = 1e-6;
// a relu or leakyRelu unit this close to its kink (in any sample) would make the difference meaningless
const KINK_MARGIN = 1e-4;

/** |a - b| / max(|a|, |b|, 1e-8): relative, with a floor so two (near-)zero gradients agree. */
export function relativeError(a: number, b: number): number {
  return Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b), 1e-8);
}

/** All parameters in the core's order: W0 (row-major), b0, W1, b1, ... */
function flatten({ weights, biases }: Weights): Float64Array {
  return Float64Array.from(weights.flatMap((w, l) => [...w, ...biases[l]]));
}

function unflatten(layers: readonly number[], params: Float64Array): Weights {
  const weights: Float64Array[] = [];
  const biases: Float64Array[] = [];
  let at = 0;
  for (let l = 0; l + 1 < layers.length; l++) {
    weights.push(params.slice(at, (at += layers[l] * layers[l + 1])));
    biases.push(params.slice(at, (at += layers[l + 1])));
  }
  return { weights, biases };
}

async function clone(net: Net): Promise<Net> {
  return (net.constructor as Network).fromJSON(net.toJSON());
}

/** The gradient one full-batch SGD step with learning rate 1 used: before - after (on a clone). */
async function analyticGradient(net: Net, { inputs, targets }: Data, extra: FitOptions = {}): Promise<Float64Array> {
  const copy = await clone(net);
  const before = flatten(copy.getWeights());
  copy.fit(inputs, targets, { epochs: 1, batchSize: inputs.length, learningRate: 1, optimizer: 'sgd', ...extra });
  const after = flatten(copy.getWeights());
  copy.dispose();
  return before.map((w, i) => w - after[i]);
}

/** Central differences of evaluate().loss, one parameter at a time (on a clone). */
async function numericGradient(net: Net, { inputs, targets }: Data, h = H): Promise<Float64Array> {
  const copy = await clone(net);
  const base = flatten(copy.getWeights());
  const lossAt = (i: number, value: number) => {
    const params = base.slice();
    params[i] = value;
    copy.setWeights(unflatten(net.layers, params));
    return copy.evaluate(inputs, targets).loss;
  };
  const grad = base.map((w, i) => {
    if (process.env.ST === '5') {
      return (lossAt(i, w - 2 * h) - 8 * lossAt(i, w - h) + 8 * lossAt(i, w + h) - lossAt(i, w + 2 * h)) / (12 * h);
    }
    const up = w + h;
    const down = w - h;
    return (lossAt(i, up) - lossAt(i, down)) / (up - down); // the step actually taken, after rounding
  });
  copy.dispose();
  return grad;
}

/** A forward pass in plain JS, returning every layer's pre-activations z for one sample. */
function preActivations(net: Net, x: readonly number[]): number[][] {
  const { weights, biases } = net.getWeights();
  const zs: number[][] = [];
  let a = [...x];
  net.activation.forEach((kind, l) => {
    const out = net.layers[l + 1];
    const z = Array.from(biases[l], (b, j) => a.reduce((sum, ai, i) => sum + ai * weights[l][i * out + j], b));
    zs.push(z);
    if (kind === 'softmax') {
      const max = Math.max(...z);
      const e = z.map((v) => Math.exp(v - max));
      const total = e.reduce((s, v) => s + v, 0);
      a = e.map((v) => v / total);
    } else {
      const f = {
        sigmoid: (v: number) => 1 / (1 + Math.exp(-v)),
        tanh: Math.tanh,
        relu: (v: number) => (v > 0 ? v : 0),
        leakyRelu: (v: number) => (v > 0 ? v : 0.01 * v),
        linear: (v: number) => v,
      }[kind];
      a = z.map(f);
    }
  });
  return zs;
}

/** The distance of the nearest relu / leakyRelu pre-activation to 0 over the data (Infinity when there are none). */
function kinkDistance(net: Net, inputs: number[][]): number {
  let nearest = Infinity;
  for (const x of inputs) {
    preActivations(net, x).forEach((z, l) => {
      if (net.activation[l] === 'relu' || net.activation[l] === 'leakyRelu') {
        for (const v of z) nearest = Math.min(nearest, Math.abs(v));
      }
    });
  }
  return nearest;
}

type TargetKind = 'real' | 'unit' | 'binary' | 'oneHot' | 'soft';

function makeData(seed: number, layers: readonly number[], kind: TargetKind): Data {
  const random = testRandom(seed);
  const inSize = layers[0];
  const outSize = layers[layers.length - 1];
  const inputs = Array.from({ length: SAMPLES }, () => Array.from({ length: inSize }, () => 2 * random() - 1));
  const targets = Array.from({ length: SAMPLES }, () => {
    if (kind === 'real') return Array.from({ length: outSize }, () => 2 * random() - 1);
    if (kind === 'unit') return Array.from({ length: outSize }, () => random());
    if (kind === 'binary') return Array.from({ length: outSize }, () => (random() < 0.5 ? 0 : 1));
    if (kind === 'oneHot') {
      const hot = Math.floor(random() * outSize);
      return Array.from({ length: outSize }, (_, i) => (i === hot ? 1 : 0));
    }
    const raw = Array.from({ length: outSize }, () => random() + 0.05);
    const total = raw.reduce((s, v) => s + v, 0);
    return raw.map((v) => v / total);
  });
  return { inputs, targets };
}

interface Case {
  loss: LossName;
  output: ActivationName;
  targets: TargetKind;
}

// every output activation with mse; the probability outputs (sigmoid, softmax) with the cross-entropies
const CASES: Case[] = [
  { loss: 'mse', output: 'sigmoid', targets: 'unit' },
  { loss: 'mse', output: 'tanh', targets: 'real' },
  { loss: 'mse', output: 'relu', targets: 'unit' },
  { loss: 'mse', output: 'leakyRelu', targets: 'real' },
  { loss: 'mse', output: 'linear', targets: 'real' },
  { loss: 'mse', output: 'softmax', targets: 'soft' },
  { loss: 'binaryCrossEntropy', output: 'sigmoid', targets: 'unit' },
  { loss: 'binaryCrossEntropy', output: 'sigmoid', targets: 'binary' },
  { loss: 'binaryCrossEntropy', output: 'softmax', targets: 'unit' },
  { loss: 'binaryCrossEntropy', output: 'softmax', targets: 'oneHot' },
  { loss: 'crossEntropy', output: 'sigmoid', targets: 'unit' },
  { loss: 'crossEntropy', output: 'softmax', targets: 'oneHot' },
  { loss: 'crossEntropy', output: 'softmax', targets: 'soft' },
];

describe.each(builds)('%s build: backprop gradients', (build, NeuralNetwork) => {
  let worst = 0;
  afterAll(() => console.log(`${build}: largest relative error of backprop against finite differences: ${worst.toExponential(2)}`));

  it.each(CASES)('$loss with a $output output ($targets targets) on every architecture', async ({ loss, output, targets }) => {
    const caseIndex = CASES.findIndex((c) => c.loss === loss && c.output === output && c.targets === targets);
    for (const [a, layers] of ARCHITECTURES.entries()) {
      if (output === 'softmax' && layers.at(-1)! < 2) continue; // softmax needs 2 outputs
      const depth = layers.length - 1;
      // hidden layers cycle through all five hidden activations across cases and architectures
      const activation = Array.from({ length: depth }, (_, l) =>
        l === depth - 1 ? output : HIDDEN[(caseIndex + a + l) % HIDDEN.length],
      );
      const seed = 100 * caseIndex + a;
      const what = `layers [${layers}], activation [${activation}], seed ${seed}`;
      const net = await NeuralNetwork.create({ layers, activation, loss, init: a % 2 ? 'uniform' : 'xavier', seed });
      const data = makeData(seed, layers, targets);
      expect(kinkDistance(net, data.inputs), `${what}: a relu unit sits on its kink`).toBeGreaterThan(KINK_MARGIN);

      const analytic = await analyticGradient(net, data);
      const numeric = await numericGradient(net, data);
      expect(Math.max(...analytic.map(Math.abs)), `${what}: the step moved nothing`).toBeGreaterThan(1e-3);
      let caseWorst = { error: 0, i: -1 };
      analytic.forEach((g, i) => {
        const error = relativeError(g, numeric[i]);
        if (error > caseWorst.error) caseWorst = { error, i };
      });
      worst = Math.max(worst, caseWorst.error);
      const small = Math.min(...analytic.filter((g) => g !== 0).map(Math.abs));
      console.log(`CASE ${loss} ${output} ${what} worst ${caseWorst.error.toExponential(2)} at |g| ${Math.abs(analytic[caseWorst.i]).toExponential(2)} smallest |g| ${small.toExponential(2)} zeros ${analytic.filter((g) => g === 0).length} numzeros ${numeric.filter((g) => g === 0).length}`);
      const { i } = caseWorst;
      expect(caseWorst.error, `${what}: parameter ${i}, backprop ${analytic[i]}, numeric ${numeric[i]}`).toBeLessThan(TOLERANCE);
      net.dispose();
    }
  });
});
