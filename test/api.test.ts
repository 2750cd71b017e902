// The API as a user relies on it: data forms, predict/evaluate, early stopping, progress, the
// optimizers and losses learning real tasks.
import { describe, expect, it } from 'vitest';
import { builds, XOR_INPUTS, XOR_TARGETS, testRandom, weightBytes } from './builds';
import { Model, fitPreprocessing } from 'neural-wasm/model';
import { expectNamedError, expectThrows } from './errors';

// two Gaussian-ish blobs per class, three classes, one-hot targets
function blobs(n: number, seed: number) {
  const random = testRandom(seed);
  const centres = [[-2, -2], [2, -2], [0, 2.5]];
  const inputs: number[][] = [];
  const targets: number[][] = [];
  for (let i = 0; i < n; i++) {
    const c = i % 3;
    inputs.push([centres[c][0] + (random() + random() - 1), centres[c][1] + (random() + random() - 1)]);
    targets.push([0, 1, 2].map((k) => (k === c ? 1 : 0)));
  }
  return { inputs, targets };
}

describe.each(builds)('%s build: the API', (backend, NeuralNetwork) => {
  it('says which core it runs on and keeps its options', async () => {
    const net = await NeuralNetwork.create({ layers: [2, 4, 3], activation: ['relu', 'softmax'], loss: 'crossEntropy', init: 'he', seed: 5 });
    expect(net.backend).toBe(backend);
    expect(net.layers).toEqual([2, 4, 3]);
    expect(net.activation).toEqual(['relu', 'softmax']);
    expect(net.loss).toBe('crossEntropy');
    expect(net.init).toBe('he');
    expect(net.seed).toBe(5);
    const json = net.toJSON();
    expect(json).toMatchObject({ format: 'neural-wasm', version: 1, layers: [2, 4, 3], activation: ['relu', 'softmax'], loss: 'crossEntropy', init: 'he', seed: 5 });
    expect(json.weights.map((w) => [w.length, w[0].length])).toEqual([[2, 4], [4, 3]]);
  });

  it('initialisers draw from their ranges: uniform U[-1,1) weights and biases; xavier/he zero biases', async () => {
    const uniform = (await NeuralNetwork.create({ layers: [50, 40, 30], seed: 1 })).getWeights();
    const all = uniform.weights.flatMap((w) => [...w]).concat(uniform.biases.flatMap((b) => [...b]));
    expect(Math.min(...all)).toBeGreaterThanOrEqual(-1);
    expect(Math.max(...all)).toBeLessThan(1);
    expect(Math.min(...all)).toBeLessThan(-0.99); // spread over the whole interval
    expect(Math.max(...all)).toBeGreaterThan(0.99);
    const mean = all.reduce((a, b) => a + b) / all.length;
    expect(Math.abs(mean)).toBeLessThan(0.05);
    for (const [init, limit] of [['xavier', Math.sqrt(6 / 90)], ['he', Math.sqrt(6 / 50)]] as const) {
      const w = (await NeuralNetwork.create({ layers: [50, 40, 30], init, seed: 1 })).getWeights();
      expect(Math.max(...w.weights[0].map(Math.abs))).toBeLessThanOrEqual(limit);
      expect(Math.max(...w.weights[0].map(Math.abs))).toBeGreaterThan(limit * 0.98);
      expect(w.biases.every((b) => b.every((v) => v === 0))).toBe(true);
    }
  });

  it('predict: one sample gives one Float64Array; a batch one per sample; all input forms agree', async () => {
    const net = await NeuralNetwork.create({ layers: [2, 5, 2], seed: 3 });
    const one = net.predict([0.2, 0.9]);
    expect(one).toBeInstanceOf(Float64Array);
    expect(one).toHaveLength(2);
    const batch = net.predict([[0.2, 0.9], [1, 0]]);
    expect(batch).toHaveLength(2);
    expect(batch[0]).toEqual(one);
    expect(net.predict(Float64Array.of(0.2, 0.9))).toEqual(one);
    expect(net.predict([Float32Array.of(1, 0)])[0]).toEqual(batch[1]);
    const matrix = net.predict({ data: Float32Array.of(0.2, 0.9, 1, 0), shape: [2, 2] });
    expect(matrix[0][0]).toBeCloseTo(one[0], 7); // Float32 rounding of 0.2 and 0.9
    expect(matrix[1]).toEqual(batch[1]);
    // a batch larger than the core's block of rows, with rows kept in order
    const random = testRandom(1);
    const many = Array.from({ length: 300 }, () => [random(), random()]);
    const out = net.predict(many);
    expect(out[257]).toEqual(net.predict(many[257]));
  });

  it('a flat Float32Array data set with its shape trains exactly as the same rows do', async () => {
    const random = testRandom(4);
    const rows = 200;
    const data = new Float32Array(rows * 3).map(() => random());
    const asRows = Array.from({ length: rows }, (_, r) => Array.from(data.subarray(r * 3, r * 3 + 3)));
    const targets = asRows.map(([a, b]) => (a > b ? 1 : 0));
    const a = await NeuralNetwork.create({ layers: [3, 4, 1], seed: 8 });
    const b = await NeuralNetwork.create({ layers: [3, 4, 1], seed: 8 });
    const ra = a.fit({ data, shape: [rows, 3] }, { data: Float64Array.from(targets), shape: [rows, 1] }, { epochs: 3, batchSize: 10 });
    const rb = b.fit(asRows, targets.map((t) => [t]), { epochs: 3, batchSize: 10 });
    expect(ra.loss).toEqual(rb.loss);
    expect(weightBytes(a)).toEqual(weightBytes(b));
  });

  it('evaluate gives the mean per-sample loss and the accuracy, and changes nothing', async () => {
    const net = await NeuralNetwork.create({ layers: [2, 3, 1], seed: 9 });
    net.fit(XOR_INPUTS, XOR_TARGETS, { epochs: 3000 });
    const before = weightBytes(net);
    const predictions = net.predict(XOR_INPUTS).map((p) => p[0]);
    const mse = predictions.reduce((sum, p, i) => sum + (p - XOR_TARGETS[i]) ** 2, 0) / 4;
    const accuracy = predictions.filter((p, i) => Math.round(p) === XOR_TARGETS[i]).length / 4;
    const result = net.evaluate(XOR_INPUTS, XOR_TARGETS);
    expect(result.loss).toBeCloseTo(mse, 15);
    expect(result.accuracy).toBe(accuracy);
    expect(weightBytes(net)).toEqual(before);
  });

  it("early stop follows the tutorial's rule: the first epoch where every given threshold holds", async () => {
    const net = await NeuralNetwork.create({ layers: [2, 3, 1], seed: 9 });
    const { loss, accuracy, epochs, stopReason } = net.fit(XOR_INPUTS, XOR_TARGETS, {
      epochs: 6000,
      earlyStop: { loss: 0.05, accuracy: 1 },
    });
    expect(stopReason).toBe('earlyStop');
    expect(epochs).toBeLessThan(6000);
    expect(loss).toHaveLength(epochs);
    expect(loss[epochs - 1]).toBeLessThan(0.05);
    expect(accuracy[epochs - 1]).toBe(1);
    for (let e = 0; e < epochs - 1; e++) expect(loss[e] < 0.05 && accuracy[e] >= 1).toBe(false);
    // only an accuracy threshold: stops as soon as every sample is right
    const other = await NeuralNetwork.create({ layers: [2, 3, 1], seed: 9 });
    const byAccuracy = other.fit(XOR_INPUTS, XOR_TARGETS, { epochs: 6000, earlyStop: { accuracy: 1 } });
    expect(byAccuracy.accuracy[byAccuracy.epochs - 1]).toBe(1);
    expect(byAccuracy.accuracy.slice(0, -1).every((a) => a < 1)).toBe(true);
    expect(byAccuracy.epochs).toBeLessThan(epochs);
  });

  it('onProgress reports every progressEvery epochs and after the last; returning false stops', async () => {
    const net = await NeuralNetwork.create({ layers: [2, 3, 1], seed: 9 });
    const seen: { epoch: number; loss: number; accuracy: number }[] = [];
    const result = net.fit(XOR_INPUTS, XOR_TARGETS, {
      epochs: 1050,
      progressEvery: 100,
      onProgress: ({ epoch, epochs, loss, accuracy }) => {
        expect(epochs).toBe(1050);
        seen.push({ epoch, loss, accuracy });
      },
    });
    // each report carries that epoch's loss and accuracy
    for (const { epoch, loss, accuracy } of seen) {
      expect(loss).toBe(result.loss[epoch - 1]);
      expect(accuracy).toBe(result.accuracy[epoch - 1]);
    }
    expect(seen.map((s) => s.epoch)).toEqual([100, 200, 300, 400, 500, 600, 700, 800, 900, 1000, 1050]);
    // a period longer than the core's chunk of epochs, and not a divisor of it
    const long: number[] = [];
    const other = await NeuralNetwork.create({ layers: [2, 3, 1], seed: 9 });
    other.fit(XOR_INPUTS, XOR_TARGETS, { epochs: 3100, progressEvery: 1500, onProgress: ({ epoch }) => void long.push(epoch) });
    expect(long).toEqual([1500, 3000, 3100]);
    const stopper = await NeuralNetwork.create({ layers: [2, 3, 1], seed: 9 });
    const stopped = stopper.fit(XOR_INPUTS, XOR_TARGETS, { epochs: 1000, onProgress: ({ epoch }) => epoch < 30 });
    expect(stopped.stopReason).toBe('callback');
    expect(stopped.epochs).toBe(30);
    // its weights are those after exactly 30 epochs
    const thirty = await NeuralNetwork.create({ layers: [2, 3, 1], seed: 9 });
    thirty.fit(XOR_INPUTS, XOR_TARGETS, { epochs: 30 });
    expect(weightBytes(stopper)).toEqual(weightBytes(thirty));
  });

  it('a callback that throws stops training at its epoch and the error reaches the caller', async () => {
    const net = await NeuralNetwork.create({ layers: [2, 3, 1], seed: 9 });
    expect(() =>
      net.fit(XOR_INPUTS, XOR_TARGETS, {
        epochs: 100,
        onProgress: ({ epoch }) => {
          if (epoch === 10) throw new Error('stop here');
        },
      }),
    ).toThrow('stop here');
    const ten = await NeuralNetwork.create({ layers: [2, 3, 1], seed: 9 });
    ten.fit(XOR_INPUTS, XOR_TARGETS, { epochs: 10 });
    expect(weightBytes(net)).toEqual(weightBytes(ten));
    expect(net.fit(XOR_INPUTS, XOR_TARGETS, { epochs: 1 }).epochs).toBe(1); // still usable
  });

  it.each([
    ['momentum', { optimizer: 'momentum', learningRate: 0.1 }],
    ['adam', { optimizer: 'adam', learningRate: 0.05 }],
    ['adam, object form', { optimizer: { name: 'adam', beta1: 0.85, beta2: 0.99, epsilon: 1e-7 }, learningRate: 0.05 }],
    ['sgd, batches of 2, shuffled', { optimizer: 'sgd', learningRate: 1, batchSize: 2, shuffle: true }],
  ] as const)('%s learns XOR faster than the tutorial recipe', async (_, options) => {
    const net = await NeuralNetwork.create({ layers: [2, 4, 1], seed: 9 });
    const { loss, accuracy } = net.fit(XOR_INPUTS, XOR_TARGETS, { epochs: 2000, ...options });
    expect(loss[1999]).toBeLessThan(0.02);
    expect(accuracy[1999]).toBe(1);
  });

  it('softmax + cross-entropy with mini-batches classifies three blobs (arg-max accuracy)', async () => {
    const train = blobs(300, 1);
    const test = blobs(150, 2);
    const net = await NeuralNetwork.create({ layers: [2, 8, 3], activation: ['tanh', 'softmax'], loss: 'crossEntropy', init: 'xavier', seed: 1 });
    const { loss } = net.fit(train.inputs, train.targets, { epochs: 50, batchSize: 16, shuffle: true, optimizer: 'adam', learningRate: 0.02 });
    expect(loss[49]).toBeLessThan(loss[0] / 5);
    const { accuracy } = net.evaluate(test.inputs, test.targets);
    expect(accuracy).toBeGreaterThanOrEqual(0.95);
    const p = net.predict(test.inputs[0]);
    expect(p.reduce((a, b) => a + b)).toBeCloseTo(1, 12); // softmax outputs sum to 1
  });

  it('sigmoid + binary cross-entropy and relu/leakyRelu hidden layers learn XOR', async () => {
    for (const hidden of ['relu', 'leakyRelu', 'tanh'] as const) {
      const net = await NeuralNetwork.create({ layers: [2, 8, 1], activation: [hidden, 'sigmoid'], loss: 'binaryCrossEntropy', init: 'he', seed: 2 });
      const { accuracy } = net.fit(XOR_INPUTS, XOR_TARGETS, { epochs: 1000, optimizer: 'adam', learningRate: 0.03 });
      expect(accuracy[999], hidden).toBe(1);
    }
  });

  it('l2 shrinks the weights', async () => {
    const plain = await NeuralNetwork.create({ layers: [2, 6, 1], seed: 3 });
    const decayed = await NeuralNetwork.create({ layers: [2, 6, 1], seed: 3 });
    plain.fit(XOR_INPUTS, XOR_TARGETS, { epochs: 1000, learningRate: 0.5 });
    decayed.fit(XOR_INPUTS, XOR_TARGETS, { epochs: 1000, learningRate: 0.5, l2: 0.01 });
    const norm = (net: typeof plain) => net.getWeights().weights.reduce((s, w) => s + w.reduce((a, v) => a + v * v, 0), 0);
    expect(norm(decayed)).toBeLessThan(norm(plain) * 0.8);
  });
});

