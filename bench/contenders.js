// The libraries the benchmark runs, each set up to do the same work where it can; where a peer
// cannot (brain.js has no mini-batches and no softmax), `note` says what it does instead.
import brain from 'brain.js';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { NeuralNetwork as WasmNetwork } from 'neural-wasm';
import { NeuralNetwork as BaselineNetwork } from 'neural-wasm/baseline';
import { NeuralNetwork as JsNetwork } from 'neural-wasm/js';
import { mnistShapedData } from './data.js';
import { execFileSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { readFileSync, mkdirSync } from 'node:fs';

export const OURS = [
  ['neural-wasm (WASM SIMD)', WasmNetwork],
  ['neural-wasm (WASM baseline)', BaselineNetwork],
  ['neural-wasm (pure JS)', JsNetwork],
];
export const REFERENCE = OURS[0][0];
// the default core with fit's `threads`: each batch's products and optimizer step shared among
// threads, the same bits as one thread ('auto': the cores the platform reports)
export const THREADED = [
  ['neural-wasm (WASM SIMD, 2 threads)', 2],
  [`neural-wasm (WASM SIMD, auto = ${availableParallelism()} threads)`, 'auto'],
];
// the f32 core (create's precision: 'f32') on each build, and with threads
export const F32 = [
  ['neural-wasm (WASM SIMD, f32)', WasmNetwork, 1],
  ['neural-wasm (WASM SIMD, f32, 2 threads)', WasmNetwork, 2],
  ['neural-wasm (WASM baseline, f32)', BaselineNetwork, 1],
  ['neural-wasm (pure JS, f32)', JsNetwork, 1],
];
export const TF_BACKENDS = ['wasm', 'cpu'];
export const tfName = (backend) => `tfjs ${tf.version.tfjs} (${backend})`;
const BRAIN = 'brain.js 2.0.0-beta.24';

// the tutorial's data set
const XOR_INPUTS = [[1, 1], [0, 0], [0, 1], [1, 0]];
const XOR_TARGETS = [0, 0, 1, 1];

export async function useTf(backend) {
  await tf.setBackend(backend);
  await tf.ready();
}

function tfModel(layers, activations, loss, learningRate) {
  const model = tf.sequential({
    layers: layers.slice(1).map((units, l) =>
      tf.layers.dense({ units, activation: activations[l], ...(l === 0 ? { inputShape: [layers[0]] } : {}) }),
    ),
  });
  model.compile({ optimizer: tf.train.sgd(learningRate), loss });
  return model;
}

/** xor-tutorial: 2-3-1 sigmoid, MSE, online SGD, lr 0.1; `units` are sample updates per run. */
export function xorTasks({ epochs, tfEpochs }) {
  const tasks = OURS.map(([name, Network]) => {
    let net;
    return {
      name,
      units: epochs * 4,
      beforeEach: async () => (net = await Network.create({ layers: [2, 3, 1], seed: 9 })),
      run: () => net.fit(XOR_INPUTS, XOR_TARGETS, { learningRate: 0.1, epochs }),
      afterEach: () => net.dispose(),
    };
  });
  tasks.push(handWrittenLimit(epochs));
  const native = nativeLimit(epochs * 10);
  if (native) tasks.push(native);
  tasks.push({
    name: BRAIN,
    note: 'momentum 5e-324 (brain.js refuses 0)',
    units: epochs * 4,
    run: () => {
      const net = new brain.NeuralNetwork({ hiddenLayers: [3], activation: 'sigmoid' });
      net.train(
        XOR_INPUTS.map((input, i) => ({ input, output: [XOR_TARGETS[i]] })),
        { iterations: epochs, errorThresh: Number.MIN_VALUE, learningRate: 0.1, momentum: Number.MIN_VALUE, log: false },
      );
    },
  });
  for (const backend of TF_BACKENDS) {
    let model, xs, ys;
    tasks.push({
      name: tfName(backend),
      note: `${tfEpochs} of the ${epochs} epochs (the rate is per update)`,
      units: tfEpochs * 4,
      beforeEach: async () => {
        await useTf(backend);
        model = tfModel([2, 3, 1], ['sigmoid', 'sigmoid'], 'meanSquaredError', 0.1);
        xs = tf.tensor2d(XOR_INPUTS);
        ys = tf.tensor2d(XOR_TARGETS, [4, 1]);
      },
      run: async () => model.fit(xs, ys, { epochs: tfEpochs, batchSize: 1, shuffle: false, verbose: 0 }),
      afterEach: () => tf.dispose([model, xs, ys]),
    });
  }
  return tasks;
}

// bench/limit/xor.ts: the same loop written out by hand for 2-3-1, the speed to approach
function handWrittenLimit(epochs) {
  mkdirSync('bench/.build', { recursive: true });
  execFileSync('npx', ['asc', 'bench/limit/xor.ts', '-O3', '--runtime', 'stub', '-o', 'bench/.build/xor-limit.wasm'], { stdio: 'inherit' });
  const module = new WebAssembly.Module(readFileSync('bench/.build/xor-limit.wasm'));
  const { exports } = new WebAssembly.Instance(module, { env: { abort() {} } });
  return {
    name: 'hand-written WASM loop',
    note: 'fixed 2-3-1, not a library: the limit',
    units: epochs * 4,
    beforeEach: () => {
      for (let i = 0; i < 13; i++) exports.setParam(i, Math.sin(i + 1)); // weights in [-1, 1]
    },
    run: () => exports.train(epochs, 0.1),
  };
}

// bench/limit/xor.c: the same loop in C (gcc -O2), each run a process that times its own loop; no
// row where the machine has no gcc (the benchmark says so)
function nativeLimit(epochs) {
  mkdirSync('bench/.build', { recursive: true });
  try {
    execFileSync('gcc', ['-O2', '-o', 'bench/.build/xor-limit-c', 'bench/limit/xor.c', '-lm'], { stdio: 'inherit' });
  } catch (error) {
    process.stderr.write(`  xor-tutorial: no native C row (gcc: ${error.code ?? error.message})\n`);
    return undefined;
  }
  return {
    name: 'native C loop',
    note: `fixed 2-3-1, gcc -O2, ${epochs} epochs per run, timed inside the process`,
    units: epochs * 4,
    run: () => {
      const out = execFileSync('bench/.build/xor-limit-c', [String(epochs)], { encoding: 'utf8' });
      return { overriddenDuration: Number(out.trim().split('\n')[1]) };
    },
  };
}

/**
 * dense-mnist-shape: 784-128-10, sigmoid hidden, softmax + cross-entropy, SGD lr 0.1, batches of
 * 64; `units` are samples per run.
 */
export function mnistTasks({ samples, epochs, brainSamples, slowSamples }) {
  const data = mnistShapedData(samples);
  const ours = [
    ...OURS.map(([name, Network]) => [name, Network, 1, 'f64']),
    ...THREADED.map(([name, threads]) => [name, WasmNetwork, threads, 'f64']),
    ...F32.map(([name, Network, threads]) => [name, Network, threads, 'f32']),
  ];
  const tasks = ours.map(([name, Network, threads, precision]) => {
    // the pure-JS build is slow enough that it runs part of the data set (the rate is per sample)
    const n = name.includes('JS') || name.includes('baseline') ? slowSamples : samples;
    const inputs = { data: data.inputs.subarray(0, n * 784), shape: [n, 784] };
    const targets = { data: data.labels.subarray(0, n * 10), shape: [n, 10] };
    let net;
    return {
      name,
      note: n < samples ? `${n} of the ${samples} samples` : undefined,
      units: n * epochs,
      beforeEach: async () =>
        (net = await Network.create({
          layers: [784, 128, 10], activation: ['sigmoid', 'softmax'], loss: 'crossEntropy', init: 'xavier', seed: 1, precision,
        })),
      run: () => net.fit(inputs, targets, { epochs, batchSize: 64, learningRate: 0.1, threads }),
      afterEach: () => net.dispose(),
    };
  });
  const brainData = Array.from({ length: brainSamples }, (_, i) => ({
    input: data.inputs.subarray(i * 784, (i + 1) * 784),
    output: data.labels.subarray(i * 10, (i + 1) * 10),
  }));
  tasks.push({
    name: BRAIN,
    note: `online SGD, sigmoid + MSE output (no mini-batches, no softmax); ${brainSamples} samples`,
    units: brainSamples,
    run: () => {
      const net = new brain.NeuralNetwork({ hiddenLayers: [128], activation: 'sigmoid' });
      net.train(brainData, { iterations: 1, errorThresh: Number.MIN_VALUE, learningRate: 0.1, momentum: Number.MIN_VALUE, log: false });
    },
  });
  for (const backend of TF_BACKENDS) {
    const n = backend === 'cpu' ? slowSamples : samples;
    let model, xs, ys;
    tasks.push({
      name: tfName(backend),
      note: `float32${n < samples ? `; ${n} of the ${samples} samples` : ''}`,
      units: n * epochs,
      beforeEach: async () => {
        await useTf(backend);
        model = tfModel([784, 128, 10], ['sigmoid', 'softmax'], 'categoricalCrossentropy', 0.1);
        xs = tf.tensor2d(data.inputs.subarray(0, n * 784), [n, 784]);
        ys = tf.tensor2d(data.labels.subarray(0, n * 10), [n, 10]);
      },
      run: async () => model.fit(xs, ys, { epochs, batchSize: 64, shuffle: false, verbose: 0 }),
      afterEach: () => tf.dispose([model, xs, ys]),
    });
  }
  return tasks;
}

/** predict-one: single-sample predictions on a 784-128-10 network; `units` are calls per run. */
export async function predictTasks() {
  const { inputs } = mnistShapedData(1);
  const sample = Float64Array.from(inputs);
  const tasks = [];
  for (const [name, Network] of OURS) {
    const net = await Network.create({
      layers: [784, 128, 10], activation: ['sigmoid', 'softmax'], loss: 'crossEntropy', init: 'xavier', seed: 1,
    });
    tasks.push({ name, units: 1, run: () => net.predict(sample) });
  }
  const brainNet = new brain.NeuralNetwork({ hiddenLayers: [128], activation: 'sigmoid' });
  brainNet.train([{ input: Array.from(sample), output: new Array(10).fill(0) }], { iterations: 1, errorThresh: Number.MIN_VALUE });
  tasks.push({ name: BRAIN, note: 'run()', units: 1, run: () => brainNet.run(sample) });
  const sample32 = Float32Array.from(sample); // tfjs takes no Float64Array
  for (const backend of TF_BACKENDS) {
    let model;
    tasks.push({
      name: tfName(backend),
      note: 'predict() + dataSync()',
      units: 1,
      beforeAll: async () => {
        await useTf(backend);
        model = tfModel([784, 128, 10], ['sigmoid', 'softmax'], 'categoricalCrossentropy', 0.1);
      },
      run: () => tf.tidy(() => model.predict(tf.tensor2d(sample32, [1, 784])).dataSync()),
      afterAll: () => model.dispose(),
    });
  }
  return tasks;
}

/** cold-start: import + instantiate + create a 784-128-10 network, in a new process each time. */
export const COLD_START = [
  ...OURS.map(([name], i) => [name, ['neural-wasm', 'neural-wasm/baseline', 'neural-wasm/js'][i]]),
  [BRAIN, 'brain.js'],
  ...TF_BACKENDS.map((backend) => [tfName(backend), `tfjs-${backend}`]),
];
