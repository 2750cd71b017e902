// The class rules of neural-wasm/datasets that both apps use: the output layer and loss for a
// number of classes, and the class an output row predicts, held to the core's own accuracy.
import { describe, expect, it } from 'vitest';
import { classOutput, dataset, datasetDefaults, DATASET_NAMES, encodeLabels, predictedClass } from 'neural-wasm/datasets';
import { builds, testRandom } from '../builds';

describe('classOutput', () => {
  it('two classes: one sigmoid unit and binary cross-entropy; more: a softmax unit per class and cross-entropy', () => {
    expect(classOutput(2)).toEqual({ units: 1, activation: 'sigmoid', loss: 'binaryCrossEntropy' });
    expect(classOutput(3)).toEqual({ units: 3, activation: 'softmax', loss: 'crossEntropy' });
  });

  it("fits the targets encodeLabels makes (and every data set's)", () => {
    for (const classes of [2, 3, 7]) expect(encodeLabels([0, 1], classes)[0]).toHaveLength(classOutput(classes).units);
    for (const name of DATASET_NAMES) {
      const data = dataset(name);
      expect(data.targets[0]).toHaveLength(classOutput(data.classNames.length).units);
    }
  });
});

describe('predictedClass', () => {
  it('one output: class 1 from 0.5 up; several: the largest, the first of equals', () => {
    expect([0, 0.4999, 0.5, 1].map((p) => predictedClass([p]))).toEqual([0, 0, 1, 1]);
    expect(predictedClass([0.2, 0.5, 0.3])).toBe(1);
    expect(predictedClass(Float64Array.from([0.4, 0.4, 0.2]))).toBe(0);
  });

  describe.each(builds)('%s build', (_, NeuralNetwork) => {
    // random weights and data: many rows near the boundaries, where a rule that differs would show
    it.each([2, 4])("gets right the share of rows that evaluate's accuracy (the core's rule) counts, %i classes", async (classes) => {
      const { units, activation, loss } = classOutput(classes);
      const net = await NeuralNetwork.create({ layers: [3, 5, units], activation: ['tanh', activation], loss, seed: classes });
      const random = testRandom(classes);
      const inputs = Array.from({ length: 500 }, () => [random() * 4 - 2, random() * 4 - 2, random() * 4 - 2]);
      const labels = inputs.map(() => Math.floor(random() * classes));
      const outputs = net.predict(inputs) as Float64Array[];
      const right = outputs.filter((output, r) => predictedClass(output) === labels[r]).length;
      expect(net.evaluate(inputs, encodeLabels(labels, classes)).accuracy).toBe(right / inputs.length);
      net.dispose();
    });
  });
});

describe('datasetDefaults', () => {
  it("are what dataset() makes without options: its points and classes", () => {
    for (const name of DATASET_NAMES) {
      const { samples, classes } = datasetDefaults(name);
      const data = dataset(name);
      expect([data.inputs.length, data.classNames.length], name).toEqual([samples, classes]);
    }
    expect(datasetDefaults('moons')).toEqual({ samples: 200, noise: 0.1, classes: 2 });
  });
});