describe.each(builds)('%s build: letting networks go', (_, NeuralNetwork) => {
  it('[Symbol.dispose] (what `using` calls) disposes a network, and a Model with its network', async () => {
    const net = await NeuralNetwork.create({ layers: [2, 3, 1], seed: 1 });
    net[Symbol.dispose]();
    expectThrows(() => net.predict([0, 1]), Error, ['disposed']);
    net[Symbol.dispose](); // twice is fine, as dispose() is
    const model = new Model(await NeuralNetwork.create({ layers: [2, 1], seed: 2 }), fitPreprocessing([[0, 1], [1, 0]], ['a', 'b']));
    model[Symbol.dispose]();
    expectThrows(() => model.predict([0, 1]), Error, ['disposed']);
    expectThrows(() => model.network.predict([0, 1]), Error, ['disposed']);
  });

  it('create and fromJSON never wait on a timer (a hidden tab holds timers back a second or more)', async () => {
    const model = (await NeuralNetwork.create({ layers: [40, 30, 2], seed: 1 })).toJSON();
    const timers = { count: 0 };
    const setTimer = globalThis.setTimeout;
    globalThis.setTimeout = ((...args: Parameters<typeof setTimeout>) => (timers.count++, setTimer(...args))) as typeof setTimeout;
    const start = performance.now();
    try {
      // past the 20 ms between the turns create and fromJSON give finalizers, several times over
      for (let i = 0; performance.now() - start < 150 || i < 20; i++) {
        (await NeuralNetwork.create({ layers: [40, 30, 2], seed: i })).predict(new Float64Array(40));
        (await NeuralNetwork.fromJSON(model)).predict(new Float64Array(40));
      }
    } finally {
      globalThis.setTimeout = setTimer;
    }
    expect(timers.count).toBe(0);
  });
});

