// The tutorial's XOR recipe: Model(2, 3, 1), sigmoid, MSE, online SGD, lr 0.1, 6000 epochs, U[-1, 1).
import { describe, expect, it } from 'vitest';
import { builds, XOR_INPUTS, XOR_TARGETS } from './builds';

describe.each(builds)('%s build: the tutorial XOR recipe', (_, NeuralNetwork) => {
  it('learns XOR with the tutorial loss curve: a plateau near 0.25, then a fall below 0.01', async () => {
    const net = await NeuralNetwork.create({ layers: [2, 3, 1], seed: 9 }); // the README's example
    const { loss, accuracy, epochs, stopReason } = net.fit(XOR_INPUTS, XOR_TARGETS, { learningRate: 0.1, epochs: 6000 });
    expect(epochs).toBe(6000);
    expect(stopReason).toBe('completed');
    expect(loss).toHaveLength(6000);
    // starts near 0.3
    expect(loss[0]).toBeGreaterThan(0.26);
    expect(loss[0]).toBeLessThan(0.35);
    // the plateau: epochs 100..1200 all within a hair of 0.25
    for (let e = 100; e <= 1200; e += 50) {
      expect(loss[e]).toBeGreaterThan(0.245);
      expect(loss[e]).toBeLessThan(0.265);
    }
    // the steep fall, then the tail
    const fallsAt = loss.findIndex((v) => v < 0.1);
    expect(fallsAt).toBeGreaterThan(1500);
    expect(fallsAt).toBeLessThan(4000);
    expect(loss[5999]).toBeLessThan(0.01);
    // the curve goes down after the plateau: every 250-epoch step from 1500 on is lower
    for (let e = 1750; e < 6000; e += 250) expect(loss[e]).toBeLessThan(loss[e - 250]);
    expect(accuracy[5999]).toBe(1);
    const predictions = net.predict(XOR_INPUTS).map((p) => Math.round(p[0]));
    expect(predictions).toEqual(XOR_TARGETS);
  });

  it('learns XOR from most seeds, as the tutorial does without one', async () => {
    let learned = 0;
    for (let seed = 100; seed < 120; seed++) {
      const net = await NeuralNetwork.create({ layers: [2, 3, 1], seed });
      const { loss } = net.fit(XOR_INPUTS, XOR_TARGETS, { learningRate: 0.1, epochs: 6000 });
      const rounded = net.predict(XOR_INPUTS).map((p) => Math.round(p[0]));
      if (loss[5999] < 0.01 && rounded.join() === XOR_TARGETS.join()) learned++;
      net.dispose();
    }
    expect(learned).toBeGreaterThanOrEqual(17);
  });

  it('matches a hand computation of one online-SGD step (backprop with the weights before the update)', async () => {
    const net = await NeuralNetwork.create({ layers: [2, 3, 1], seed: 3 });
    const { weights, biases } = net.getWeights();
    const [W1, W2] = weights;
    const [b1, b2] = biases;
    const s = (z: number) => 1 / (1 + Math.exp(-z));
    const x = [0, 1];
    const y = 1;
    const h = [0, 1, 2].map((j) => s(x[0] * W1[j] + x[1] * W1[3 + j] + b1[j]));
    const o = s(h[0] * W2[0] + h[1] * W2[1] + h[2] * W2[2] + b2[0]);
    const dO = -2 * (y - o) * o * (1 - o); // dMSE/dy_pred * s'
    const dH = h.map((hj, j) => dO * W2[j] * hj * (1 - hj));
    const lr = 0.1;
    const result = net.fit([x], [y], { learningRate: lr, epochs: 1 });
    expect(result.loss[0]).toBeCloseTo((y - o) ** 2, 15);
    const after = net.getWeights();
    for (let j = 0; j < 3; j++) {
      expect(after.weights[1][j]).toBeCloseTo(W2[j] - lr * h[j] * dO, 14);
      expect(after.weights[0][j]).toBeCloseTo(W1[j] - lr * x[0] * dH[j], 14);
      expect(after.weights[0][3 + j]).toBeCloseTo(W1[3 + j] - lr * x[1] * dH[j], 14);
      expect(after.biases[0][j]).toBeCloseTo(b1[j] - lr * dH[j], 14);
    }
    expect(after.biases[1][0]).toBeCloseTo(b2[0] - lr * dO, 14);
  });
});
