// The training loop: epochs of (shuffled) mini-batches, each a forward pass, the loss, backprop
// into one gradient array and an optimizer step. It runs whole epochs without leaving the core and
// returns between chunks of epochs so the caller can report progress.
import { Network, Workspace, forward, scoreRows, f64Array, heapBytes } from './network';
import { shuffleIndices } from './random';
import { multiplyByPrime } from './activations';
import { outputDelta } from './losses';
import { denseGradients, denseBackward, denseSgdStep } from './kernels';
import { sgdStep, momentumStep, adamStep, addL2 } from './optimizers';
import { SGD, MOMENTUM, ADAM, FIT_RUNNING, FIT_EARLY_STOPPED, FIT_DIVERGED } from './codes';
import {
  SLOT_BATCH_SIZE, SLOT_SHUFFLE, SLOT_OPTIMIZER, SLOT_LEARNING_RATE, SLOT_MOMENTUM, SLOT_BETA1, SLOT_BETA2,
  SLOT_EPSILON, SLOT_L2, SLOT_STOP_LOSS, SLOT_STOP_ACCURACY, SLOT_CHUNK,
} from './fit-settings';

// A fit's settings, read from the record src/ filled (fit-settings.ts names its slots; the
// defaults are src/options.ts's).
export class FitSettings {
  samples: i32 = 0;
  batchSize: i32 = 0;
  shuffle: bool = false;
  optimizer: i32 = 0;
  learningRate: f64 = 0;
  momentum: f64 = 0;
  beta1: f64 = 0;
  beta2: f64 = 0;
  epsilon: f64 = 0;
  l2: f64 = 0;
  stopLoss: f64 = NaN; // NaN: not given
  stopAccuracy: f64 = NaN;
  chunk: i32 = 0;
}

// The settings of a fit over the first `samples` rows of the data, from the record.
export function readFitSettings(record: Float64Array, samples: i32): FitSettings {
  const s = new FitSettings();
  s.samples = samples;
  const batchSize = i32(unchecked(record[SLOT_BATCH_SIZE]));
  s.batchSize = batchSize < samples ? batchSize : samples;
  s.shuffle = unchecked(record[SLOT_SHUFFLE]) != 0;
  s.optimizer = i32(unchecked(record[SLOT_OPTIMIZER]));
  s.learningRate = unchecked(record[SLOT_LEARNING_RATE]);
  s.momentum = unchecked(record[SLOT_MOMENTUM]);
  s.beta1 = unchecked(record[SLOT_BETA1]);
  s.beta2 = unchecked(record[SLOT_BETA2]);
  s.epsilon = unchecked(record[SLOT_EPSILON]);
  s.l2 = unchecked(record[SLOT_L2]);
  s.stopLoss = unchecked(record[SLOT_STOP_LOSS]);
  s.stopAccuracy = unchecked(record[SLOT_STOP_ACCURACY]);
  s.chunk = i32(unchecked(record[SLOT_CHUNK]));
  return s;
}

export class Trainer {
  settings: FitSettings;
  // the data set, taken over from the network so predict/evaluate during a fit use other buffers
  inputs: Float64Array;
  targets: Float64Array;
  work: Workspace;
  order: Int32Array; // the visiting order of the samples
  grads: Float64Array;
  velocity: Float64Array; // momentum's v, Adam's m
  squares: Float64Array; // Adam's v
  lastGood: Float64Array; // the parameters after the last finite epoch
  transposed: Float64Array; // room for one hidden layer's W^T (the SIMD backprop reads W by columns)
  beta1Power: f64 = 1; // beta1^t and beta2^t for Adam's bias correction, t the steps so far
  beta2Power: f64 = 1;
  status: i32 = FIT_RUNNING;
  // loss and accuracy of each epoch of the last run of epochs
  lossHistory: Float64Array;
  accuracyHistory: Float64Array;

