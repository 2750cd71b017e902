// WASM memory is reclaimed, sizes past the core's are refused before they reach it, and training
// that blows up leaves the last good weights. (test/wasm-core.test.ts: when memory runs out.)
import { describe, expect, it } from 'vitest';
import { builds, WasmNetwork, weightBytes, testRandom, XOR_INPUTS, XOR_TARGETS } from './builds';
import { expectThrows } from './errors';

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

describe.each(builds)('%s build: sizes past what the core can hold', (_, NeuralNetwork) => {
  // batch rows x layer width past 2^32, between 2^31 and 2^32, and past one array's 2^27 - 8 values
  it.each([
    [65536, 65536],
    [40000, 60000],
    [20000, 10000],
  ])('a layer of %i units with a batch of %i is a RangeError; that network, every other and the core are intact', async (width, batch) => {
    const keep = await NeuralNetwork.create({ layers: [2, 3, 1], seed: 9 });
    keep.fit(XOR_INPUTS, XOR_TARGETS, { epochs: 10 });
    const kept = weightBytes(keep);
    const big = await NeuralNetwork.create({ layers: [1, width, 1], seed: 1 });
    const bigWeights = weightBytes(big);
    const inputs = { data: new Float64Array(batch).fill(0.5), shape: [batch, 1] as [number, number] };
    const targets = new Float64Array(batch).fill(0.5);
    const count = (n: number) => n.toLocaleString('en-US');
    // the batch, the layer, what they need and what the core holds, and the batchSize that fits
    expectThrows(() => big.fit(inputs, targets, { batchSize: batch }), RangeError, [
      'fit', `${count(batch)} rows`, `${count(width)} units`, `${count(batch * width)} values`, '134,217,720', 'batchSize', count(Math.floor(134217720 / width)),
    ]);
    // (Buffer#equals: vitest's toEqual takes seconds over 1.5 MB)
    expect(Buffer.from(weightBytes(big)).equals(bigWeights)).toBe(true);
    expect(Buffer.from(weightBytes(keep)).equals(kept)).toBe(true);
    keep.fit(XOR_INPUTS, XOR_TARGETS, { epochs: 10 });
    const fresh = await NeuralNetwork.create({ layers: [2, 3, 1], seed: 9 });
    expect(fresh.predict([0, 1])).toHaveLength(1);
    // a batch that fits trains
    const few = { data: inputs.data.subarray(0, 256), shape: [256, 1] as [number, number] };
    expect(big.fit(few, targets.subarray(0, 256), { batchSize: 64, epochs: 1 }).epochs).toBe(1);
    [keep, big, fresh].forEach((net) => net.dispose());
  });
});

// (the JS build has no 4 GiB ceiling: its arrays live in the JS heap)
describe.each(builds.filter(([name]) => name !== 'js'))('%s build: WebAssembly memory', (_, NeuralNetwork) => {
  it('a fit whose arrays each fit but not all together in 4 GiB is a RangeError before it starts', async () => {
    const net = await NeuralNetwork.create({ layers: [1, ...new Array(20).fill(64), 1], seed: 1 });
    const rows = 2_000_000;
    const inputs = { data: new Float64Array(rows), shape: [rows, 1] as [number, number] };
    expectThrows(() => net.fit(inputs, new Float64Array(rows), { batchSize: rows }), RangeError, [
      'fit', /\b\d+\.\d GiB\b/, '4 GiB', 'WebAssembly', 'batchSize', "'neural-wasm/js'",
    ]);
    const few = { data: inputs.data.subarray(0, 1024), shape: [1024, 1] as [number, number] };
    expect(net.fit(few, new Float64Array(1024), { batchSize: 1024, epochs: 1 }).epochs).toBe(1);
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
