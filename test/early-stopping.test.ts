// Early stopping with patience, Keras' and scikit-learn's way, beside the tutorial's thresholds: it
// stops after `patience` epochs in a row without an improvement of more than minDelta, says which
// epoch was best, and ends with that epoch's weights, bit for bit.
import { describe, expect, it } from 'vitest';
import { builds, noisyRows, weightBytes, XOR_INPUTS, XOR_TARGETS } from './builds';
import { expectThrows, type ErrorClass, type Part } from './errors';

/** The epoch (0-based) the rule stops at, and the best one, from a metric's history. */
function expectedStop(values: ArrayLike<number>, patience: number, minDelta: number, higherIsBetter = false) {
  let best = higherIsBetter ? -Infinity : Infinity;
  let bestEpoch = -1;
  let wait = 0;
  for (let e = 0; e < values.length; e++) {
    const better = higherIsBetter ? values[e] > best + minDelta : values[e] < best - minDelta;
    if (better) {
      best = values[e];
      bestEpoch = e;
      wait = 0;
    } else if (++wait >= patience) {
      return { stop: e, bestEpoch };
    }
  }
  return { stop: -1, bestEpoch };
}

describe.each(builds)('%s build: early stopping with patience', (_, NeuralNetwork) => {
  // a net that overfits 16 noisy rows: the validation loss falls, then climbs
  const train = noisyRows(16, 11);
  const held = noisyRows(16, 12);
  const options = { layers: [2, 24, 24, 1], activation: ['tanh', 'tanh', 'linear'], init: 'xavier', seed: 13 } as const;
  const fit = { epochs: 400, batchSize: 4, optimizer: 'adam', learningRate: 0.01, validationData: held } as const;

  it('stops after patience epochs without improvement and ends with the best epoch\'s weights, bit for bit', async () => {
    const full = await NeuralNetwork.create(options);
    const history = full.fit(train.inputs, train.targets, fit);
    const { stop, bestEpoch } = expectedStop(history.valLoss!, 10, 0);
    expect(stop).toBeGreaterThan(bestEpoch); // the history does overfit: the test means something
    expect(stop).toBeLessThan(399);

    const net = await NeuralNetwork.create(options);
    const result = net.fit(train.inputs, train.targets, { ...fit, earlyStop: { patience: 10 } });
    expect(result.stopReason).toBe('noImprovement');
    expect(result.epochs).toBe(stop + 1);
    expect(result.bestEpoch).toBe(bestEpoch + 1);
    expect(result.valLoss).toEqual(history.valLoss!.subarray(0, stop + 1));
    // the weights of a fit of exactly bestEpoch + 1 epochs
    const replay = await NeuralNetwork.create(options);
    replay.fit(train.inputs, train.targets, { ...fit, epochs: bestEpoch + 1 });
    expect(weightBytes(net)).toEqual(weightBytes(replay));
  });

  it('minDelta: a change no larger than it is no improvement', async () => {
    const net = await NeuralNetwork.create(options);
    const result = net.fit(train.inputs, train.targets, { ...fit, earlyStop: { patience: 3, minDelta: 1e9 } });
    expect(result).toMatchObject({ stopReason: 'noImprovement', epochs: 4, bestEpoch: 1 });
    const first = await NeuralNetwork.create(options);
    first.fit(train.inputs, train.targets, { ...fit, epochs: 1 });
    expect(weightBytes(net)).toEqual(weightBytes(first));
  });

  it('restoreBest: false keeps the last epoch\'s weights; patience 0 stops at the first epoch without improvement', async () => {
    const full = await NeuralNetwork.create(options);
    const history = full.fit(train.inputs, train.targets, fit);
    const { stop } = expectedStop(history.valLoss!, 0, 0);
    const net = await NeuralNetwork.create(options);
    const result = net.fit(train.inputs, train.targets, { ...fit, earlyStop: { patience: 0, restoreBest: false } });
    expect(result.epochs).toBe(stop + 1);
    const replay = await NeuralNetwork.create(options);
    replay.fit(train.inputs, train.targets, { ...fit, epochs: stop + 1 });
    expect(weightBytes(net)).toEqual(weightBytes(replay));
  });

  it('a fit that runs all its epochs still ends with the best epoch\'s weights', async () => {
    const full = await NeuralNetwork.create(options);
    const history = full.fit(train.inputs, train.targets, { ...fit, epochs: 60 });
    const { bestEpoch } = expectedStop(history.valLoss!, 1000, 0);
    const net = await NeuralNetwork.create(options);
    const result = net.fit(train.inputs, train.targets, { ...fit, epochs: 60, earlyStop: { patience: 1000 } });
    expect(result).toMatchObject({ stopReason: 'completed', epochs: 60, bestEpoch: bestEpoch + 1 });
    const replay = await NeuralNetwork.create(options);
    replay.fit(train.inputs, train.targets, { ...fit, epochs: bestEpoch + 1 });
    expect(weightBytes(net)).toEqual(weightBytes(replay));
  });

  it('a fit that diverges ends with the best epoch\'s weights (restoreBest), else with the last finite epoch\'s', async () => {
    // linear layers and SGD just past the stable rate: epochs 1 and 2 finite, the 2nd worse, the 3rd overflows
    const linear = { ...options, activation: ['linear', 'linear', 'linear'] } as const;
    const diverging = { ...fit, optimizer: 'sgd', learningRate: 0.178, earlyStop: { patience: 1000 } } as const;
    const net = await NeuralNetwork.create(linear);
    expect(net.fit(train.inputs, train.targets, diverging)).toMatchObject({ stopReason: 'diverged', epochs: 2, bestEpoch: 1 });
    const last = await NeuralNetwork.create(linear);
    expect(last.fit(train.inputs, train.targets, { ...diverging, earlyStop: { patience: 1000, restoreBest: false } })).toMatchObject({ epochs: 2 });
    const replay = async (epochs: number) => {
      const again = await NeuralNetwork.create(linear);
      again.fit(train.inputs, train.targets, { ...diverging, earlyStop: undefined, epochs });
      return weightBytes(again);
    };
    expect(weightBytes(net)).toEqual(await replay(1));
    expect(weightBytes(last)).toEqual(await replay(2));
  });

  it('monitors the training accuracy (higher is better) without validation data', async () => {
    const net = await NeuralNetwork.create({ layers: [2, 3, 1], seed: 9 });
    const history = (await NeuralNetwork.create({ layers: [2, 3, 1], seed: 9 })).fit(XOR_INPUTS, XOR_TARGETS, { epochs: 3000 });
    const { stop, bestEpoch } = expectedStop(history.accuracy, 200, 0, true);
    const result = net.fit(XOR_INPUTS, XOR_TARGETS, { epochs: 3000, earlyStop: { patience: 200, monitor: 'accuracy' } });
    expect(result.epochs).toBe(stop >= 0 ? stop + 1 : 3000);
    expect(result.bestEpoch).toBe(bestEpoch + 1);
  });

  it('combines with the tutorial\'s thresholds: whichever holds first stops', async () => {
    const net = await NeuralNetwork.create({ layers: [2, 3, 1], seed: 9 });
    const thresholds = (await NeuralNetwork.create({ layers: [2, 3, 1], seed: 9 })).fit(XOR_INPUTS, XOR_TARGETS, {
      epochs: 6000, earlyStop: { loss: 0.05, accuracy: 1 },
    });
    expect(thresholds.stopReason).toBe('earlyStop');
    const both = net.fit(XOR_INPUTS, XOR_TARGETS, { epochs: 6000, earlyStop: { loss: 0.05, accuracy: 1, patience: 5000 } });
    expect(both).toMatchObject({ stopReason: 'earlyStop', epochs: thresholds.epochs });
  });

  it('rejects bad settings before anything changes', async () => {
    const net = await NeuralNetwork.create({ layers: [2, 3, 1], seed: 9 });
    const before = JSON.stringify(net.toJSON());
    const cases: [unknown, ErrorClass, Part[]][] = [
      [{ patience: -1 }, RangeError, ['earlyStop.patience', 'integer', '0 to 2147483647', '-1']],
      [{ patience: 1.5 }, RangeError, ['earlyStop.patience', 'integer', '0 to 2147483647', '1.5']],
      [{ patience: 2, monitor: 'f1' }, RangeError, ['earlyStop.monitor', "'loss'", "'accuracy'", "'valLoss'", "'valAccuracy'", 'string', '"f1"']],
      [{ patience: 2, minDelta: -1 }, RangeError, ['earlyStop.minDelta', 'finite number', '[0,', '-1']],
      [{ patience: 2, restoreBest: 'yes' }, TypeError, ['earlyStop.restoreBest', 'true', 'false', 'string', '"yes"']],
      [{ monitor: 'loss' }, TypeError, ['earlyStop.patience', 'integer', 'earlyStop.monitor', 'undefined']],
      [{ restoreBest: false }, TypeError, ['earlyStop.patience', 'integer', 'earlyStop.restoreBest', 'undefined']],
    ];
    for (const [earlyStop, error, parts] of cases) {
      expectThrows(() => net.fit(XOR_INPUTS, XOR_TARGETS, { earlyStop } as never), error, parts);
      expect(JSON.stringify(net.toJSON())).toBe(before);
    }
  });
});