  constructor(net: Network, settings: FitSettings) {
    this.settings = settings;
    this.inputs = net.inputs;
    this.targets = net.targets;
    this.work = new Workspace(net.layers, settings.batchSize, true);
    const n = settings.samples;
    const order = new Int32Array(n);
    for (let i = 0; i < n; i++) unchecked((order[i] = i));
    this.order = order;
    const count = net.paramCount;
    // batches of one with plain SGD all take the fused step, which needs no gradient array
    const fusedOnly = settings.batchSize == 1 && settings.optimizer == SGD;
    this.grads = f64Array(fusedOnly ? 0 : count, 1);
    this.velocity = f64Array(settings.optimizer == SGD ? 0 : count, 1);
    this.squares = f64Array(settings.optimizer == ADAM ? count : 0, 1);
    this.lastGood = f64Array(count, 1);
    let largest = 0;
    for (let l = 1; l < net.depth; l++) {
      const size = unchecked(net.layers[l]) * unchecked(net.layers[l + 1]);
      if (size > largest) largest = size;
    }
    this.transposed = f64Array(ASC_FEATURE_SIMD ? largest : 0, 1);
    this.lossHistory = f64Array(settings.chunk, 1);
    this.accuracyHistory = f64Array(settings.chunk, 1);
  }

  /** Bytes of all it holds (the data set included), for the garbage count when the fit ends. */
  bytes(): f64 {
    return heapBytes(this.inputs) + heapBytes(this.targets) + this.work.bytes() + heapBytes(this.order) +
      heapBytes(this.grads) + heapBytes(this.velocity) + heapBytes(this.squares) + heapBytes(this.lastGood) +
      heapBytes(this.transposed) + heapBytes(this.lossHistory) + heapBytes(this.accuracyHistory) + 64;
  }
}

// Runs up to `epochs` epochs; returns how many ran. trainer.status says why it stopped early.
export function runEpochs(net: Network, trainer: Trainer, epochs: i32): i32 {
  const s = trainer.settings;
  for (let e = 0; e < epochs; e++) {
    trainer.lastGood.set(net.params);
    if (s.shuffle) shuffleIndices(trainer.order, s.samples, net.rng);
    let lossSum: f64 = 0;
    let correct = 0;
    for (let start = 0; start < s.samples; start += s.batchSize) {
      const rows = s.samples - start < s.batchSize ? s.samples - start : s.batchSize;
      lossSum += trainBatch(net, trainer, start, rows);
      correct += trainer.work.correct;
    }
    const loss = lossSum / f64(s.samples);
    if (!isFinite(loss) || !allFinite(net.params, net.paramCount)) {
      net.params.set(trainer.lastGood);
      trainer.status = FIT_DIVERGED;
      return e;
    }
    const accuracy = f64(correct) / f64(s.samples);
    unchecked((trainer.lossHistory[e] = loss));
    unchecked((trainer.accuracyHistory[e] = accuracy));
    // the tutorial's rule: stop after the first epoch where every given threshold holds
    const lossHolds = isNaN(s.stopLoss) || loss < s.stopLoss;
    const accuracyHolds = isNaN(s.stopAccuracy) || accuracy >= s.stopAccuracy;
    const anyGiven = !isNaN(s.stopLoss) || !isNaN(s.stopAccuracy);
    if (anyGiven && lossHolds && accuracyHolds) {
      trainer.status = FIT_EARLY_STOPPED;
      return e + 1;
    }
  }
  return epochs;
}

