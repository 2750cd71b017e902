// The training loop: epochs of (shuffled) mini-batches, each a forward pass (with dropout), the
// loss, backprop into one gradient array (clipped by its norm) and an optimizer step at the epoch's
// learning rate; after each epoch the validation set's loss and accuracy, the tutorial's thresholds
// and early stopping with patience. It runs whole epochs without leaving the core and returns between
// chunks of epochs so the caller can report progress.
import { Network, Workspace, forward, scoreRows, evaluateRows, f64Array, realArray, heapBytes } from './network';
import { real, RealArray } from './real';
import { shuffleIndices } from './random';
import { multiplyByPrime } from './activations';
import { outputDelta } from './losses';
import { denseGradients, denseBackward, denseSgdStep } from './kernels';
import { sgdStep, momentumStep, adamStep, addL2 } from './optimizers';
import { dropOut, multiplyByMask } from './dropout';
import { Watch, metricOf } from './monitor';
import { Schedule } from './schedules';
import {
  SGD, MOMENTUM, ADAM, FIT_RUNNING, FIT_EARLY_STOPPED, FIT_DIVERGED, FIT_PATIENCE_STOPPED, SCHEDULE_CONSTANT, SCHEDULE_PLATEAU,
} from './codes';
import {
  SLOT_BATCH_SIZE, SLOT_SHUFFLE, SLOT_OPTIMIZER, SLOT_LEARNING_RATE, SLOT_MOMENTUM, SLOT_BETA1, SLOT_BETA2,
  SLOT_EPSILON, SLOT_L2, SLOT_STOP_LOSS, SLOT_STOP_ACCURACY, SLOT_CHUNK, SLOT_EPOCHS, SLOT_VALIDATION_ROWS,
  SLOT_MONITOR, SLOT_PATIENCE, SLOT_MIN_DELTA, SLOT_RESTORE_BEST, SLOT_SCHEDULE, SLOT_SCHEDULE_FACTOR,
  SLOT_SCHEDULE_EVERY, SLOT_SCHEDULE_FLOOR, SLOT_SCHEDULE_MONITOR, SLOT_SCHEDULE_MIN_DELTA, SLOT_CLIP_NORM,
} from './fit-settings';

// A fit's settings, read from the record src/ filled (fit-settings.ts names its slots; the
// defaults are src/options.ts's).
export class FitSettings {
  samples: i32 = 0;
  batchSize: i32 = 0;
  shuffle: bool = false;
  optimizer: i32 = 0;
  learningRate: f64 = 0; // the schedule's initial rate
  momentum: f64 = 0;
  beta1: f64 = 0;
  beta2: f64 = 0;
  epsilon: f64 = 0;
  l2: f64 = 0;
  stopLoss: f64 = NaN; // NaN: not given
  stopAccuracy: f64 = NaN;
  chunk: i32 = 0;
  epochs: i32 = 0;
  validationRows: i32 = 0;
  monitor: i32 = 0;
  patience: i32 = -1; // -1: no early stopping with patience
  minDelta: f64 = 0;
  restoreBest: bool = false;
  schedule: i32 = 0;
  scheduleFactor: f64 = 0;
  scheduleEvery: i32 = 0;
  scheduleFloor: f64 = 0;
  scheduleMonitor: i32 = 0;
  scheduleMinDelta: f64 = 0;
  clipNorm: f64 = 0; // 0: no clipping
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
  s.epochs = i32(unchecked(record[SLOT_EPOCHS]));
  s.validationRows = i32(unchecked(record[SLOT_VALIDATION_ROWS]));
  s.monitor = i32(unchecked(record[SLOT_MONITOR]));
  s.patience = i32(unchecked(record[SLOT_PATIENCE]));
  s.minDelta = unchecked(record[SLOT_MIN_DELTA]);
  s.restoreBest = unchecked(record[SLOT_RESTORE_BEST]) != 0;
  s.schedule = i32(unchecked(record[SLOT_SCHEDULE]));
  s.scheduleFactor = unchecked(record[SLOT_SCHEDULE_FACTOR]);
  s.scheduleEvery = i32(unchecked(record[SLOT_SCHEDULE_EVERY]));
  s.scheduleFloor = unchecked(record[SLOT_SCHEDULE_FLOOR]);
  s.scheduleMonitor = i32(unchecked(record[SLOT_SCHEDULE_MONITOR]));
  s.scheduleMinDelta = unchecked(record[SLOT_SCHEDULE_MIN_DELTA]);
  s.clipNorm = unchecked(record[SLOT_CLIP_NORM]);
  return s;
}

