// A network's memory layout and its forward pass. All parameters live in one array of reals,
// layer by layer: W0 (layers[0] x layers[1], row-major), b0, W1, b1, ... so an optimizer step is
// one loop and getWeights/toJSON are slices.
import { Random } from './random';
import { denseForward } from './kernels';
import { sampleLoss, isCorrect } from './losses';
import { INIT_UNIFORM, INIT_XAVIER, MAX_ARRAY_VALUES } from './codes';
import { real, RealArray, newRealArray } from './real';

// Every array the core makes is sized here: the product in f64 (exact), checked before the
// allocation, so a product past 2^31 can never wrap to a short array that later writes overrun.
// src/ rejects such sizes first, with a RangeError; this is the last line.
function checkedLength(rows: i32, width: i32): i32 {
  assert(rows >= 0 && width >= 0 && f64(rows) * f64(width) <= f64(MAX_ARRAY_VALUES), 'array too large');
  return rows * width;
}

// an array of the network's values (parameters, activations, data)
export function realArray(rows: i32, width: i32): RealArray {
  return newRealArray(checkedLength(rows, width));
}

// an array of settings or reports (dropout rates, histories): f64 in both cores
export function f64Array(rows: i32, width: i32): Float64Array {
  return new Float64Array(checkedLength(rows, width));
}

// Approximate bytes an array takes in the heap (its data and two headers), for the garbage count
// by which src/ decides when to collect.
export function heapBytes(array: ArrayBufferView): f64 {
  return f64(array.byteLength) + 48;
}

// Activations of every layer for a block of rows and, for training, the batch's targets, two
// delta buffers for backprop and, for each layer with dropout, its mask and its outputs before the
// mask (predict and evaluate go without).
export class Workspace {
  rows: i32;
  acts: Array<RealArray>; // acts[0] = inputs, acts[l + 1] = output of weight layer l
  targets: RealArray; // a training batch's targets
  delta: RealArray;
  deltaPrev: RealArray;
  masks: Array<RealArray>; // masks[l + 1]: 0 or 1 / (1 - rate) per output of weight layer l
  undropped: Array<RealArray>; // undropped[l + 1]: those outputs before their mask
  correct: i32 = 0; // samples scored right by the last scoreRows

  constructor(layers: Int32Array, rows: i32, training: bool, dropout: Float64Array) {
    this.rows = rows;
    const acts = new Array<RealArray>(layers.length);
    const masks = new Array<RealArray>(layers.length);
    const undropped = new Array<RealArray>(layers.length);
    let widest = 0;
    for (let l = 0; l < layers.length; l++) {
      const width = unchecked(layers[l]);
      acts[l] = realArray(rows, width);
      const dropped = training && l > 0 && unchecked(dropout[l - 1]) > 0;
      masks[l] = realArray(dropped ? rows : 0, width);
      undropped[l] = realArray(dropped ? rows : 0, width);
      if (width > widest) widest = width;
    }
    this.acts = acts;
    this.masks = masks;
    this.undropped = undropped;
    const kept = training ? rows : 0;
    this.targets = realArray(kept, unchecked(layers[layers.length - 1]));
    this.delta = realArray(kept, widest);
    this.deltaPrev = realArray(kept, widest);
  }

  bytes(): f64 {
    let sum = heapBytes(this.targets) + heapBytes(this.delta) + heapBytes(this.deltaPrev);
    for (let l = 0; l < this.acts.length; l++) {
      sum += heapBytes(unchecked(this.acts[l])) + heapBytes(unchecked(this.masks[l])) + heapBytes(unchecked(this.undropped[l]));
    }
    return sum;
  }
}

// The parameters of the last large network disposed, kept for the next network of their size. The
// allocator (TLSF) looks for a free block one size class above a request, and so may not find a
// block of exactly the request's size again: near WebAssembly's 4 GiB, where memory can no longer
// grow, a network as large as one just let go would be refused. One array at most; given back
// (releaseSpare) when an allocation fails even after a collection.
let spare: RealArray | null = null;
const SPARE_MIN_VALUES = 1 << 17;

function paramsArray(length: i32): RealArray {
  const kept = spare;
  if (kept !== null && kept.length == length) {
    spare = null;
    return kept; // every value is written before use (initParams, or the caller's weights)
  }
  return realArray(length, 1);
}

/** Keeps a disposed network's parameters if they are large; returns the bytes that are let go. */
export function spareParams(params: RealArray): f64 {
  if (params.length < SPARE_MIN_VALUES) return heapBytes(params);
  const dropped = spare === null ? 0 : heapBytes(spare!);
  spare = params;
  return dropped;
}

/** Lets the kept parameters go; returns whether there were any. */
export function releaseSpare(): bool {
  if (spare === null) return false;
  spare = null;
  return true;
}

