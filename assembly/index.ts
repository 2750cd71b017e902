// The core's exported boundary, the same for both builds. A network is a handle (an index into
// `networks`); arrays come back as typed arrays (live views of linear memory in the WASM build): the
// network's values as reals (real.ts: Float64Array, or Float32Array in the f32 core), the rest f64.
// Arguments are assumed valid: src/ checks everything before it calls in; asserts are a last line.
import {
  Network, initParams, reserveData as reserve, releaseData as release, reserveValidation as reserveVal, predictRows, evaluateRows, heapBytes,
  spareParams, releaseSpare,
} from './network';
import { Trainer, readFitSettings, runEpochs as run } from './training';
import { FIT_SETTINGS_SLOTS } from './fit-settings';
import { RealArray } from './real';

const networks = new Array<Network | null>();
const trainers = new Array<Trainer | null>();
const freeHandles = new Array<i32>(); // slots of disposed networks, for the next create (O(1))
// Bytes the core has let go of since src/ last collected: src/ collects (WASM build) once they are
// worth a sweep over everything live, not on every dispose.
let dropped: f64 = 0;
const settingsRecord = new Float64Array(FIT_SETTINGS_SLOTS);

function network(handle: i32): Network {
  assert(handle >= 0 && handle < networks.length, 'no such network');
  const net = networks[handle];
  assert(net !== null, 'network disposed');
  return net!;
}

function trainer(handle: i32): Trainer {
  const t = trainers[handle];
  assert(t !== null, 'no fit in progress');
  return t!;
}

export function createNetwork(
  layers: Int32Array, activations: Int32Array, loss: i32, init: i32, seedLo: u32, seedHi: u32,
): i32 {
  const net = new Network(layers, activations, loss, seedLo, seedHi);
  initParams(net, init);
  // a freed slot first, so handles stay small over many create/dispose cycles
  if (freeHandles.length > 0) {
    const handle = freeHandles.pop() as i32;
    networks[handle] = net;
    return handle;
  }
  // trainers grows first: if networks' growth then fails, nothing refers to the extra slot
  trainers.push(null);
  networks.push(net);
  return networks.length - 1;
}

export function disposeNetwork(handle: i32): void {
  const net = network(handle);
  const t = trainers[handle];
  // the one step that may allocate comes first: if the core is out of memory it traps here, with
  // the network as it was, so src/ can collect and call again (the handle is only handed out once
  // its slot is empty, which nothing can stop below)
  freeHandles.push(handle);
  dropped += net.bytes() - heapBytes(net.params) + spareParams(net.params) + (t !== null ? t.bytes() : 0);
  networks[handle] = null;
  trainers[handle] = null;
}

// gives back the parameters kept from the last large network disposed (src/ calls it when an
// allocation fails even after a collection); returns whether there were any
export function releaseSpareParams(): bool {
  return releaseSpare();
}

export function droppedBytes(): f64 {
  return dropped;
}

export function collected(): void {
  dropped = 0;
}

// the bytes of core memory a network holds (weights, kept data, predict's workspace): what src/
// tells the JS garbage collector the network is worth
export function networkBytes(handle: i32): f64 {
  return network(handle).bytes();
}

// all weights and biases, layer by layer: W0, b0, W1, b1, ...
export function networkParams(handle: i32): RealArray {
  return network(handle).params;
}

export function rngState(handle: i32, word: i32): u32 {
  const rng = network(handle).rng;
  if (word == 0) return rng.s0;
  if (word == 1) return rng.s1;
  if (word == 2) return rng.s2;
  return rng.s3;
}

export function setRngState(handle: i32, s0: u32, s1: u32, s2: u32, s3: u32): void {
  const rng = network(handle).rng;
  rng.s0 = s0;
  rng.s1 = s1;
  rng.s2 = s2;
  rng.s3 = s3;
}

// room for n samples; the caller then writes dataInputs / dataTargets
export function reserveData(handle: i32, n: i32): void {
  dropped += reserve(network(handle), n);
}

export function releaseData(handle: i32): void {
  dropped += release(network(handle));
}

export function dataInputs(handle: i32): RealArray {
  return network(handle).inputs;
}

export function dataTargets(handle: i32): RealArray {
  return network(handle).targets;
}

export function dataOutputs(handle: i32): RealArray {
  return network(handle).outputs;
}

// room for n rows of validation data for the next fit; the caller then writes validationInputs / validationTargets
export function reserveValidation(handle: i32, n: i32): void {
  dropped += reserveVal(network(handle), n);
}

export function validationInputs(handle: i32): RealArray {
  return network(handle).valInputs;
}

export function validationTargets(handle: i32): RealArray {
  return network(handle).valTargets;
}

// the share of each weight layer's outputs dropped in training (the caller fills it after create)
export function networkDropout(handle: i32): Float64Array {
  return network(handle).dropout;
}

export function predict(handle: i32, n: i32): void {
  dropped += predictRows(network(handle), n);
}

// mean loss of the first n samples of the data; lastAccuracy() then gives their accuracy
export function evaluate(handle: i32, n: i32): f64 {
  const net = network(handle);
  return evaluateRows(net, net.inputs, net.targets, n);
}

export function lastAccuracy(handle: i32): f64 {
  return network(handle).accuracy;
}

// The record beginFit reads its settings from (fit-settings.ts names the slots): src/ fills it.
export function fitSettings(): Float64Array {
  return settingsRecord;
}

// Starts a fit over the first n samples of the data, which the fit takes over (the network's data
// buffer is empty afterwards), with the settings in the record; runEpochs then runs up to the
// record's chunk of epochs a call.
export function beginFit(handle: i32, n: i32): void {
  const net = network(handle);
  const s = readFitSettings(settingsRecord, n);
  assert(n > 0 && n <= net.dataRows && s.batchSize > 0 && s.chunk > 0, 'bad fit settings');
  assert(f64(s.validationRows) * f64(net.inputSize) <= f64(net.valInputs.length), 'no such validation rows');
  trainers[handle] = new Trainer(net, s);
  // the trainer holds the data set now: of the network's buffers only the outputs are let go
  dropped += heapBytes(net.outputs);
  release(net);
}

// runs up to `epochs` (<= chunk) epochs; their results are in historyLoss / historyAccuracy
export function runEpochs(handle: i32, epochs: i32): i32 {
  return run(network(handle), trainer(handle), epochs);
}

export function fitStatus(handle: i32): i32 {
  return trainer(handle).status;
}

export function historyLoss(handle: i32): Float64Array {
  return trainer(handle).lossHistory;
}

export function historyAccuracy(handle: i32): Float64Array {
  return trainer(handle).accuracyHistory;
}

export function historyValidationLoss(handle: i32): Float64Array {
  return trainer(handle).valLossHistory;
}

export function historyValidationAccuracy(handle: i32): Float64Array {
  return trainer(handle).valAccuracyHistory;
}

export function historyLearningRate(handle: i32): Float64Array {
  return trainer(handle).rateHistory;
}

// the best epoch (0-based) of early stopping with patience; -1 without it
export function fitBestEpoch(handle: i32): i32 {
  const watch = trainer(handle).watch;
  return watch !== null ? watch.bestEpoch : -1;
}

export function endFit(handle: i32): void {
  network(handle);
  dropped += trainer(handle).bytes();
  trainers[handle] = null;
}