export class Trainer {
  settings: FitSettings;
  // the data set and the validation set, taken over from the network so predict/evaluate during a
  // fit use other buffers
  inputs: RealArray;
  targets: RealArray;
  valInputs: RealArray;
  valTargets: RealArray;
  work: Workspace;
  order: Int32Array; // the visiting order of the samples
  grads: RealArray;
  velocity: RealArray; // momentum's v, Adam's m
  squares: RealArray; // Adam's v
  lastGood: RealArray; // the parameters after the last finite epoch
  best: RealArray; // the parameters after the best epoch, to end with (restoreBest)
  transposed: RealArray; // room for one hidden layer's W^T (the SIMD backprop reads W by columns)
  fused: bool; // online plain SGD, no dropout, no clipping: the fused path
  beta1Power: f64 = 1; // beta1^t and beta2^t for Adam's bias correction, t the steps so far
  beta2Power: f64 = 1;
  rate: f64 = 0; // the learning rate of the epoch in progress
  schedule: Schedule;
  watch: Watch | null; // early stopping with patience
  epoch: i32 = 0; // epochs finished, over the whole fit
  status: i32 = FIT_RUNNING;
  // each epoch of the last run of epochs: loss and accuracy, the validation set's, the rate used
  lossHistory: Float64Array;
  accuracyHistory: Float64Array;
  valLossHistory: Float64Array;
  valAccuracyHistory: Float64Array;
  rateHistory: Float64Array;

  constructor(net: Network, settings: FitSettings) {
    this.settings = settings;
    this.inputs = net.inputs;
    this.targets = net.targets;
    this.valInputs = net.valInputs;
    this.valTargets = net.valTargets;
    // predict's workspace, which the validation rows are measured in after each epoch, made now:
    // nothing may be allocated once the epochs run (a failed allocation there would trap mid-epoch)
    if (settings.validationRows > 0) net.workspace();
    this.work = new Workspace(net.layers, settings.batchSize, true, net.dropout);
    const n = settings.samples;
    const order = new Int32Array(n);
    for (let i = 0; i < n; i++) unchecked((order[i] = i));
    this.order = order;
    const count = net.paramCount;
    let dropout = false;
    for (let l = 0; l < net.depth; l++) if (unchecked(net.dropout[l]) > 0) dropout = true;
    const fused = settings.batchSize == 1 && settings.optimizer == SGD && !dropout && settings.clipNorm == 0;
    this.fused = fused;
    // the fused step needs no gradient array
    this.grads = realArray(fused ? 0 : count, 1);
    this.velocity = realArray(settings.optimizer == SGD ? 0 : count, 1);
    this.squares = realArray(settings.optimizer == ADAM ? count : 0, 1);
    this.lastGood = realArray(count, 1);
    this.best = realArray(settings.patience >= 0 && settings.restoreBest ? count : 0, 1);
    let largest = 0;
    for (let l = 1; l < net.depth; l++) {
      const size = unchecked(net.layers[l]) * unchecked(net.layers[l + 1]);
      if (size > largest) largest = size;
    }
    this.transposed = realArray(ASC_FEATURE_SIMD ? largest : 0, 1);
    const plateau = settings.schedule == SCHEDULE_PLATEAU ? new Watch(settings.scheduleMonitor, settings.scheduleMinDelta) : null;
    this.schedule = new Schedule(
      settings.schedule, settings.learningRate, settings.scheduleFactor, settings.scheduleEvery, settings.scheduleFloor, plateau,
    );
    this.rate = settings.learningRate; // a constant schedule's, every epoch
    this.watch = settings.patience >= 0 ? new Watch(settings.monitor, settings.minDelta) : null;
    this.lossHistory = f64Array(settings.chunk, 1);
    this.accuracyHistory = f64Array(settings.chunk, 1);
    this.valLossHistory = f64Array(settings.chunk, 1);
    this.valAccuracyHistory = f64Array(settings.chunk, 1);
    this.rateHistory = f64Array(settings.chunk, 1);
  }