// One mini-batch: forward, loss, backprop into trainer.grads (the mean over the batch), step.
// Returns the batch's summed per-sample loss, computed before the update.
function trainBatch(net: Network, trainer: Trainer, start: i32, rows: i32): f64 {
  if (rows == 1 && trainer.settings.optimizer == SGD) {
    return trainSampleSgd(net, trainer, unchecked(trainer.order[start]));
  }
  const work = trainer.work;
  const inSize = net.inputSize;
  const outSize = net.outputSize;
  const batchInputs = unchecked(work.acts[0]);
  const batchTargets = work.targets;
  for (let r = 0; r < rows; r++) {
    const sample = unchecked(trainer.order[start + r]);
    for (let i = 0; i < inSize; i++) {
      unchecked((batchInputs[r * inSize + i] = unchecked(trainer.inputs[sample * inSize + i])));
    }
    for (let i = 0; i < outSize; i++) {
      unchecked((batchTargets[r * outSize + i] = unchecked(trainer.targets[sample * outSize + i])));
    }
  }
  forward(net, work, batchInputs, 0, rows);
  const loss = scoreRows(net, work, batchTargets, 0, rows);

  const depth = net.depth;
  const out = unchecked(work.acts[depth]);
  const scale = 1.0 / f64(rows);
  let delta = work.delta;
  let deltaPrev = work.deltaPrev;
  for (let r = 0; r < rows; r++) {
    outputDelta(
      net.loss, unchecked(net.activations[depth - 1]), out, r * outSize, batchTargets, r * outSize,
      outSize, delta, r * outSize, scale,
    );
  }
  const grads = trainer.grads;
  grads.fill(0);
  for (let l = depth - 1; l >= 0; l--) {
    const inWidth = unchecked(net.layers[l]);
    const outWidth = unchecked(net.layers[l + 1]);
    const w = unchecked(net.weightStart[l]);
    const input = unchecked(work.acts[l]);
    denseGradients(input, 0, delta, 0, grads, w, unchecked(net.biasStart[l]), rows, inWidth, outWidth);
    if (l > 0) {
      // uses W before this step's update, as backprop must
      denseBackward(delta, 0, net.params, w, deltaPrev, 0, rows, inWidth, outWidth, trainer.transposed);
      multiplyByPrime(unchecked(net.activations[l - 1]), deltaPrev, 0, input, 0, rows * inWidth);
      const t = delta;
      delta = deltaPrev;
      deltaPrev = t;
    }
  }
  step(net, trainer);
  return loss;
}

// The tutorial's case, one sample and plain SGD, read in place from the data set, with each layer's
// backprop and update fused (denseSgdStep): bit for bit what the general path computes.
function trainSampleSgd(net: Network, trainer: Trainer, sample: i32): f64 {
  const work = trainer.work;
  const s = trainer.settings;
  const depth = net.depth;
  const outSize = net.outputSize;
  const inStart = sample * net.inputSize;
  const tStart = sample * outSize;
  forward(net, work, trainer.inputs, inStart, 1);
  const loss = scoreRows(net, work, trainer.targets, tStart, 1);
  let delta = work.delta;
  let deltaPrev = work.deltaPrev;
  const out = unchecked(work.acts[depth]);
  outputDelta(net.loss, unchecked(net.activations[depth - 1]), out, 0, trainer.targets, tStart, outSize, delta, 0, 1.0);
  for (let l = depth - 1; l >= 0; l--) {
    const inWidth = unchecked(net.layers[l]);
    const input = l > 0 ? unchecked(work.acts[l]) : trainer.inputs;
    denseSgdStep(
      input, l > 0 ? 0 : inStart, delta, net.params, unchecked(net.weightStart[l]), unchecked(net.biasStart[l]),
      deltaPrev, inWidth, unchecked(net.layers[l + 1]), s.learningRate, s.l2, l > 0,
      l > 0 ? unchecked(net.activations[l - 1]) : 0,
    );
    if (l > 0) {
      const t = delta;
      delta = deltaPrev;
      deltaPrev = t;
    }
  }
  return loss;
}

function step(net: Network, trainer: Trainer): void {
  const s = trainer.settings;
  const params = net.params;
  const grads = trainer.grads;
  const count = net.paramCount;
  if (s.l2 != 0) {
    for (let l = 0; l < net.depth; l++) {
      addL2(params, grads, unchecked(net.weightStart[l]), unchecked(net.biasStart[l]), s.l2);
    }
  }
  if (s.optimizer == MOMENTUM) {
    momentumStep(params, grads, trainer.velocity, count, s.learningRate, s.momentum);
  } else if (s.optimizer == ADAM) {
    trainer.beta1Power *= s.beta1;
    trainer.beta2Power *= s.beta2;
    adamStep(
      params, grads, trainer.velocity, trainer.squares, count,
      s.learningRate, s.beta1, s.beta2, s.epsilon, 1.0 - trainer.beta1Power, 1.0 - trainer.beta2Power,
    );
  } else {
    sgdStep(params, grads, count, s.learningRate);
  }
}

function allFinite(values: Float64Array, n: i32): bool {
  for (let i = 0; i < n; i++) if (!isFinite(unchecked(values[i]))) return false;
  return true;
}
