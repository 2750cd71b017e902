// Runs in Chromium only: the paths a model takes out of the library, in a page. A model trained
// here on raw rows (neural-wasm/model) is exported in the page (neural-wasm/export) and runs in
// ONNX Runtime Web, giving Model#predict's probabilities and classes (float32: 1e-5); its standalone
// module, loaded as any page loads a script, gives them bit for bit on the js core.
import { describe, expect, it } from 'vitest';
import * as ort from 'onnxruntime-web';
import { NeuralNetwork } from 'neural-wasm/js';
import { Model, fitPreprocessing, encodeRows, encodeAnswers, outputLayer, type ClassPrediction } from 'neural-wasm/model';
import { toONNX, toStandalone } from 'neural-wasm/export';
import { dataset } from 'neural-wasm/datasets';

ort.env.wasm.numThreads = 1;
ort.env.logLevel = 'error';

async function spiralModel(): Promise<{ model: Model; rows: number[][] }> {
  const { inputs, labels } = dataset('spiral', { samples: 150, seed: 4 });
  const rows = inputs.map((row) => row.map((x) => x * 40 + 100)); // raw units, far from scaled ones
  const names = labels.map((label) => ['north', 'east', 'south'][label]);
  const prep = fitPreprocessing(rows, names, { columns: ['a', 'b'], target: 'arm' });
  const { units, activation, loss } = outputLayer(prep.target);
  const net = await NeuralNetwork.create({ layers: [2, 16, units], activation: ['tanh', activation], loss, seed: 2 });
  net.fit(encodeRows(prep, rows), encodeAnswers(prep, names), { optimizer: 'adam', learningRate: 0.02, epochs: 60 });
  return { model: new Model(net, prep), rows };
}

describe('models that travel, in a browser', () => {
  it('toONNX of a Model runs in ONNX Runtime Web on raw rows: its probabilities and labels', async () => {
    const { model, rows } = await spiralModel();
    const session = await ort.InferenceSession.create(toONNX(model));
    const { probabilities, label } = await session.run({ input: new ort.Tensor('float32', Float32Array.from(rows.flat()), [rows.length, 2]) });
    const expected = model.predict(rows) as ClassPrediction[];
    const got = Array.from(probabilities.data as Float32Array);
    expected.forEach((answer, r) => {
      answer.probabilities.forEach((p, c) => expect(Math.abs(got[r * 3 + c] - p)).toBeLessThanOrEqual(1e-5));
    });
    const classes = Array.from(label.data as BigInt64Array, (index) => model.target.kind === 'classes' && model.target.classes[Number(index)]);
    const clear = expected.filter((answer) => Math.max(...answer.probabilities) - [...answer.probabilities].sort((x, y) => x - y).at(-2)! > 1e-4);
    expect(clear.length).toBeGreaterThan(140);
    expected.forEach((answer, r) => clear.includes(answer) && expect(classes[r]).toBe(answer.class));
    model.network.dispose();
  });

  it('toStandalone of a Model, loaded by the page as a module, predicts exactly what Model#predict does', async () => {
    const { model, rows } = await spiralModel();
    const url = URL.createObjectURL(new Blob([toStandalone(model)], { type: 'text/javascript' }));
    const standalone = await import(/* @vite-ignore */ url);
    expect(standalone.columns).toEqual(['a', 'b']);
    rows.forEach((row) => expect(standalone.predict(row)).toEqual(model.predict(row)));
    expect(standalone.predict({ a: rows[0][0], b: rows[0][1] })).toEqual(model.predict(rows[0]));
    URL.revokeObjectURL(url);
    model.network.dispose();
  });
});
