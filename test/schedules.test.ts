// Learning-rate schedules: every epoch's rate is its formula's (in the result's learningRate), and
// it is the rate the epoch trains with: a scheduled SGD fit equals one-epoch fits at those rates.
import { describe, expect, it } from 'vitest';
import type { LearningRateSchedule } from 'neural-wasm';
import { builds, noisyRows, weightBytes, XOR_INPUTS, XOR_TARGETS } from './builds';
import { expectThrows, type ErrorClass, type Part } from './errors';

/** initial * factor^k by repeated multiplication, as the core computes it (bit for bit). */
const times = (initial: number, factor: number, k: number) => {
  let rate = initial;
  for (let i = 0; i < k; i++) rate *= factor;
  return rate;
};

describe.each(builds)('%s build: learning-rate schedules', (_, NeuralNetwork) => {
  const options = { layers: [2, 3, 1], seed: 9 } as const;

  it.each<[string, LearningRateSchedule, (t: number) => number]>([
    ['step', { name: 'step', initial: 0.5, factor: 0.5, every: 4 }, (t) => times(0.5, 0.5, Math.floor(t / 4))],
    ['step (default factor 0.5, the optimizer\'s rate)', { name: 'step', every: 3 }, (t) => times(0.1, 0.5, Math.floor(t / 3))],
    ['exponential', { name: 'exponential', initial: 0.3, factor: 0.9 }, (t) => times(0.3, 0.9, t)],
    ['cosine to a floor over 10 epochs', { name: 'cosine', initial: 0.4, floor: 0.01, period: 10 }, (t) => 0.01 + (0.4 - 0.01) * (1 + Math.cos((Math.PI * Math.min(t, 10)) / 10)) / 2],
    ['cosine over the whole fit', { name: 'cosine', initial: 0.2 }, (t) => 0.2 * (1 + Math.cos((Math.PI * t) / 20)) / 2],
  ])('%s: each epoch\'s rate is the formula\'s', async (_, schedule, rate) => {
    const net = await NeuralNetwork.create(options);
    const result = net.fit(XOR_INPUTS, XOR_TARGETS, { epochs: 20, learningRate: schedule });
    const expected = Array.from({ length: 20 }, (_, t) => rate(t));
    result.learningRate.forEach((used, t) => expect(used).toBeCloseTo(expected[t], 15)); // cosine: to the last bit or so
    if (schedule.name !== 'cosine') expect(Array.from(result.learningRate)).toEqual(expected);
  });

  it('cosine: the same bits in every build (its cosine is a polynomial, not the platform\'s Math.cos)', async () => {
    const schedule = { name: 'cosine', initial: 0.3, floor: 0.001, period: 997 } as const;
    const rates = await Promise.all(builds.map(async ([, Build]) => (await Build.create(options)).fit(XOR_INPUTS, XOR_TARGETS, { epochs: 1000, learningRate: schedule }).learningRate));
    for (const other of rates.slice(1)) expect(other).toEqual(rates[0]);
    // and within an ulp or so of the formula, floor included after the period
    const expected = (t: number) => 0.001 + (0.3 - 0.001) * (1 + Math.cos((Math.PI * Math.min(t, 997)) / 997)) / 2;
    rates[0].forEach((used, t) => expect(Math.abs(used - expected(t))).toBeLessThan(1e-16));
  });

  it('plateau: times factor after patience epochs without improvement, never below the floor', async () => {
    const train = noisyRows(16, 21);
    const net = await NeuralNetwork.create({ layers: [2, 16, 1], activation: ['tanh', 'linear'], seed: 22 });
    const schedule = { name: 'plateau', initial: 0.2, factor: 0.5, patience: 2, floor: 0.02, minDelta: 0, monitor: 'loss' } as const;
    const result = net.fit(train.inputs, train.targets, { epochs: 80, batchSize: 16, learningRate: schedule });
    // the rule, replayed over the losses the fit recorded
    let rate = 0.2;
    let best = Infinity;
    let wait = 0;
    const expected: number[] = [];
    for (const loss of result.loss) {
      expected.push(rate);
      if (loss < best) {
        best = loss;
        wait = 0;
      } else if (++wait >= 2) {
        rate = Math.max(rate * 0.5, 0.02);
        wait = 0;
      }
    }
    expect(Array.from(result.learningRate)).toEqual(expected);
    expect(new Set(expected).size).toBeGreaterThan(2); // it did reduce, more than once
  });

  it('the scheduled rate is the rate each epoch trains with', async () => {
    const train = noisyRows(12, 31);
    const scheduled = await NeuralNetwork.create({ layers: [2, 4, 1], activation: ['tanh', 'linear'], seed: 32 });
    const result = scheduled.fit(train.inputs, train.targets, { epochs: 6, batchSize: 3, learningRate: { name: 'exponential', initial: 0.2, factor: 0.7 } });
    const stepwise = await NeuralNetwork.create({ layers: [2, 4, 1], activation: ['tanh', 'linear'], seed: 32 });
    for (const learningRate of result.learningRate) stepwise.fit(train.inputs, train.targets, { epochs: 1, batchSize: 3, learningRate });
    expect(weightBytes(scheduled)).toEqual(weightBytes(stepwise));
  });

  it('rejects bad schedules before anything changes', async () => {
    const net = await NeuralNetwork.create(options);
    const before = JSON.stringify(net.toJSON());
    const cases: [unknown, ErrorClass, Part[]][] = [
      [{ name: 'linear' }, RangeError, ['learningRate.name', "'step'", "'exponential'", "'cosine'", "'plateau'", 'string', '"linear"']],
      [{ name: 'step', factor: 0.5 }, TypeError, ['learningRate.every', 'integer', 'undefined']],
      [{ name: 'step', every: 2, factor: 2 }, RangeError, ['learningRate.factor', 'finite number', '(0, 1]', '2']],
      [{ name: 'exponential', initial: -0.1, factor: 0.9 }, RangeError, ['learningRate.initial', 'finite number', '(0,', '-0.1']],
      [{ name: 'exponential' }, TypeError, ['learningRate.factor', 'number', 'undefined']],
      [{ name: 'cosine', initial: 0.1, floor: 0.2 }, RangeError, ['learningRate.floor', 'finite number', '[0, 0.1]', '0.2']],
      [{ name: 'cosine', period: 0 }, RangeError, ['learningRate.period', 'integer', '1 to 2147483647', '0']],
      [{ name: 'plateau', monitor: 'valLoss' }, RangeError, ['learningRate.monitor', "'loss'", "'accuracy'", 'validationData', 'validationSplit', 'string', '"valLoss"']],
      [{ name: 'step', every: 2, floor: 0 }, TypeError, ['unknown', "'step'", 'schedule', "'floor'", 'name', 'initial', 'factor', 'every']],
      [null, TypeError, ['learningRate', 'number', 'null']],
    ];
    for (const [learningRate, error, parts] of cases) {
      expectThrows(() => net.fit(XOR_INPUTS, XOR_TARGETS, { learningRate } as never), error, parts);
      expect(JSON.stringify(net.toJSON())).toBe(before);
    }
  });
});
