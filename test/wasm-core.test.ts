// src/wasm-core.ts: how the WASM core's memory is handed back, and what happens when it runs out.
// These tests build the NeuralNetwork class over a core they instantiate themselves (from the
// package's .wasm, or from a build whose memory cannot grow past 4 MiB), counting its collections.
import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NeuralNetwork as Network } from '../src/network';
import { adaptWasmExports, coreArrayView, instantiateCore, type WasmExports } from '../src/wasm-core';
import { expectRejects, expectThrows } from './errors';
import type { Core } from '../src/core';
import type { Precision } from '../src/network-options';
import { WasmNetwork, weightBytes, XOR_INPUTS, XOR_TARGETS } from './builds';

const root = fileURLToPath(new URL('../', import.meta.url));

/** The NeuralNetwork class over a fresh instance of `wasm`, and a count of its full collections. */
async function networkOn(wasm: BufferSource, precision: Precision = 'f64') {
  const e = await instantiateCore(wasm);
  const counts = { collections: 0 };
  const collect = e.__collect;
  const counted = Object.create(e, {
    __collect: { value: () => (counts.collections++, collect()) },
  }) as WasmExports;
  const core: Core = adaptWasmExports(counted, 'wasm', precision);
  class NeuralNetwork extends Network {
    static {
      this.loadCore = async () => core;
    }
  }
  return { NeuralNetwork, counts, memory: () => e.memory.buffer.byteLength, exports: e };
}

