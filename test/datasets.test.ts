// neural-wasm/datasets: the seeded toy problems the playground and the CLI share.
import { describe, expect, it } from 'vitest';
import { dataset, DATASET_NAMES, encodeLabels } from 'neural-wasm/datasets';
import { NeuralNetwork } from 'neural-wasm';
import { expectThrows } from './errors';

describe('datasets', () => {
  it("xor is the tutorial's four points in its order", () => {
    const xor = dataset('xor');
    expect(xor.inputs).toEqual([[1, 1], [0, 0], [0, 1], [1, 0]]);
    expect(xor.labels).toEqual([0, 0, 1, 1]);
    expect(xor.targets).toEqual([[0], [0], [1], [1]]);
  });

  it('the same seed gives the same points, another seed other points', () => {
    for (const name of DATASET_NAMES.filter((n) => n !== 'xor')) {
      expect(dataset(name, { seed: 7 })).toEqual(dataset(name, { seed: 7 }));
      expect(dataset(name, { seed: 7 }).inputs).not.toEqual(dataset(name, { seed: 8 }).inputs);
    }
  });

  it('blobs is the tutorial\'s "bubbles": 500 points, 2 centres of 250, std 1', () => {
    const blobs = dataset('blobs', { seed: 3 });
    expect(blobs.inputs).toHaveLength(500);
    expect(blobs.labels.filter((l) => l === 0)).toHaveLength(250);
    for (const c of [0, 1]) {
      const points = blobs.inputs.filter((_, i) => blobs.labels[i] === c);
      const mean = [0, 1].map((k) => points.reduce((s, p) => s + p[k], 0) / points.length);
      expect(Math.abs(mean[0])).toBeLessThan(10.5); // centres drawn in (-10, 10)
      const spread = Math.sqrt(points.reduce((s, p) => s + (p[0] - mean[0]) ** 2, 0) / points.length);
      expect(spread).toBeGreaterThan(0.8);
      expect(spread).toBeLessThan(1.2);
    }
  });

  it('moons, circles and spiral have their shapes, sizes and balanced classes', () => {
    const moons = dataset('moons', { samples: 101, noise: 0 });
    expect(moons.inputs).toHaveLength(101);
    for (const [i, [x, y]] of moons.inputs.entries()) {
      // on the unit half circle, or on the one shifted by (1, 0.5) and flipped
      const r = moons.labels[i] === 0 ? Math.hypot(x, y) : Math.hypot(x - 1, y - 0.5);
      expect(r).toBeCloseTo(1, 12);
    }
    const circles = dataset('circles', { samples: 200, noise: 0 });
    for (const [i, [x, y]] of circles.inputs.entries()) {
      expect(Math.hypot(x, y)).toBeCloseTo(circles.labels[i] === 0 ? 1 : 0.5, 12);
    }
    const spiral = dataset('spiral');
    expect(spiral.inputs).toHaveLength(300);
    expect(spiral.classNames).toHaveLength(3);
    expect([0, 1, 2].map((c) => spiral.labels.filter((l) => l === c).length)).toEqual([100, 100, 100]);
    expect(spiral.targets[0]).toHaveLength(3);
    expect(spiral.targets.every((t, i) => t[spiral.labels[i]] === 1 && t.reduce((a, b) => a + b) === 1)).toBe(true);
  });

  it('encodes two classes as one 0/1 column and more as one-hot', () => {
    expect(encodeLabels([0, 1, 1], 2)).toEqual([[0], [1], [1]]);
    expect(encodeLabels([2, 0], 3)).toEqual([[0, 0, 1], [1, 0, 0]]);
  });

  it('rejects unknown names and bad options with what it expected', () => {
    expectThrows(() => dataset('swirl' as never), RangeError, ['dataset', ...DATASET_NAMES.map((name) => `'${name}'`), '"swirl"']);
    expectThrows(() => dataset('moons', { samples: 0 }), RangeError, ['dataset', 'samples', 'integer', '1 to 1000000', '0']);
    expectThrows(() => dataset('moons', { noise: -1 }), RangeError, ['dataset', 'noise', 'finite number', '>= 0', '-1']);
    expectThrows(() => dataset('spiral', { classes: 1 }), RangeError, ['dataset', 'classes', 'integer', '2 to 100', '1']);
  });

  it('a small network learns two moons', async () => {
    const moons = dataset('moons', { samples: 200, seed: 2 });
    const net = await NeuralNetwork.create({ layers: [2, 12, 1], activation: ['tanh', 'sigmoid'], loss: 'binaryCrossEntropy', seed: 1 });
    net.fit(moons.inputs, moons.targets, { epochs: 300, batchSize: 10, optimizer: 'adam', learningRate: 0.02, shuffle: true });
    expect(net.evaluate(moons.inputs, moons.targets).accuracy).toBeGreaterThan(0.95);
  });
});