export class Network {
  layers: Int32Array;
  activations: Int32Array; // one per weight layer
  loss: i32;
  depth: i32; // number of weight layers
  weightStart: Int32Array;
  biasStart: Int32Array;
  paramCount: i32;
  params: RealArray;
  rng: Random;
  // the data set of the current call, and the outputs predict writes
  inputs: RealArray = newRealArray(0);
  targets: RealArray = newRealArray(0);
  outputs: RealArray = newRealArray(0);
  dataRows: i32 = 0;
  // the validation data of the next fit, which takes it over
  valInputs: RealArray = newRealArray(0);
  valTargets: RealArray = newRealArray(0);
  // dropout[l]: the share of weight layer l's outputs dropped in training (the last is 0)
  dropout: Float64Array;
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
    let offset: f64 = 0; // in f64, so no size can wrap before the check in f64Array
    for (let l = 0; l < depth; l++) {
      unchecked((weightStart[l] = i32(offset)));
      offset += f64(unchecked(layers[l])) * f64(unchecked(layers[l + 1]));
      unchecked((biasStart[l] = i32(offset)));
      offset += f64(unchecked(layers[l + 1]));
    }
    assert(offset <= f64(MAX_ARRAY_VALUES), 'network too large');
    this.weightStart = weightStart;
    this.biasStart = biasStart;
    this.paramCount = i32(offset);
    this.params = paramsArray(i32(offset));
    this.rng = new Random(seedLo, seedHi);
    this.dropout = f64Array(depth, 1);
  }

  get inputSize(): i32 {
    return unchecked(this.layers[0]);
  }

  get outputSize(): i32 {
    return unchecked(this.layers[this.depth]);
  }

  /** Bytes of all it holds, for the garbage count when it is disposed. */
  bytes(): f64 {
    let sum = heapBytes(this.params) + heapBytes(this.layers) + heapBytes(this.activations) +
      heapBytes(this.weightStart) + heapBytes(this.biasStart) + heapBytes(this.dropout) + this.dataBytes() + 64;
    const work = this.work;
    if (work !== null) sum += work.bytes();
    return sum;
  }

  dataBytes(): f64 {
    return heapBytes(this.inputs) + heapBytes(this.targets) + heapBytes(this.outputs) +
      heapBytes(this.valInputs) + heapBytes(this.valTargets);
  }

  workspace(): Workspace {
    let work = this.work;
    if (work === null) {
      work = new Workspace(this.layers, PREDICT_ROWS, false, this.dropout);
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
    for (let i = w; i < b; i++) unchecked((params[i] = <real>net.rng.uniform(-limit, limit)));
    for (let i = b; i < b + fanOut; i++) {
      unchecked((params[i] = kind == INIT_UNIFORM ? <real>net.rng.uniform(-1.0, 1.0) : 0.0));
    }
  }
}

// Forward pass of `rows` samples read from input[inStart ..] through weight layers first .. last - 1
// (by default all); the outputs land in work.acts[last]. Not inlined: one copy of the layer kernel
// serves predict, evaluate and training (a call per sample or per layer costs nothing measurable;
// each inlined copy cost about 0.3 KB of the gzipped .wasm).
export function forward(net: Network, work: Workspace, input: RealArray, inStart: i32, rows: i32, first: i32 = 0, last: i32 = -1): void {
  let source = input;
  let sourceStart = inStart;
  const end = last < 0 ? net.depth : last;
  for (let l = first; l < end; l++) {
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
export function scoreRows(net: Network, work: Workspace, targets: RealArray, tStart: i32, rows: i32): f64 {
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

// Makes room for n samples of inputs and targets; keeps what is there when it is enough. Both are
// made before either is kept, so a failed allocation leaves the network as it was. Returns the
// bytes it dropped.
export function reserveData(net: Network, n: i32): f64 {
  if (n <= net.dataRows) return 0;
  const inputs = realArray(n, net.inputSize);
  const targets = realArray(n, net.outputSize);
  const dropped = heapBytes(net.inputs) + heapBytes(net.targets);
  net.inputs = inputs;
  net.targets = targets;
  net.dataRows = n;
  return dropped;
}

// Returns the bytes it dropped.
export function releaseData(net: Network): f64 {
  const dropped = net.dataBytes();
  net.inputs = newRealArray(0);
  net.targets = newRealArray(0);
  net.outputs = newRealArray(0);
  net.dataRows = 0;
  net.valInputs = newRealArray(0);
  net.valTargets = newRealArray(0);
  return dropped;
}

// Room for n rows of validation data, for the next fit (made before either is kept, as reserveData's).
// Returns the bytes it dropped.
export function reserveValidation(net: Network, n: i32): f64 {
  const inputs = realArray(n, net.inputSize);
  const targets = realArray(n, net.outputSize);
  const dropped = heapBytes(net.valInputs) + heapBytes(net.valTargets);
  net.valInputs = inputs;
  net.valTargets = targets;
  return dropped;
}

// outputs[0 .. n) = network(inputs[0 .. n)). Returns the bytes it dropped (outputs outgrown).
export function predictRows(net: Network, n: i32): f64 {
  const work = net.workspace();
  const inSize = net.inputSize;
  const outSize = net.outputSize;
  const last = unchecked(work.acts[net.depth]);
  let dropped: f64 = 0;
  // outputs only predict writes, so only predict makes room for them
  if (net.outputs.length < n * outSize) {
    dropped = heapBytes(net.outputs);
    net.outputs = realArray(n, outSize);
  }
  for (let start = 0; start < n; start += work.rows) {
    const rows = n - start < work.rows ? n - start : work.rows;
    forward(net, work, net.inputs, start * inSize, rows);
    const o = start * outSize;
    for (let i = 0; i < rows * outSize; i++) unchecked((net.outputs[o + i] = unchecked(last[i])));
  }
  return dropped;
}

// Mean loss of the first n rows of inputs against targets; net.accuracy gets their accuracy.
// evaluate's (on the data buffer) and a fit's validation (on its validation set), one code.
export function evaluateRows(net: Network, inputs: RealArray, targets: RealArray, n: i32): f64 {
  const work = net.workspace();
  let loss: f64 = 0;
  let correct = 0;
  for (let start = 0; start < n; start += work.rows) {
    const rows = n - start < work.rows ? n - start : work.rows;
    forward(net, work, inputs, start * net.inputSize, rows);
    loss += scoreRows(net, work, targets, start * net.outputSize, rows);
    correct += work.correct;
  }
  net.accuracy = f64(correct) / f64(n);
  return loss / f64(n);
}
