// WASM memory is reclaimed, and training that blows up leaves the last good weights.
import { describe, expect, it } from 'vitest';
import { builds, WasmNetwork, weightBytes, testRandom, XOR_INPUTS, XOR_TARGETS } from './builds';

describe('WASM memory', () => {
  it('10,000 create/fit/dispose cycles do not grow memory.buffer', async () => {
    const cycle = async () => {
      const net = await WasmNetwork.create({ layers: [2, 8, 1], seed: 1 });
      net.fit(XOR_INPUTS, XOR_TARGETS, { epochs: 2, batchSize: 2, optimizer: 'adam' });
      net.predict(XOR_INPUTS);
      net.dispose();
    };
    for (let i = 0; i < 100; i++) await cycle(); // the allocator's steady state
    const before = await WasmNetwork.memoryBytes();
    for (let i = 0; i < 10_000; i++) await cycle();
    expect(await WasmNetwork.memoryBytes()).toBe(before);
  });

  it('repeated fits and predictions on a large data set do not grow memory from call to call', async () => {
    const random = testRandom(1);
    const rows = 5000;
    const data = Float64Array.from({ length: rows * 20 }, () => random());
    const targets = Float64Array.from({ length: rows }, (_, i) => (data[i * 20] > 0.5 ? 1 : 0));
    const net = await WasmNetwork.create({ layers: [20, 16, 1], seed: 1 });
    const inputs = { data, shape: [rows, 20] as [number, number] };
    const flatTargets = { data: targets, shape: [rows, 1] as [number, number] };
    net.fit(inputs, flatTargets, { epochs: 1, batchSize: 32 });
    net.predict(inputs);
    const before = await WasmNetwork.memoryBytes();
    for (let i = 0; i < 20; i++) {
      net.fit(inputs, flatTargets, { epochs: 2, batchSize: 32 });
      net.predict(inputs);
      net.evaluate(inputs, flatTargets);
    }
    expect(await WasmNetwork.memoryBytes()).toBe(before);
    net.dispose();
  });
});

describe.each(builds)('%s build: a run that diverges', (_, NeuralNetwork) => {
  it('stops, reports it, and keeps the weights of the last finite epoch', async () => {
    const random = testRandom(2);
    const inputs = Array.from({ length: 16 }, () => [random() * 2, random() * 2]);
    const targets = inputs.map(([a, b]) => [a + b]);
    const options = { layers: [2, 8, 1], activation: 'linear', seed: 4 } as const;
    const net = await NeuralNetwork.create(options);
    // full-batch gradient descent on a linear net, lr well past stable: the loss grows, then overflows
    const fit = { learningRate: 0.2, epochs: 500, batchSize: 16 };
    const result = net.fit(inputs, targets, fit);
    expect(result.stopReason).toBe('diverged');
    expect(result.epochs).toBeGreaterThan(3);
    expect(result.epochs).toBeLessThan(500);
    expect(result.loss).toHaveLength(result.epochs);
    expect(result.loss.every(Number.isFinite)).toBe(true);
    const weights = net.getWeights();
    expect([...weights.weights, ...weights.biases].every((w) => w.every(Number.isFinite))).toBe(true);
    // exactly the weights a run of only the finite epochs ends with
    const replay = await NeuralNetwork.create(options);
    replay.fit(inputs, targets, { ...fit, epochs: result.epochs });
    expect(weightBytes(net)).toEqual(weightBytes(replay));
    // and the network is still usable (no crash, no disposal)
    expect(net.predict([1, 1])).toHaveLength(1);
  });
});
