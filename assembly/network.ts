// A network's memory layout and its forward pass. All parameters live in one Float64Array,
// layer by layer: W0 (layers[0] x layers[1], row-major), b0, W1, b1, ... so an optimizer step is
// one loop and getWeights/toJSON are slices.
import { Random } from './random';
import { denseForward } from './kernels';
import { sampleLoss, isCorrect } from './losses';
import { INIT_UNIFORM, INIT_XAVIER } from './codes';

// Activations of every layer for a block of rows, and two delta buffers for backprop.
export class Workspace {
  rows: i32;
  acts: Array<Float64Array>; // acts[0] = inputs, acts[l + 1] = output of weight layer l
  targets: Float64Array; // a training batch's targets
  delta: Float64Array;
  deltaPrev: Float64Array;
  correct: i32 = 0; // samples scored right by the last scoreRows

  constructor(layers: Int32Array, rows: i32) {
    this.rows = rows;
    const acts = new Array<Float64Array>(layers.length);
    let widest = 0;
    for (let l = 0; l < layers.length; l++) {
      const width = unchecked(layers[l]);
      acts[l] = new Float64Array(rows * width);
      if (width > widest) widest = width;
    }
    this.acts = acts;
    this.targets = new Float64Array(rows * unchecked(layers[layers.length - 1]));
    this.delta = new Float64Array(rows * widest);
    this.deltaPrev = new Float64Array(rows * widest);
  }
}

export class Network {
  layers: Int32Array;
  activations: Int32Array; // one per weight layer
  loss: i32;
  depth: i32; // number of weight layers
  weightStart: Int32Array;
  biasStart: Int32Array;
  paramCount: i32;
  params: Float64Array;
  rng: Random;
  // the data set of the current call, and the outputs predict writes
  inputs: Float64Array = new Float64Array(0);
  targets: Float64Array = new Float64Array(0);
  outputs: Float64Array = new Float64Array(0);
  dataRows: i32 = 0;
  work: Workspace | null = null; // for predict and evaluate, made on first use
  accuracy: f64 = 0; // of the last evaluate

  constructor(layers: Int32Array, activations: Int32Array, loss: i32, seedLo: u32, seedHi: u32) {
    this.layers = layers;
    this.activations = activations;
    this.loss = loss;
    const depth = layers.length - 1;
    this.depth = depth;
    const weightStart = new Int32Array(depth);
    const biasStart = new Int32Array(depth);
    let offset = 0;
    for (let l = 0; l < depth; l++) {
      unchecked((weightStart[l] = offset));
      offset += unchecked(layers[l]) * unchecked(layers[l + 1]);
      unchecked((biasStart[l] = offset));
      offset += unchecked(layers[l + 1]);
    }
    this.weightStart = weightStart;
    this.biasStart = biasStart;
    this.paramCount = offset;
    this.params = new Float64Array(offset);
    this.rng = new Random(seedLo, seedHi);
  }

  get inputSize(): i32 {
    return unchecked(this.layers[0]);
  }

  get outputSize(): i32 {
    return unchecked(this.layers[this.depth]);
  }

  workspace(): Workspace {
    let work = this.work;
    if (work === null) {
      work = new Workspace(this.layers, PREDICT_ROWS);
      this.work = work;
    }
    return work;
  }
}

// rows predict and evaluate push through the network at a time
const PREDICT_ROWS = 64;

// Draws every weight and bias, layer by layer, W before b.
export function initParams(net: Network, kind: i32): void {
  const params = net.params;
  for (let l = 0; l < net.depth; l++) {
    const fanIn = unchecked(net.layers[l]);
    const fanOut = unchecked(net.layers[l + 1]);
    const w = unchecked(net.weightStart[l]);
    const b = unchecked(net.biasStart[l]);
    let limit: f64 = 1.0;
    if (kind == INIT_XAVIER) limit = Math.sqrt(6.0 / f64(fanIn + fanOut));
    else if (kind != INIT_UNIFORM) limit = Math.sqrt(6.0 / f64(fanIn)); // INIT_HE
    for (let i = w; i < b; i++) unchecked((params[i] = net.rng.uniform(-limit, limit)));
    for (let i = b; i < b + fanOut; i++) {
      unchecked((params[i] = kind == INIT_UNIFORM ? net.rng.uniform(-1.0, 1.0) : 0.0));
    }
  }
}

// Forward pass of `rows` samples read from input[inStart ..]; the outputs land in work.acts[depth].
// @ts-ignore: decorator
@inline export function forward(net: Network, work: Workspace, input: Float64Array, inStart: i32, rows: i32): void {
  let source = input;
  let sourceStart = inStart;
  for (let l = 0; l < net.depth; l++) {
    const out = unchecked(work.acts[l + 1]);
    const width = unchecked(net.layers[l + 1]);
    denseForward(
      source, sourceStart, net.params, unchecked(net.weightStart[l]), unchecked(net.biasStart[l]),
      out, 0, rows, unchecked(net.layers[l]), width, unchecked(net.activations[l]),
    );
    source = out;
    sourceStart = 0;
  }
}

// Sum of the per-sample losses of the last forward pass against targets[tStart ..];
// work.correct counts the samples it got right.
export function scoreRows(net: Network, work: Workspace, targets: Float64Array, tStart: i32, rows: i32): f64 {
  const out = unchecked(work.acts[net.depth]);
  const width = net.outputSize;
  let loss: f64 = 0;
  let correct = 0;
  for (let r = 0; r < rows; r++) {
    loss += sampleLoss(net.loss, out, r * width, targets, tStart + r * width, width);
    correct += isCorrect(out, r * width, targets, tStart + r * width, width);
  }
  work.correct = correct;
  return loss;
}

// Makes room for n samples of inputs and targets; keeps what is there when it is enough.
export function reserveData(net: Network, n: i32): void {
  if (n <= net.dataRows) return;
  net.inputs = new Float64Array(n * net.inputSize);
  net.targets = new Float64Array(n * net.outputSize);
  net.dataRows = n;
}

export function releaseData(net: Network): void {
  net.inputs = new Float64Array(0);
  net.targets = new Float64Array(0);
  net.outputs = new Float64Array(0);
  net.dataRows = 0;
}

// outputs[0 .. n) = network(inputs[0 .. n))
export function predictRows(net: Network, n: i32): void {
  const work = net.workspace();
  const inSize = net.inputSize;
  const outSize = net.outputSize;
  const last = unchecked(work.acts[net.depth]);
  // outputs only predict writes, so only predict makes room for them
  if (net.outputs.length < n * outSize) net.outputs = new Float64Array(n * outSize);
  for (let start = 0; start < n; start += work.rows) {
    const rows = n - start < work.rows ? n - start : work.rows;
    forward(net, work, net.inputs, start * inSize, rows);
    const o = start * outSize;
    for (let i = 0; i < rows * outSize; i++) unchecked((net.outputs[o + i] = unchecked(last[i])));
  }
}

// Mean loss of the first n samples; net.accuracy gets their accuracy.
export function evaluateRows(net: Network, n: i32): f64 {
  const work = net.workspace();
  let loss: f64 = 0;
  let correct = 0;
  for (let start = 0; start < n; start += work.rows) {
    const rows = n - start < work.rows ? n - start : work.rows;
    forward(net, work, net.inputs, start * net.inputSize, rows);
    loss += scoreRows(net, work, net.targets, start * net.outputSize, rows);
    correct += work.correct;
  }
  net.accuracy = f64(correct) / f64(n);
  return loss / f64(n);
}
