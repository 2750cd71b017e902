// Gradient clipping by global norm: a batch's gradient (every weight and bias) longer than clipNorm
// is scaled down to it before the step; a shorter one is left as it is.
import { describe, expect, it } from 'vitest';
import { builds, noisyRows, weightBytes, XOR_INPUTS, XOR_TARGETS } from './builds';
import { expectThrows, type ErrorClass, type Part } from './errors';

const train = noisyRows(8, 51);
const options = { layers: [2, 6, 1], activation: ['tanh', 'linear'], seed: 52 } as const;

describe.each(builds)('%s build: clipNorm', (_, NeuralNetwork) => {
  /** One SGD step at rate 1 over the whole set: the weights move by minus the (clipped) gradient. */
  async function step(clipNorm?: number): Promise<{ before: Float64Array; moved: Float64Array }> {
    const net = await NeuralNetwork.create(options);
    const before = new Float64Array(weightBytes(net).buffer);
    net.fit(train.inputs, train.targets, { epochs: 1, batchSize: 8, learningRate: 1, clipNorm });
    const after = new Float64Array(weightBytes(net).buffer);
    return { before, moved: before.map((w, i) => w - after[i]) };
  }
  const norm = (g: Float64Array) => Math.sqrt(g.reduce((sum, x) => sum + x * x, 0));

  it('scales a gradient longer than clipNorm down to it, in its direction', async () => {
    const { moved: gradient } = await step();
    const full = norm(gradient);
    expect(full).toBeGreaterThan(0.2);
    const { moved: clipped } = await step(0.2);
    expect(norm(clipped)).toBeCloseTo(0.2, 12);
    clipped.forEach((g, i) => expect(g).toBeCloseTo((gradient[i] * 0.2) / full, 12));
  });

  it('leaves a shorter gradient as it is, bit for bit', async () => {
    const { moved: gradient } = await step();
    const { moved: unclipped } = await step(norm(gradient) * 2);
    expect(Array.from(unclipped)).toEqual(Array.from(gradient));
  });

  it('keeps a run that diverges without it finite', async () => {
    const fit = { epochs: 200, batchSize: 8, learningRate: 3 } as const;
    const wild = await NeuralNetwork.create(options);
    expect(wild.fit(train.inputs, train.targets, fit).stopReason).toBe('diverged');
    const tame = await NeuralNetwork.create(options);
    const result = tame.fit(train.inputs, train.targets, { ...fit, learningRate: 0.05, clipNorm: 1 });
    expect(result.stopReason).toBe('completed');
    expect(result.loss.every(Number.isFinite)).toBe(true);
  });

  it('rejects a clipNorm that is not a positive number before anything changes', async () => {
    const net = await NeuralNetwork.create({ layers: [2, 3, 1], seed: 9 });
    const before = JSON.stringify(net.toJSON());
    for (const [clipNorm, error, parts] of [
      [0, RangeError, ['clipNorm', 'finite number', '(0,', '0']],
      [-1, RangeError, ['clipNorm', 'finite number', '(0,', '-1']],
      [NaN, RangeError, ['clipNorm', 'finite number', 'NaN']],
      ['1', TypeError, ['clipNorm', 'number', 'string', '"1"']],
    ] as [unknown, ErrorClass, Part[]][]) {
      expectThrows(() => net.fit(XOR_INPUTS, XOR_TARGETS, { clipNorm } as never), error, parts);
      expect(JSON.stringify(net.toJSON())).toBe(before);
    }
  });
});