  /** Bytes of all it holds (the data sets included), for the garbage count when the fit ends. */
  bytes(): f64 {
    return heapBytes(this.inputs) + heapBytes(this.targets) + heapBytes(this.valInputs) + heapBytes(this.valTargets) +
      this.work.bytes() + heapBytes(this.order) + heapBytes(this.grads) + heapBytes(this.velocity) +
      heapBytes(this.squares) + heapBytes(this.lastGood) + heapBytes(this.best) + heapBytes(this.transposed) +
      heapBytes(this.lossHistory) + heapBytes(this.accuracyHistory) + heapBytes(this.valLossHistory) +
      heapBytes(this.valAccuracyHistory) + heapBytes(this.rateHistory) + 128;
  }
}

// Runs up to `epochs` epochs; returns how many ran. trainer.status says why it stopped early.
export function runEpochs(net: Network, trainer: Trainer, epochs: i32): i32 {
  const s = trainer.settings;
  for (let e = 0; e < epochs; e++) {
    const epoch = trainer.epoch;
    // (each per-epoch extra is skipped when its option is off: the tutorial's 4-sample epochs feel them)
    const schedule = trainer.schedule;
    if (schedule.kind != SCHEDULE_CONSTANT) trainer.rate = schedule.rateFor(epoch);
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
      // back to the last finite epoch's weights, or with restoreBest to the best epoch's (finite too)
      const watch = trainer.watch;
      net.params.set(watch !== null && s.restoreBest && watch.bestEpoch >= 0 ? trainer.best : trainer.lastGood);
      trainer.status = FIT_DIVERGED;
      return e;
    }
    const accuracy = f64(correct) / f64(s.samples);
    // the validation set on the epoch's final weights, as evaluate would measure it
    let valLoss: f64 = NaN;
    let valAccuracy: f64 = NaN;
    if (s.validationRows > 0) {
      valLoss = evaluateRows(net, trainer.valInputs, trainer.valTargets, s.validationRows);
      valAccuracy = net.accuracy;
      unchecked((trainer.valLossHistory[e] = valLoss));
      unchecked((trainer.valAccuracyHistory[e] = valAccuracy));
    }
    unchecked((trainer.lossHistory[e] = loss));
    unchecked((trainer.accuracyHistory[e] = accuracy));
    unchecked((trainer.rateHistory[e] = trainer.rate));
    trainer.epoch = epoch + 1;
    if (schedule.kind == SCHEDULE_PLATEAU) schedule.observe(metricOf(s.scheduleMonitor, loss, accuracy, valLoss, valAccuracy), epoch);
    // the tutorial's rule: stop after the first epoch where every given threshold holds
    const lossHolds = isNaN(s.stopLoss) || loss < s.stopLoss;
    const accuracyHolds = isNaN(s.stopAccuracy) || accuracy >= s.stopAccuracy;
    const anyGiven = !isNaN(s.stopLoss) || !isNaN(s.stopAccuracy);
    if (anyGiven && lossHolds && accuracyHolds) {
      trainer.status = FIT_EARLY_STOPPED;
      return e + 1;
    }
    // early stopping with patience, ending with the best epoch's weights
    const watch = trainer.watch;
    if (watch !== null) {
      const improved = watch.observe(metricOf(s.monitor, loss, accuracy, valLoss, valAccuracy), epoch);
      if (improved && s.restoreBest) trainer.best.set(net.params);
      // stop after `patience` epochs in a row without an improvement (patience 0: at the first)
      const out = !improved && watch.wait >= s.patience;
      if (out || trainer.epoch == s.epochs) {
        if (s.restoreBest && watch.bestEpoch != epoch) net.params.set(trainer.best);
        if (out) {
          trainer.status = FIT_PATIENCE_STOPPED;
          return e + 1;
        }
      }
    }
  }
  return epochs;
}