describe.each(builds)('%s build: options are read once', (_, NeuralNetwork) => {
  // what was checked is what is used, even from getters or proxies that answer differently later
  const changing = <T>(first: T, later: T) => {
    let reads = 0;
    return () => (reads++ === 0 ? first : later);
  };

  it('create: a layers getter and a layers array whose elements change', async () => {
    const layers = changing([2, 3, 1], [2 ** 20, 2 ** 20, 2 ** 20]);
    const byGetter = await NeuralNetwork.create({ get layers() { return layers(); }, seed: 1 } as never);
    expect(byGetter.layers).toEqual([2, 3, 1]);
    const middle = changing(3, 2 ** 20);
    const proxy = new Proxy([2, 3, 1], { get: (target, key, receiver) => (key === '1' ? middle() : Reflect.get(target, key, receiver)) });
    const byProxy = await NeuralNetwork.create({ layers: proxy, seed: 1 });
    expect(byProxy.layers).toEqual([2, 3, 1]);
    expect(byProxy.getWeights().weights[0]).toHaveLength(6);
  });

  it('fit: an epochs getter and an optimizer whose name changes', async () => {
    const net = await NeuralNetwork.create({ layers: [2, 3, 1], seed: 1 });
    const epochs = changing(2, 0);
    const name = changing('adam', 'rmsprop');
    const result = net.fit(XOR_INPUTS, XOR_TARGETS, {
      get epochs() { return epochs(); },
      optimizer: { get name() { return name(); } } as never,
    } as never);
    expect(result.epochs).toBe(2);
  });
});

