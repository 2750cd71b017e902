// Dropout: masks drawn from the network's seeded generator (the same seed, the same masks, in every
// build), training only (predict and evaluate never drop), gradients right for the mask drawn
// (finite differences with the mask held fixed), stored in the model file.
import { describe, expect, it } from 'vitest';
import type { ModelJSON } from 'neural-wasm';
import { builds, BaselineNetwork, JsNetwork, WasmNetwork, noisyRows, weightBytes } from './builds';
import { expectRejects, type ErrorClass, type Part } from './errors';

const train = noisyRows(6, 41);
const options = { layers: [2, 5, 5, 1], activation: ['tanh', 'tanh', 'linear'], init: 'xavier', seed: 42, dropout: [0.4, 0.3] } as const;

describe.each(builds)('%s build: dropout', (_, NeuralNetwork) => {
  it('the same seed drops the same units: the same weights; another seed, others', async () => {
    const fit = { epochs: 20, batchSize: 2, shuffle: true, optimizer: 'adam' } as const;
    const a = await NeuralNetwork.create(options);
    const b = await NeuralNetwork.create(options);
    const c = await NeuralNetwork.create({ ...options, seed: 43 });
    c.setWeights(a.getWeights()); // the same start, another generator
    a.fit(train.inputs, train.targets, fit);
    b.fit(train.inputs, train.targets, fit);
    c.fit(train.inputs, train.targets, fit);
    expect(weightBytes(a)).toEqual(weightBytes(b));
    expect(weightBytes(a)).not.toEqual(weightBytes(c));
    // and it does drop: without dropout the same start trains to other weights
    const none = await NeuralNetwork.create({ ...options, dropout: 0 });
    none.setWeights((await NeuralNetwork.create(options)).getWeights());
    none.fit(train.inputs, train.targets, fit);
    expect(weightBytes(a)).not.toEqual(weightBytes(none));
  });

  it('predict and evaluate never drop: the same outputs as the same weights without dropout', async () => {
    const net = await NeuralNetwork.create(options);
    net.fit(train.inputs, train.targets, { epochs: 5, batchSize: 3 });
    const plain = await NeuralNetwork.create({ ...options, dropout: 0 });
    plain.setWeights(net.getWeights());
    expect(net.predict(train.inputs)).toEqual(plain.predict(train.inputs));
    expect(net.predict(train.inputs)).toEqual(net.predict(train.inputs));
    expect(net.evaluate(train.inputs, train.targets)).toEqual(plain.evaluate(train.inputs, train.targets));
  });

  it('gradients with the mask held fixed match finite differences', async () => {
    // one step of SGD at rate 1 over the whole set gives the gradient; the loss the fit reports is
    // measured before the step, with the masks its generator state draws: held fixed by starting
    // every evaluation from the same state
    const start = (await NeuralNetwork.create(options)).toJSON();
    const stepOf = async (model: ModelJSON, learningRate: number) => {
      const net = await NeuralNetwork.fromJSON(model);
      const result = net.fit(train.inputs, train.targets, { epochs: 1, batchSize: 6, learningRate });
      return { loss: result.loss[0], after: net.toJSON() };
    };
    const { after } = await stepOf(start, 1);
    const flat = (m: ModelJSON) => m.weights.flatMap((w, l) => [...w.flat(), ...m.biases[l]]);
    const before = flat(start);
    const analytic = flat(after).map((w, i) => before[i] - w);
    const h = 1e-6;
    const numeric: number[] = [];
    for (let i = 0; i < before.length; i++) {
      const nudged = async (delta: number) => {
        const model = structuredClone(start);
        let at = i;
        for (let l = 0; l < model.weights.length; l++) {
          const count = model.weights[l].flat().length;
          if (at < count) {
            const width = model.weights[l][0].length;
            model.weights[l][Math.floor(at / width)][at % width] += delta;
            break;
          }
          at -= count;
          if (at < model.biases[l].length) {
            model.biases[l][at] += delta;
            break;
          }
          at -= model.biases[l].length;
        }
        return (await stepOf(model, 1e-300)).loss;
      };
      numeric.push(((await nudged(h)) - (await nudged(-h))) / (2 * h));
    }
    const dropped = analytic.filter((g) => g === 0).length;
    expect(dropped).toBeGreaterThan(0); // some units were dropped: the mask is in play
    analytic.forEach((g, i) => expect(Math.abs(g - numeric[i])).toBeLessThan(1e-6 * Math.max(1, Math.abs(numeric[i]))));
  });

  it('is stored in the model file and loads back, generator state and all', async () => {
    const net = await NeuralNetwork.create(options);
    net.fit(train.inputs, train.targets, { epochs: 3, batchSize: 2 });
    const json = net.toJSON();
    expect(json.dropout).toEqual([0.4, 0.3]);
    const copy = await NeuralNetwork.fromJSON(JSON.stringify(json));
    expect(copy.dropout).toEqual([0.4, 0.3]);
    net.fit(train.inputs, train.targets, { epochs: 3, batchSize: 2 });
    copy.fit(train.inputs, train.targets, { epochs: 3, batchSize: 2 });
    expect(weightBytes(copy)).toEqual(weightBytes(net));
    // a network without dropout writes no dropout key (its file is as before)
    expect('dropout' in (await NeuralNetwork.create({ layers: [2, 3, 1], seed: 1 })).toJSON()).toBe(false);
  });

  it('rejects bad rates before anything is made or changed', async () => {
    const below1 = /\[0, 0\.99\d*\]/; // [0, 1): the largest double below 1
    const cases: [unknown, ErrorClass, Part[]][] = [
      [{ layers: [2, 3, 1], dropout: 1 }, RangeError, ['options.dropout', 'finite number', below1, '1']],
      [{ layers: [2, 3, 1], dropout: -0.1 }, RangeError, ['options.dropout', 'finite number', below1, '-0.1']],
      [{ layers: [2, 3, 1], dropout: '0.5' }, TypeError, ['options.dropout', 'number', 'string', '"0.5"']],
      [{ layers: [2, 3, 3, 1], dropout: [0.5] }, RangeError, ['options.dropout', 'one rate per hidden layer', '2', 'array of 1']],
      [{ layers: [2, 3, 3, 1], dropout: [0.5, NaN] }, RangeError, ['options.dropout[1]', 'finite number', 'NaN']],
      [{ layers: [2, 1], dropout: 0.5 }, RangeError, ['options.dropout', '0', 'hidden layers', 'none', '0.5']],
    ];
    for (const [given, error, parts] of cases) await expectRejects(NeuralNetwork.create(given as never), error, parts);
    const model = (await NeuralNetwork.create(options)).toJSON();
    await expectRejects(NeuralNetwork.fromJSON({ ...model, dropout: [0.5] }), RangeError, ['model.dropout', 'one rate per hidden layer', '2', 'array of 1']);
    expect((await NeuralNetwork.fromJSON({ ...model, dropout: undefined } as never)).dropout).toEqual([0, 0]);
  });
});

describe('dropout in every build', () => {
  it('the WASM cores give the same bits; the JS build the same to rounding', async () => {
    const fit = { epochs: 30, batchSize: 3, shuffle: true } as const;
    const [simd, baseline, js] = await Promise.all([WasmNetwork, BaselineNetwork, JsNetwork].map((N) => N.create(options)));
    const results = [simd, baseline, js].map((net) => net.fit(train.inputs, train.targets, fit));
    expect(weightBytes(simd)).toEqual(weightBytes(baseline));
    expect(results[0].loss).toEqual(results[1].loss);
    const [a, b] = [simd, js].map((net) => net.toJSON().weights.flat(2));
    a.forEach((w, i) => expect(b[i]).toBeCloseTo(w, 12));
  });
});