// One mini-batch: forward, loss, backprop into trainer.grads (the mean over the batch), step.
// Returns the batch's summed per-sample loss, computed before the update.
function trainBatch(net: Network, trainer: Trainer, start: i32, rows: i32): f64 {
  if (trainer.fused) return trainSampleSgd(net, trainer, unchecked(trainer.order[start]));
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
  forwardDropping(net, work, rows);
  const loss = scoreRows(net, work, batchTargets, 0, rows);

  const depth = net.depth;
  const out = unchecked(work.acts[depth]);
  const scale = <real>(1.0 / f64(rows));
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
      if (unchecked(net.dropout[l - 1]) > 0) {
        // the activation's slope at its output before the mask, then the mask
        multiplyByPrime(unchecked(net.activations[l - 1]), deltaPrev, 0, unchecked(work.undropped[l]), 0, rows * inWidth);
        multiplyByMask(deltaPrev, unchecked(work.masks[l]), rows * inWidth);
      } else {
        multiplyByPrime(unchecked(net.activations[l - 1]), deltaPrev, 0, input, 0, rows * inWidth);
      }
      const t = delta;
      delta = deltaPrev;
      deltaPrev = t;
    }
  }
  if (trainer.settings.clipNorm > 0) clipByNorm(grads, net.paramCount, trainer.settings.clipNorm);
  step(net, trainer);
  return loss;
}

// The forward pass of a training batch (work.acts[0] holds its inputs), each hidden layer's outputs
// through its dropout mask when it has one.
function forwardDropping(net: Network, work: Workspace, rows: i32): void {
  for (let l = 0; l < net.depth; l++) {
    forward(net, work, unchecked(work.acts[l]), 0, rows, l, l + 1);
    const rate = unchecked(net.dropout[l]);
    if (rate > 0) {
      const width = unchecked(net.layers[l + 1]);
      dropOut(unchecked(work.acts[l + 1]), unchecked(work.masks[l + 1]), unchecked(work.undropped[l + 1]), rows * width, rate, net.rng);
    }
  }
}

// g *= clipNorm / |g| when the gradient's global norm |g| (every weight and bias) is above clipNorm
// (the norm summed in f64 in both cores)
function clipByNorm(grads: RealArray, n: i32, clipNorm: f64): void {
  let squares: f64 = 0;
  for (let i = 0; i < n; i++) {
    const g = f64(unchecked(grads[i]));
    squares += g * g;
  }
  const norm = Math.sqrt(squares);
  if (!(norm > clipNorm)) return;
  const scale = <real>(clipNorm / norm);
  for (let i = 0; i < n; i++) unchecked((grads[i] = unchecked(grads[i]) * scale));
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
      deltaPrev, inWidth, unchecked(net.layers[l + 1]), <real>trainer.rate, <real>s.l2, l > 0,
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
      addL2(params, grads, unchecked(net.weightStart[l]), unchecked(net.biasStart[l]), <real>s.l2);
    }
  }
  if (s.optimizer == MOMENTUM) {
    momentumStep(params, grads, trainer.velocity, count, <real>trainer.rate, <real>s.momentum);
  } else if (s.optimizer == ADAM) {
    trainer.beta1Power *= s.beta1;
    trainer.beta2Power *= s.beta2;
    adamStep(
      params, grads, trainer.velocity, trainer.squares, count,
      <real>trainer.rate, <real>s.beta1, <real>s.beta2, <real>s.epsilon, <real>(1.0 - trainer.beta1Power), <real>(1.0 - trainer.beta2Power),
    );
  } else {
    sgdStep(params, grads, count, <real>trainer.rate);
  }
}

function allFinite(values: RealArray, n: i32): bool {
  for (let i = 0; i < n; i++) if (!isFinite(unchecked(values[i]))) return false;
  return true;
}