describe('collecting', () => {
  it('with 16,000 live networks, 16,000 disposals sweep the heap only a few times, and the memory is reused', async () => {
    const { NeuralNetwork, counts, memory } = await networkOn(readFileSync(join(root, 'dist/neural-wasm.wasm')));
    const live = await Promise.all(Array.from({ length: 16_000 }, (_, seed) => NeuralNetwork.create({ layers: [2, 3, 1], seed })));
    const before = counts.collections;
    const churn = await Promise.all(Array.from({ length: 16_000 }, (_, seed) => NeuralNetwork.create({ layers: [2, 3, 1], seed })));
    churn.forEach((net) => net.dispose());
    // a sweep per dispose (the old way) would be 16,000; each sweep visits all 16,000 live ones
    expect(counts.collections - before).toBeLessThan(40);
    // once more, now with the first round's garbage waiting to be collected: the steady state
    const round = await Promise.all(Array.from({ length: 16_000 }, (_, seed) => NeuralNetwork.create({ layers: [2, 3, 1], seed })));
    round.forEach((net) => net.dispose());
    const high = memory();
    for (let round = 0; round < 3; round++) {
      const again = await Promise.all(Array.from({ length: 16_000 }, (_, seed) => NeuralNetwork.create({ layers: [2, 3, 1], seed })));
      again.forEach((net) => net.dispose());
    }
    expect(memory()).toBe(high);
    expect(live.every((net) => net.predict([0, 1]).length === 1)).toBe(true);
  });

  it('a large fit or data set is collected when it ends, so the next one reuses its memory', async () => {
    const { NeuralNetwork, memory } = await networkOn(readFileSync(join(root, 'dist/neural-wasm.wasm')));
    const net = await NeuralNetwork.create({ layers: [20, 16, 1], seed: 1 });
    const rows = 20_000;
    const inputs = { data: new Float64Array(rows * 20).fill(0.5), shape: [rows, 20] as [number, number] };
    const targets = new Float64Array(rows).fill(1);
    net.fit(inputs, targets, { epochs: 1, batchSize: 64 });
    net.predict(inputs);
    const high = memory();
    for (let i = 0; i < 5; i++) {
      net.fit(inputs, targets, { epochs: 1, batchSize: 64, optimizer: 'adam' });
      net.evaluate(inputs, targets);
      net.predict(inputs);
    }
    expect(memory()).toBe(high);
  });

  it('a loop that only creates and predicts, never disposing, runs in bounded memory (the garbage collector is told)', async () => {
    const { NeuralNetwork, memory } = await networkOn(readFileSync(join(root, 'dist/neural-wasm.wasm')));
    const row = new Float64Array(784).fill(0.5);
    // each network holds 1.3 MB of core memory once it has predicted, and almost nothing the JS
    // collector sees: 1,000 of them would be 1.3 GB if nothing were freed
    for (let i = 0; i < 1000; i++) {
      const net = await NeuralNetwork.create({ layers: [784, 128, 10], activation: ['relu', 'softmax'], seed: i });
      net.predict(row);
    }
    expect(memory()).toBeLessThan(512 * 2 ** 20);
  });

  it.each(['f64', 'f32'] as const)('at %s, each network tells the JS collector of the core memory it holds: its weights, then its kept rows and workspace', async (precision) => {
    const file = precision === 'f32' ? 'dist/neural-wasm-f32.wasm' : 'dist/neural-wasm.wasm';
    const { NeuralNetwork } = await networkOn(readFileSync(join(root, file)), precision);
    const gc = exposedGc();
    // the ArrayBuffers the JS collector counts (the core's own memory is not among them)
    const external = () => (gc(), gc(), process.memoryUsage().arrayBuffers);
    const real = precision === 'f32' ? 4 : 8;
    const rows = { data: new Float64Array(1000 * 2000).fill(0.5), shape: [1000, 2000] as [number, number] };
    const before = external();
    const net = await NeuralNetwork.create({ layers: [2000, 100, 1], seed: 1, precision });
    const params = 2000 * 100 + 100 + 100 + 1;
    expect(external() - before).toBeGreaterThanOrEqual(params * real);
    expect(external() - before).toBeLessThan(params * real * 1.01);
    const outputs = net.predict(rows);
    // kept for the next predict: the rows' inputs, targets and outputs; the workspace of 64 rows
    const held = (params + 1000 * (2000 + 1 + 1) + 64 * (2000 + 100 + 1)) * real;
    expect(external() - before).toBeGreaterThanOrEqual(held);
    expect(external() - before).toBeLessThan(held * 1.01 + outputs.length * 64);
    // rows past what predict keeps are let go, and so is their share
    let many: { data: Float64Array; shape: [number, number] } | undefined = { data: new Float64Array(2000 * 2000), shape: [2000, 2000] };
    net.predict(many);
    many = undefined;
    expect(external() - before).toBeLessThan((params + 64 * 2101) * real * 1.01 + outputs.length * 64);
    // and a disposed network holds nothing
    net.dispose();
    expect(external() - before).toBeLessThan(outputs.length * 64);
  });

  it('networks dropped without dispose() are freed once the JS garbage collector finalizes them', async () => {
    const { NeuralNetwork, memory } = await networkOn(readFileSync(join(root, 'dist/neural-wasm.wasm')));
    const gc = exposedGc();
    const model = (await NeuralNetwork.create({ layers: [784, 128, 10], activation: ['relu', 'softmax'], seed: 1 })).toJSON();
    const row = new Float64Array(784).fill(0.5);
    // each network holds about 2 MB of core memory once it has predicted; 600 of them would be 1.2 GB
    for (let i = 0; i < 600; i++) {
      const net = await NeuralNetwork.fromJSON(model);
      net.predict(row);
      if (i % 50 === 49) {
        gc();
        await new Promise((resolve) => setTimeout(resolve, 0)); // finalizers run as tasks
      }
    }
    expect(memory()).toBeLessThan(256 * 2 ** 20);
  });
});

