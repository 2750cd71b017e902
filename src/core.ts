// The few calls both cores implement: the WASM build of assembly/ and the JS build of the same
// source, each at two precisions. A network is a handle; the typed arrays handed out are live (in
// WASM, views of linear memory), valid only until the next call into the core, so read or fill them
// at once. A network's values (weights, data) come as the core's reals: Float64Array, or
// Float32Array in an f32 core; settings and histories are f64 in both.
import { ACTIVATIONS, LOSSES, INITS } from './names.js';
import type { NetworkConfig, Precision } from './network-options.js';

/** Which core: WASM with SIMD, WASM without (what 'neural-wasm/baseline' loads), or the pure-JS build. */
export type Backend = 'wasm-simd' | 'wasm' | 'js';

/** An array of a core's reals (assembly/real.ts). */
export type RealArray = Float64Array | Float32Array;

/** A new array of `length` reals of a core at this precision. */
export function newRealArray(precision: Precision, length: number): RealArray {
  return precision === 'f32' ? new Float32Array(length) : new Float64Array(length);
}

export interface Core {
  readonly backend: Backend;
  readonly precision: Precision;
  createNetwork(layers: Int32Array, activations: Int32Array, loss: number, init: number, seedLo: number, seedHi: number): number;
  disposeNetwork(net: number): void;
  /** Bytes of core memory the network holds: its weights, kept data and predict's workspace. */
  networkBytes(net: number): number;
  networkParams(net: number): RealArray;
  rngState(net: number, word: number): number;
  setRngState(net: number, s0: number, s1: number, s2: number, s3: number): void;
  reserveData(net: number, rows: number): void;
  releaseData(net: number): void;
  dataInputs(net: number): RealArray;
  dataTargets(net: number): RealArray;
  dataOutputs(net: number): RealArray;
  /** Room for the next fit's validation rows; then fill validationInputs / validationTargets. */
  reserveValidation(net: number, rows: number): void;
  validationInputs(net: number): RealArray;
  validationTargets(net: number): RealArray;
  /** The share of each weight layer's outputs dropped in training (the last is 0); fill after create. */
  networkDropout(net: number): Float64Array;
  predict(net: number, rows: number): void;
  evaluate(net: number, rows: number): number;
  lastAccuracy(net: number): number;
  /** The record beginFit reads (assembly/fit-settings.ts; src/options.ts: writeFitSettings fills it). */
  fitSettings(): Float64Array;
  beginFit(net: number, rows: number): void;
  runEpochs(net: number, epochs: number): number;
  fitStatus(net: number): number;
  historyLoss(net: number): Float64Array;
  historyAccuracy(net: number): Float64Array;
  historyValidationLoss(net: number): Float64Array;
  historyValidationAccuracy(net: number): Float64Array;
  historyLearningRate(net: number): Float64Array;
  /** The best epoch (0-based) of early stopping with patience; -1 without it. */
  fitBestEpoch(net: number): number;
  endFit(net: number): void;
  /**
   * Called after the core let memory go (a dispose, a finished fit, released data): returns it to
   * the allocator once there is enough of it to be worth a sweep over everything live.
   */
  collect(): void;
  /**
   * Shares the dense products and optimizer steps of what follows among `count` threads (the
   * caller's included) where the core can (the threads build), with the same results.
   */
  useThreads(count: number): void;
  /** Starts the workers `count` threads need, resolving once they run (fitAsync's worker, which may not block). */
  startThreads(count: number): Promise<void>;
  /** The threads sharing them now: at most the count asked for, counting only workers that run (1 elsewhere). */
  threadsInUse(): number;
  /** Bytes of linear memory the core holds (0 for the JS core, which uses the JS heap). */
  memoryBytes(): number;
  /** The most memory the core can ever hold (WebAssembly's 4 GiB; Infinity for the JS core). */
  readonly memoryLimit: number;
}

/** The four words of a network's seeded generator. */
export type GeneratorState = [number, number, number, number];

/** A new network in the core, with weights drawn as `config.init` says from `config.seed`. */
export function createNetworkIn(core: Core, config: NetworkConfig): number {
  const net = core.createNetwork(
    Int32Array.from(config.layers),
    Int32Array.from(config.activation, (name) => ACTIVATIONS[name]),
    LOSSES[config.loss],
    INITS[config.init],
    config.seed % 2 ** 32,
    Math.floor(config.seed / 2 ** 32),
  );
  core.networkDropout(net).set(config.dropout); // the hidden layers' (the output layer's stays 0)
  return net;
}

export function generatorState(core: Core, net: number): GeneratorState {
  return [0, 1, 2, 3].map((word) => core.rngState(net, word)) as GeneratorState;
}
