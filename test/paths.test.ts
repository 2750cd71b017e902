// Fast paths are drop-in replacements: each is held to the general code it replaces.
import { describe, expect, it } from 'vitest';
import { builds, weightBytes, testRandom } from './builds';

describe.each(builds)('%s build: training paths', (_, NeuralNetwork) => {
  it.each([0, 0.01])('online SGD (the fused path) equals the general path bit for bit (l2 %s)', async (l2) => {
    // momentum 0 takes the general path (gradient array, then v = 0*v - lr*g; w += v), whose
    // arithmetic is exactly SGD's; batchSize 1 with 'sgd' takes the fused one
    const random = testRandom(21);
    const inputs = Array.from({ length: 30 }, () => [random(), random(), random()]);
    const targets = inputs.map(([a, b, c]) => [a * b, b > c ? 1 : 0]);
    const options = { layers: [3, 5, 4, 2], activation: ['tanh', 'relu', 'sigmoid'], seed: 3 } as const;
    const fused = await NeuralNetwork.create(options);
    const general = await NeuralNetwork.create(options);
    const common = { epochs: 5, batchSize: 1, learningRate: 0.3, shuffle: true, l2 };
    const a = fused.fit(inputs, targets, { ...common, optimizer: 'sgd' });
    const b = general.fit(inputs, targets, { ...common, optimizer: { name: 'momentum', momentum: 0 } });
    expect(a.loss).toEqual(b.loss);
    expect(weightBytes(fused)).toEqual(weightBytes(general));
  });
});
