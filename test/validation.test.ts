// Validation data in fit and fitAsync: the validation metrics are what evaluate says of the same
// weights; a split holds out the same rows for the same seed, class by class, and trains exactly as
// the rows it leaves would; bad validation input is a named error and changes nothing.
import { describe, expect, it } from 'vitest';
import { InputShapeError } from 'neural-wasm';
import { builds, noisyRows, testRandom, weightBytes, XOR_INPUTS, XOR_TARGETS } from './builds';
import { expectRejects, expectThrows, type ErrorClass, type Part } from './errors';

/** Two classes in two blobs, one-hot. */
function twoBlobs(count: number, seed: number): { inputs: number[][]; targets: number[][] } {
  const random = testRandom(seed);
  const inputs: number[][] = [];
  const targets: number[][] = [];
  for (let i = 0; i < count; i++) {
    const c = i % 3 === 0 ? 1 : 0; // a third of class 1
    inputs.push([c + random() * 0.8, c - random() * 0.8]);
    targets.push(c ? [0, 1] : [1, 0]);
  }
  return { inputs, targets };
}

describe.each(builds)('%s build: validation data', (_, NeuralNetwork) => {
  const train = noisyRows(24, 1);
  const held = noisyRows(12, 2);
  const options = { layers: [2, 8, 1], activation: ['tanh', 'linear'], seed: 3 } as const;
  const fit = { epochs: 30, batchSize: 4, optimizer: 'adam', learningRate: 0.02 } as const;

  it('each epoch\'s validation loss and accuracy are what evaluate says of that epoch\'s weights', async () => {
    const net = await NeuralNetwork.create(options);
    const measured: [number, number][] = [];
    const result = net.fit(train.inputs, train.targets, {
      ...fit,
      validationData: held,
      onProgress: () => {
        const { loss, accuracy } = net.evaluate(held.inputs, held.targets);
        measured.push([loss, accuracy]);
      },
    });
    expect(result.valLoss).toHaveLength(30);
    expect(result.valAccuracy).toHaveLength(30);
    expect(Array.from(result.valLoss!)).toEqual(measured.map(([loss]) => loss));
    expect(Array.from(result.valAccuracy!)).toEqual(measured.map(([, accuracy]) => accuracy));
    // and it changes nothing in training: the same weights as without it
    const plain = await NeuralNetwork.create(options);
    const plainResult = plain.fit(train.inputs, train.targets, fit);
    expect(weightBytes(net)).toEqual(weightBytes(plain));
    expect(result.loss).toEqual(plainResult.loss);
    expect(plainResult.valLoss).toBeUndefined();
  });

  it('onProgress reports the validation metrics and the learning rate', async () => {
    const net = await NeuralNetwork.create(options);
    const reports: { valLoss?: number; learningRate: number }[] = [];
    const result = net.fit(train.inputs, train.targets, { ...fit, validationData: held, progressEvery: 10, onProgress: (p) => void reports.push(p) });
    expect(reports.map((p) => p.valLoss)).toEqual([result.valLoss![9], result.valLoss![19], result.valLoss![29]]);
    expect(reports.map((p) => p.learningRate)).toEqual([0.02, 0.02, 0.02]);
  });

  it('validationSplit holds out the same rows for the same seed, class by class, and trains as the rows it leaves', async () => {
    const data = twoBlobs(30, 4);
    const split = { layers: [2, 4, 2], activation: ['tanh', 'softmax'], loss: 'crossEntropy', seed: 5 } as const;
    const a = await NeuralNetwork.create(split);
    const b = await NeuralNetwork.create(split);
    const ra = a.fit(data.inputs, data.targets, { epochs: 5, batchSize: 5, validationSplit: 0.3 });
    const rb = b.fit(data.inputs, data.targets, { epochs: 5, batchSize: 5, validationSplit: 0.3 });
    const heldOut = Array.from(ra.validationRows!);
    expect(Array.from(rb.validationRows!)).toEqual(heldOut);
    expect(heldOut).toEqual([...heldOut].sort((x, y) => x - y));
    // 30% of each class: 10 of class 1 and 20 of class 0 give 3 and 6
    const classOf = (row: number) => (data.targets[row][1] === 1 ? 1 : 0);
    expect(heldOut.filter((row) => classOf(row) === 1)).toHaveLength(3);
    expect(heldOut.filter((row) => classOf(row) === 0)).toHaveLength(6);
    // another seed, other rows
    const c = await NeuralNetwork.create({ ...split, seed: 6 });
    expect(Array.from(c.fit(data.inputs, data.targets, { epochs: 1, validationSplit: 0.3 }).validationRows!)).not.toEqual(heldOut);
    // exactly a fit on the other rows with the held-out ones as validation data
    const kept = data.inputs.map((_, row) => row).filter((row) => !heldOut.includes(row));
    const d = await NeuralNetwork.create(split);
    const rd = d.fit(kept.map((r) => data.inputs[r]), kept.map((r) => data.targets[r]), {
      epochs: 5, batchSize: 5,
      validationData: { inputs: heldOut.map((r) => data.inputs[r]), targets: heldOut.map((r) => data.targets[r]) },
    });
    expect(weightBytes(a)).toEqual(weightBytes(d));
    expect(ra.loss).toEqual(rd.loss);
    expect(ra.valLoss).toEqual(rd.valLoss);
  });

  it('validationSplit of a large flat data set (600,000 rows) holds out its share of each class', async () => {
    const rows = 600_000;
    const inputs = Float64Array.from({ length: rows }, (_, r) => (r % 1000) / 1000);
    const targets = Float64Array.from({ length: rows }, (_, r) => (r % 4 === 0 ? 1 : 0));
    const net = await NeuralNetwork.create({ layers: [1, 1], seed: 2 });
    const result = net.fit({ data: inputs, shape: [rows, 1] }, { data: targets, shape: [rows, 1] }, { epochs: 1, batchSize: 1000, validationSplit: 0.25 });
    const heldOut = result.validationRows!;
    expect(heldOut).toHaveLength(150_000);
    expect(heldOut.filter((row) => row % 4 === 0)).toHaveLength(37_500);
    net.dispose();
  });

  it('fitAsync gives what fit gives, validation and split included', async () => {
    const data = twoBlobs(30, 7);
    const options2 = { layers: [2, 4, 2], activation: ['relu', 'softmax'], loss: 'crossEntropy', seed: 8 } as const;
    const settings = { epochs: 20, batchSize: 4, shuffle: true, validationSplit: 0.2, earlyStop: { patience: 3 } } as const;
    const sync = await NeuralNetwork.create(options2);
    const inWorker = await NeuralNetwork.create(options2);
    const a = sync.fit(data.inputs, data.targets, settings);
    const b = await inWorker.fitAsync(data.inputs, data.targets, settings);
    expect(b).toEqual(a);
    expect(JSON.stringify(inWorker.toJSON())).toBe(JSON.stringify(sync.toJSON()));
  });

  it('bad validation input is a named error that changes nothing', async () => {
    const net = await NeuralNetwork.create({ layers: [2, 3, 1], seed: 9 });
    net.fit(XOR_INPUTS, XOR_TARGETS, { epochs: 10 });
    const before = JSON.stringify(net.toJSON());
    const below1 = /\[0, 0\.99\d*\]/; // [0, 1): the largest double below 1
    const noValidationRows: Part[] = ['validationSplit', 'training and validation rows', '4 rows', 'no validation rows', '0.1'];
    const cases: [() => unknown, ErrorClass, Part[]][] = [
      [() => net.fit(XOR_INPUTS, XOR_TARGETS, { validationData: { inputs: [[1, 2, 3]], targets: [1] } }), InputShapeError, ['validationData.inputs[0]', '2 values', '3 values']],
      [() => net.fit(XOR_INPUTS, XOR_TARGETS, { validationData: { inputs: [[1, 2]], targets: [1, 0] } }), InputShapeError, ['validationData.targets', 'one row per validationData.inputs row', '1', '2']],
      [() => net.fit(XOR_INPUTS, XOR_TARGETS, { validationData: { inputs: [[1, NaN]], targets: [1] } }), RangeError, ['validationData.inputs[0][1]', 'finite number', 'NaN']],
      [() => net.fit(XOR_INPUTS, XOR_TARGETS, { validationData: { inputs: [[1, 1]] } } as never), TypeError, ['validationData.targets', 'array of rows', 'undefined']],
      [() => net.fit(XOR_INPUTS, XOR_TARGETS, { validationData: { inputs: [[1, 1]], targets: [1], weights: [1] } } as never), TypeError, ['unknown', 'validationData', "'weights'", 'inputs', 'targets']],
      [() => net.fit(XOR_INPUTS, XOR_TARGETS, { validationData: { inputs: [[1, 1]], targets: [1] }, validationSplit: 0.5 }), TypeError, ['validationData', 'validationSplit', 'not both']],
      [() => net.fit(XOR_INPUTS, XOR_TARGETS, { validationSplit: 0.1 }), RangeError, noValidationRows],
      [() => net.fit(XOR_INPUTS, XOR_TARGETS, { validationSplit: 1 }), RangeError, ['validationSplit', 'finite number', below1, '1']],
      [() => net.fit(XOR_INPUTS, XOR_TARGETS, { validationSplit: -0.2 }), RangeError, ['validationSplit', 'finite number', below1, '-0.2']],
      [() => net.fit(XOR_INPUTS, XOR_TARGETS, { earlyStop: { patience: 2, monitor: 'valLoss' } }), RangeError, ['earlyStop.monitor', "'loss'", "'accuracy'", 'validationData', 'validationSplit', 'string', '"valLoss"']],
    ];
    for (const [call, error, parts] of cases) {
      expectThrows(call, error, parts);
      expect(JSON.stringify(net.toJSON())).toBe(before);
    }
    await expectRejects(net.fitAsync(XOR_INPUTS, XOR_TARGETS, { validationSplit: 0.1 }), RangeError, noValidationRows);
    expect(JSON.stringify(net.toJSON())).toBe(before);
  });
});