describe.each(builds)('%s build: calls from inside onProgress', (_, NeuralNetwork) => {
  it('predict and evaluate during training use their own buffers and leave the training data alone', async () => {
    const plain = await NeuralNetwork.create({ layers: [2, 3, 1], seed: 9 });
    const probed = await NeuralNetwork.create({ layers: [2, 3, 1], seed: 9 });
    const expected = plain.fit(XOR_INPUTS, XOR_TARGETS, { epochs: 300 });
    const seen: number[] = [];
    const result = probed.fit(XOR_INPUTS, XOR_TARGETS, {
      epochs: 300,
      progressEvery: 50,
      onProgress: () => {
        // other rows, more of them than the data set: would overwrite it if they shared a buffer
        probed.predict([[5, 5], [6, 6], [7, 7], [8, 8], [9, 9]]);
        seen.push(probed.evaluate([[9, 9], [9, 9], [9, 9], [9, 9]], [1, 1, 1, 1]).loss);
      },
    });
    expect(seen).toHaveLength(6);
    expect(result.loss).toEqual(expected.loss);
    expect(weightBytes(probed)).toEqual(weightBytes(plain));
  });

  it('fit and dispose from inside onProgress throw, and the outer fit goes on', async () => {
    const net = await NeuralNetwork.create({ layers: [2, 3, 1], seed: 9 });
    const errors: unknown[] = [];
    const result = net.fit(XOR_INPUTS, XOR_TARGETS, {
      epochs: 20,
      progressEvery: 10,
      onProgress: () => {
        for (const call of [() => net.fit(XOR_INPUTS, XOR_TARGETS), () => net.dispose()]) {
          try {
            call();
          } catch (error) {
            errors.push(error);
          }
        }
      },
    });
    expect(result.epochs).toBe(20);
    expect(errors).toHaveLength(4);
    // each names the call, and what to do: return false from onProgress
    expectNamedError(errors[0], Error, ['fit', 'training', 'onProgress', 'false']);
    expectNamedError(errors[1], Error, ['dispose', 'training', 'onProgress', 'false']);
    net.dispose(); // fine afterwards
    expectThrows(() => net.predict([0, 1]), Error, ['disposed']);
  });
});

it('the JS build leaves no helper globals behind', () => {
  for (const name of ['unchecked', 'i32', 'u32', 'f64', 'assert', 'ASC_TARGET']) {
    expect(name in globalThis, name).toBe(false);
  }
});
