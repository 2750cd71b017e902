// fitAsync: fit in a worker (worker_threads in Node, a Web Worker in the browser project), on every
// core. It must end exactly where fit ends, stop at an epoch boundary when aborted, and leave the
// network as it was when it fails.
import { describe, expect, it } from 'vitest';
import { InputShapeError } from 'neural-wasm';
import { builds, weightBytes, XOR_INPUTS, XOR_TARGETS, testRandom } from './builds';
import { expectRejects, expectThrows } from './errors';

const LONG = 1_000_000; // epochs that would take minutes: only an abort ends them

// a small 2-class data set (two noisy clusters) that takes a noticeable time per epoch
function clusters(rows: number): { inputs: number[][]; targets: number[] } {
  const random = testRandom(5);
  const inputs: number[][] = [];
  const targets: number[] = [];
  for (let r = 0; r < rows; r++) {
    const label = r % 2;
    inputs.push([label + random() - 0.5, label - random() + 0.5]);
    targets.push(label);
  }
  return { inputs, targets };
}

describe.each(builds)('%s build: fitAsync', (backend, NeuralNetwork) => {
  it('ends with the weights, history and generator state of fit, bit for bit', async () => {
    const { inputs, targets } = clusters(64);
    const options = { epochs: 40, batchSize: 8, shuffle: true, optimizer: 'adam', learningRate: 0.01 } as const;
    const inWorker = await NeuralNetwork.create({ layers: [2, 5, 1], loss: 'binaryCrossEntropy', seed: 3 });
    const inPlace = await NeuralNetwork.create({ layers: [2, 5, 1], loss: 'binaryCrossEntropy', seed: 3 });
    const reports: number[] = [];
    const a = await inWorker.fitAsync(inputs, targets, { ...options, onProgress: ({ epoch }) => void reports.push(epoch) });
    const b = inPlace.fit(inputs, targets, options);
    expect(inWorker.backend).toBe(backend);
    expect(a).toEqual(b);
    expect(a.stopReason).toBe('completed');
    expect(weightBytes(inWorker)).toEqual(weightBytes(inPlace));
    expect(inWorker.toJSON()).toEqual(inPlace.toJSON()); // the shuffle generator moved on alike
    expect(reports).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
  });

  it('fits one after another (a worker is reused) each give what fit gives, untouched by the last one’s signal', async () => {
    const controller = new AbortController();
    const first = await NeuralNetwork.create({ layers: [2, 3, 1], seed: 9 });
    await first.fitAsync(XOR_INPUTS, XOR_TARGETS, { epochs: 10, signal: controller.signal });
    controller.abort(); // after that fit ended: nothing to stop
    for (const seed of [1, 2]) {
      const inWorker = await NeuralNetwork.create({ layers: [2, 4, 1], seed });
      const inPlace = await NeuralNetwork.create({ layers: [2, 4, 1], seed });
      const options = { epochs: 500, shuffle: true, optimizer: 'momentum' } as const;
      expect(await inWorker.fitAsync(XOR_INPUTS, XOR_TARGETS, options)).toEqual(inPlace.fit(XOR_INPUTS, XOR_TARGETS, options));
      expect(inWorker.toJSON()).toEqual(inPlace.toJSON());
    }
  });

  it('two networks train at once, each in its own worker', async () => {
    const [a, b, c, d] = await Promise.all([1, 2, 1, 2].map((seed) => NeuralNetwork.create({ layers: [2, 3, 1], seed })));
    const options = { epochs: 2000 };
    await Promise.all([a.fitAsync(XOR_INPUTS, XOR_TARGETS, options), b.fitAsync(XOR_INPUTS, XOR_TARGETS, options)]);
    c.fit(XOR_INPUTS, XOR_TARGETS, options);
    d.fit(XOR_INPUTS, XOR_TARGETS, options);
    expect(weightBytes(a)).toEqual(weightBytes(c));
    expect(weightBytes(b)).toEqual(weightBytes(d));
  });

  it("trains the tutorial's XOR with progress every progressEvery epochs and after the last", async () => {
    const net = await NeuralNetwork.create({ layers: [2, 3, 1], seed: 9 });
    const epochs: number[] = [];
    const result = await net.fitAsync(XOR_INPUTS, XOR_TARGETS, {
      epochs: 6000,
      progressEvery: 2500,
      onProgress: (progress) => {
        expect(progress.epochs).toBe(6000);
        epochs.push(progress.epoch);
      },
    });
    expect(epochs).toEqual([2500, 5000, 6000]);
    expect(result.epochs).toBe(6000);
    expect(net.predict(XOR_INPUTS).map(([y]) => Math.round(y))).toEqual(XOR_TARGETS);
  });

  it('an aborted signal stops it after a finished epoch, with that epoch’s weights', async () => {
    const { inputs, targets } = clusters(200);
    const net = await NeuralNetwork.create({ layers: [2, 8, 1], seed: 4 });
    const controller = new AbortController();
    const result = await net.fitAsync(inputs, targets, {
      epochs: LONG,
      onProgress: ({ epoch }) => {
        if (epoch >= 20) controller.abort();
      },
      signal: controller.signal,
    });
    expect(result.stopReason).toBe('aborted');
    expect(result.epochs).toBeGreaterThanOrEqual(20);
    expect(result.epochs).toBeLessThan(LONG);
    expect(result.loss.length).toBe(result.epochs);
    // the same number of epochs in place gives the same weights: nothing half-done was kept
    const same = await NeuralNetwork.create({ layers: [2, 8, 1], seed: 4 });
    same.fit(inputs, targets, { epochs: result.epochs });
    expect(weightBytes(net)).toEqual(weightBytes(same));
  });

  it('onProgress returning false stops it the same way, as fit does', async () => {
    const net = await NeuralNetwork.create({ layers: [2, 3, 1], seed: 9 });
    const result = await net.fitAsync(XOR_INPUTS, XOR_TARGETS, { epochs: LONG, onProgress: ({ epoch }) => epoch < 30 });
    expect(result.stopReason).toBe('callback');
    expect(result.epochs).toBeGreaterThanOrEqual(30);
    const same = await NeuralNetwork.create({ layers: [2, 3, 1], seed: 9 });
    same.fit(XOR_INPUTS, XOR_TARGETS, { epochs: result.epochs });
    expect(weightBytes(net)).toEqual(weightBytes(same));
  });

  it('keeps the main thread free: timers run while it trains', async () => {
    const net = await NeuralNetwork.create({ layers: [2, 3, 1], seed: 9 });
    const controller = new AbortController();
    let ticks = 0;
    const timer = setInterval(() => {
      ticks++;
      if (ticks === 5) controller.abort(); // only a free main thread gets here
    }, 1);
    const result = await net.fitAsync(XOR_INPUTS, XOR_TARGETS, { epochs: LONG, signal: controller.signal });
    clearInterval(timer);
    expect(ticks).toBeGreaterThanOrEqual(5);
    expect(result.stopReason).toBe('aborted');
  });

  it('while it trains the network predicts with the latest reported weights and refuses changes', async () => {
    const { inputs, targets } = clusters(100);
    const net = await NeuralNetwork.create({ layers: [2, 6, 1], seed: 2 });
    const initial = weightBytes(net);
    const controller = new AbortController();
    const seen: Uint8Array[] = [];
    const training = net.fitAsync(inputs, targets, {
      epochs: LONG,
      signal: controller.signal,
      onProgress: ({ epoch }) => {
        expect(net.predict([0.5, 0.5])).toHaveLength(1);
        seen.push(weightBytes(net));
        if (epoch >= 50) controller.abort();
      },
    });
    // each names the call, and what to do: abort the fitAsync that is training
    expectThrows(() => net.fit(inputs, targets), Error, ['fit', 'fitAsync', 'training', 'abort']);
    expectThrows(() => net.setWeights(net.getWeights()), Error, ['setWeights', 'fitAsync', 'training', 'abort']);
    expectThrows(() => net.dispose(), Error, ['dispose', 'fitAsync', 'training', 'abort']);
    await expectRejects(net.fitAsync(inputs, targets), Error, ['fitAsync', 'fitAsync', 'training', 'abort']);
    const result = await training;
    expect(seen.some((bytes) => !equalBytes(bytes, initial))).toBe(true);
    expect(result.stopReason).toBe('aborted');
    // usable again
    expect(net.fit(inputs, targets, { epochs: 1 }).epochs).toBe(1);
    net.dispose();
  });

  it('rejects bad input before starting, with fit’s errors, and changes nothing', async () => {
    const net = await NeuralNetwork.create({ layers: [2, 3, 1], seed: 9 });
    const before = weightBytes(net);
    await expectRejects(net.fitAsync([[1, 2, 3]], [0]), InputShapeError, ['inputs[0]', '2 values', '3 values']);
    await expectRejects(net.fitAsync(XOR_INPUTS, [0, 1]), InputShapeError, ['targets', 'one row per input row', '4', '2']);
    await expectRejects(net.fitAsync(XOR_INPUTS, XOR_TARGETS, { epochs: -1 }), RangeError, ['epochs', 'integer', '1 to 2147483647', '-1']);
    await expectRejects(net.fitAsync(XOR_INPUTS, XOR_TARGETS, { signal: 'stop' as never }), TypeError, ['signal', 'AbortSignal', '"stop"']);
    await expectRejects(net.fitAsync(XOR_INPUTS, [[0], [NaN], [1], [1]]), RangeError, ['targets[1][0]', 'finite number', 'NaN']);
    expect(weightBytes(net)).toEqual(before);
    // and the same messages as fit
    const message = (call: () => unknown) => {
      try {
        call();
      } catch (error) {
        return (error as Error).message;
      }
    };
    const fitMessage = message(() => net.fit([[1, 2, 3]], [0]));
    await expect(net.fitAsync([[1, 2, 3]], [0])).rejects.toThrow(fitMessage);
  });

  it('an already aborted signal rejects with its reason and trains nothing', async () => {
    const net = await NeuralNetwork.create({ layers: [2, 3, 1], seed: 9 });
    const before = weightBytes(net);
    const controller = new AbortController();
    controller.abort();
    await expect(net.fitAsync(XOR_INPUTS, XOR_TARGETS, { epochs: 10, signal: controller.signal })).rejects.toThrow(/abort/i);
    expect(weightBytes(net)).toEqual(before);
  });

  it('an error while training rejects and leaves the network as it was before the call', async () => {
    const net = await NeuralNetwork.create({ layers: [2, 3, 1], seed: 9 });
    const before = weightBytes(net);
    const failing = net.fitAsync(XOR_INPUTS, XOR_TARGETS, {
      epochs: LONG,
      onProgress: ({ epoch }) => {
        if (epoch >= 100) throw new Error('the page went away');
      },
    });
    await expect(failing).rejects.toThrow('the page went away');
    expect(weightBytes(net)).toEqual(before);
    expect(net.fit(XOR_INPUTS, XOR_TARGETS, { epochs: 1 }).epochs).toBe(1);
  });
});

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}