describe('a core whose memory cannot grow past 4 MiB', () => {
  let small: Buffer<ArrayBuffer>;

  beforeAll(() => {
    // the same core, built with a small maximum memory, so running out is quick to reach
    const out = join(mkdtempSync(join(tmpdir(), 'neural-wasm-small-')), 'small.wasm');
    execFileSync(
      process.execPath,
      [join(root, 'node_modules/assemblyscript/bin/asc.js'), 'assembly/wasm.ts', '--runtime', 'minimal', '--exportRuntime',
        '--initialMemory', '1', '--maximumMemory', '64', '-O1', '-o', out],
      { cwd: root, stdio: 'pipe' },
    );
    small = readFileSync(out);
  }, 60_000);

  it('running out is a RangeError; the networks that were there are intact and the core goes on working', async () => {
    const { NeuralNetwork } = await networkOn(small);
    const keep = await NeuralNetwork.create({ layers: [2, 3, 1], seed: 9 });
    keep.fit(XOR_INPUTS, XOR_TARGETS, { epochs: 100 });
    const keptWeights = weightBytes(keep);
    const keptPrediction = keep.predict([0, 1])[0];
    const filling: Awaited<ReturnType<typeof NeuralNetwork.create>>[] = [];
    const fillingWeights: Uint8Array[] = [];
    let failure: unknown;
    try {
      for (let i = 0; i < 1000; i++) {
        filling.push(await NeuralNetwork.create({ layers: [64, 64, 8], seed: i }));
        fillingWeights.push(weightBytes(filling[i]));
      }
    } catch (error) {
      failure = error;
    }
    expect(failure).toBeInstanceOf(RangeError);
    expect((failure as Error).message).toMatch(/the WASM core ran out of memory/);
    expect(filling.length).toBeGreaterThan(10);
    // a fit too big for what is left fails the same way, and changes nothing
    const big = filling[0];
    const bigWeights = weightBytes(big);
    const rows = 4000;
    expect(() => big.fit({ data: new Float64Array(rows * 64), shape: [rows, 64] }, { data: new Float64Array(rows * 8), shape: [rows, 8] }, { batchSize: 64 })).toThrow(RangeError);
    expect(weightBytes(big)).toEqual(bigWeights);
    // everything that was there still works
    expect(weightBytes(keep)).toEqual(keptWeights);
    expect(keep.predict([0, 1])[0]).toBe(keptPrediction);
    // (Buffer#equals: vitest's toEqual is slow on 100 arrays of 37 KB)
    expect(filling.every((net, i) => Buffer.from(weightBytes(net)).equals(fillingWeights[i]))).toBe(true);
    // and room made by disposing is used again, even before it is collected (the failed allocation
    // collects and tries once more)
    filling.splice(0, 10).forEach((net) => net.dispose());
    const after = await NeuralNetwork.create({ layers: [64, 64, 8], seed: 1 });
    expect(after.predict(new Float64Array(64))).toHaveLength(8);
    expect(keep.fit(XOR_INPUTS, XOR_TARGETS, { epochs: 10 }).epochs).toBe(10);
  });

  it('dispose on a core too full even for its list of free handles: freed, or the RangeError with the network as it was; never a failure of the core', async () => {
    const { NeuralNetwork } = await networkOn(small);
    const nets: Network[] = [];
    for (const layers of [[64, 64, 8], [1, 1]]) {
      for (;;) {
        try {
          nets.push(await NeuralNetwork.create({ layers, seed: nets.length }));
        } catch (error) {
          expect(error).toBeInstanceOf(RangeError);
          break;
        }
      }
    }
    let refused = 0;
    for (const net of nets) {
      const input = new Float64Array(net.inputSize);
      try {
        net.dispose();
      } catch (error) {
        expect(error).toBeInstanceOf(RangeError);
        refused++;
        expect(net.predict(input)).toHaveLength(net.outputSize); // as it was
        continue;
      }
      expect(() => net.predict(input)).toThrow(/disposed/);
    }
    // every network that was refused is let go once there is room
    for (const net of nets) net.dispose();
    expect(nets.every((net) => {
      try {
        net.predict(new Float64Array(net.inputSize));
        return false;
      } catch {
        return true;
      }
    })).toBe(true);
  });

  it('a full core: a network disposed makes room for another of its size (and for a smaller one)', async () => {
    const { NeuralNetwork } = await networkOn(small);
    const layers = [400, 400]; // 1.3 MB of parameters
    const nets: Network[] = [];
    for (;;) {
      try {
        nets.push(await NeuralNetwork.create({ layers, seed: nets.length }));
      } catch (error) {
        expect(error).toBeInstanceOf(RangeError);
        break;
      }
    }
    expect(nets.length).toBeGreaterThanOrEqual(2);
    for (const at of [0, nets.length - 1, 0]) {
      const json = nets[at].toJSON();
      nets[at].dispose();
      nets[at] = await NeuralNetwork.fromJSON(json); // the allocator alone passed over the block let go
      expect(nets[at].toJSON()).toEqual(json);
    }
    nets[0].dispose();
    nets[0] = await NeuralNetwork.create({ layers: [400, 380], seed: 1 });
    expect(nets[0].predict(new Float64Array(400))).toHaveLength(380);
  });

  it('networks dropped without dispose() on a core too full to let them go: the finalizer keeps them, and nothing is thrown', async () => {
    const { NeuralNetwork } = await networkOn(small);
    const gc = exposedGc();
    const keep: Network[] = [];
    for (const layers of [[64, 64, 8], [1, 1]]) {
      for (;;) {
        try {
          keep.push(await NeuralNetwork.create({ layers, seed: keep.length }));
        } catch {
          break;
        }
      }
    }
    // (an error thrown by a finalizer is uncaught: vitest fails the run for it)
    const dropped = keep.splice(keep.length / 2);
    dropped.length = 0;
    for (let i = 0; i < 3; i++) {
      gc();
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    // the networks kept are as they were (predict would need room the full core does not have)
    expect(keep.every((net) => net.toJSON().layers.length === 3 || net.toJSON().layers.length === 2)).toBe(true);
  });

  it('a fit with validation rows that finds too little room fails before its first epoch: the RangeError, the weights as they were', async () => {
    const { NeuralNetwork } = await networkOn(small);
    // validation rows are measured in predict's workspace (64 rows of every layer: 2 MB here)
    const net = await NeuralNetwork.create({ layers: [2000, 10, 2000], activation: ['tanh', 'linear'], seed: 3 });
    const before = Buffer.from(weightBytes(net));
    const filling: Awaited<ReturnType<typeof NeuralNetwork.create>>[] = [];
    for (;;) {
      try {
        filling.push(await NeuralNetwork.create({ layers: [50, 50], seed: 1 })); // 20 KB each
      } catch {
        break;
      }
    }
    const row = Float64Array.from({ length: 2000 }, (_, i) => Math.sin(i) / 2);
    const rows = [row, row, row, row];
    // room made 20 KB at a time: every fit that does not fit says so and changes nothing, until one fits
    let outcome: 'trained' | undefined;
    while (outcome === undefined && filling.length > 0) {
      filling.pop()!.dispose();
      try {
        net.fit(rows, rows, { epochs: 1, batchSize: 4, validationData: { inputs: rows, targets: rows } });
        outcome = 'trained';
      } catch (error) {
        expect(error).toBeInstanceOf(RangeError);
        expect((error as Error).message).toMatch(/the WASM core ran out of memory/);
        expect(Buffer.from(weightBytes(net)).equals(before)).toBe(true);
      }
    }
    expect(outcome).toBe('trained');
  });
});

describe('a core past 2 GiB (pointers are unsigned 32-bit numbers)', () => {
  // Most of the heap is taken by pinned blocks that are never written (address space, not resident
  // memory), so the networks after them live above 2 GiB, or fill the last of the 4 GiB, quickly.
  function ballast(e: WasmExports, bytes: number): void {
    const BLOCK = 2 ** 29; // AssemblyScript's largest block is just under 1 GiB
    for (let left = bytes; left > 0; left -= BLOCK) e.__pin(e.__new(Math.min(BLOCK, left), 1));
  }

  it.each(['f64', 'f32'] as const)('at %s, networks made past 2 GiB train, predict and round-trip as they do anywhere', async (precision) => {
    const file = precision === 'f32' ? 'dist/neural-wasm-f32.wasm' : 'dist/neural-wasm.wasm';
    const { NeuralNetwork, memory, exports } = await networkOn(readFileSync(join(root, file)), precision);
    ballast(exports, 2 ** 31 + 2 ** 26);
    const options = { layers: [30, 20, 3], activation: ['tanh', 'softmax'], loss: 'crossEntropy', seed: 4, precision } as const;
    const high = await NeuralNetwork.create(options);
    const reference = await WasmNetwork.create(options);
    expect(memory()).toBeGreaterThan(2 ** 31);
    const inputs = Array.from({ length: 50 }, (_, r) => Array.from({ length: 30 }, (_, c) => Math.sin(r * 31 + c)));
    const targets = inputs.map((row) => [0, 1, 2].map((k) => (Math.floor(Math.abs(row[0] * 3)) % 3 === k ? 1 : 0)));
    const fit = { epochs: 5, batchSize: 8, optimizer: 'adam', shuffle: true, validationData: { inputs: inputs.slice(0, 10), targets: targets.slice(0, 10) } } as const;
    expect(high.fit(inputs, targets, fit).loss).toEqual(reference.fit(inputs, targets, fit).loss);
    expect(weightBytes(high)).toEqual(weightBytes(reference));
    expect(high.predict(inputs)).toEqual(reference.predict(inputs));
    expect(high.evaluate(inputs, targets)).toEqual(reference.evaluate(inputs, targets));
    const copy = await NeuralNetwork.fromJSON(JSON.stringify(reference));
    expect(weightBytes(copy)).toEqual(weightBytes(reference));
    reference.dispose();
  });

  it('fills up to 4 GiB, then gives the named RangeError; the networks it has stay intact and later calls work', async () => {
    const { NeuralNetwork, memory, exports } = await networkOn(readFileSync(join(root, 'dist/neural-wasm.wasm')));
    ballast(exports, 2 ** 32 - 2 ** 28); // 3.75 GiB
    const small = await NeuralNetwork.create({ layers: [2, 3, 1], seed: 9 });
    small.fit(XOR_INPUTS, XOR_TARGETS, { epochs: 50 });
    const smallWeights = weightBytes(small);
    const filling: Network[] = [];
    let failure: unknown;
    try {
      for (let i = 0; i < 100; i++) filling.push(await NeuralNetwork.create({ layers: [1000, 1000], seed: i })); // 8 MB each
    } catch (error) {
      failure = error;
    }
    expect(failure).toBeInstanceOf(RangeError);
    expect((failure as Error).message).toMatch(/the WASM core ran out of memory \(WebAssembly memory stops at 4 GiB\)/);
    // it stopped for want of room, not before: 4 GiB less the ballast holds about 30 of them
    expect(filling.length).toBeGreaterThan(20);
    expect(memory()).toBeGreaterThan(2 ** 32 - 2 ** 26);
    expect(weightBytes(small)).toEqual(smallWeights);
    const last = filling.at(-1)!;
    const again = await WasmNetwork.create({ layers: [1000, 1000], seed: filling.length - 1 });
    expect(Buffer.from(weightBytes(last)).equals(Buffer.from(weightBytes(again)))).toBe(true);
    again.dispose();
    // the core goes on: room made by disposing is used again, and small networks are made as ever
    filling.splice(0, 2).forEach((net) => net.dispose());
    const after = await NeuralNetwork.create({ layers: [1000, 1000], seed: 1 });
    expect(after.predict(new Float64Array(1000))).toHaveLength(1000);
    const tiny = await NeuralNetwork.fromJSON(JSON.stringify(small));
    expect(weightBytes(tiny)).toEqual(smallWeights);
    expect(small.fit(XOR_INPUTS, XOR_TARGETS, { epochs: 10 }).epochs).toBe(10);
  });
});

/** global.gc without starting Node with --expose-gc. */
function exposedGc(): () => void {
  const v8 = process.getBuiltinModule('node:v8') as typeof import('node:v8');
  const vm = process.getBuiltinModule('node:vm') as typeof import('node:vm');
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
}

describe('instantiating the core without @assemblyscript/loader', () => {
  const bytes = () => readFileSync(join(root, 'dist/neural-wasm-simd.wasm'));

  it('from bytes, or a fetched Response (streamed when served as application/wasm, read whole when not)', async () => {
    const responses = [
      new Response(bytes(), { headers: { 'Content-Type': 'application/wasm' } }),
      new Response(bytes(), { headers: { 'Content-Type': 'application/octet-stream' } }),
    ];
    for (const source of [bytes(), ...responses]) {
      const e = await instantiateCore(source);
      const id = typeof e.INT32ARRAY_ID === 'number' ? e.INT32ARRAY_ID : e.INT32ARRAY_ID.value;
      // arrays in: the layers and activations a network is made of; views out: its 13 parameters
      const net = e.createNetwork(e.__newArray(id, [2, 3, 1]), e.__newArray(id, [0, 0]), 0, 0, 9, 0);
      const params = coreArrayView(e, e.networkParams(net), Float64Array);
      expect(params).toBeInstanceOf(Float64Array);
      expect(params.length).toBe(13);
      expect(params.buffer).toBe(e.memory.buffer);
      expect(params.every((w: number) => w !== 0 && Math.abs(w) <= 1)).toBe(true);
    }
  });

  it('a failed fetch is named; an assert in the core is an Error with its message and place', async () => {
    await expectRejects(instantiateCore(new Response('not found', { status: 404 })), Error, ['could not fetch', '404']);
    const e = await instantiateCore(bytes());
    const id = typeof e.INT32ARRAY_ID === 'number' ? e.INT32ARRAY_ID : e.INT32ARRAY_ID.value;
    const net = e.createNetwork(e.__newArray(id, [2, 3, 1]), e.__newArray(id, [0, 0]), 0, 0, 9, 0);
    // past the core's largest array: src/ refuses this first; the core's own check is the last line
    expectThrows(() => e.reserveData(net, 2 ** 30), Error, ['abort', 'array too large', /\bassembly\/network\.ts:\d+:\d+\b/]);
  });
});
