// The NeuralNetwork class, written once over the Core interface; each entry point binds it to a
// core (src/index.ts: WASM, src/js.ts: pure JS, src/baseline.ts: WASM without SIMD). It checks
// everything, then makes one call into the core per predict or evaluate, and runs a fit
// (src/fit.ts) in the core or, for fitAsync, in a worker (src/fit-async.ts).
import { createNetworkIn, generatorState, newRealArray, type Core, type Backend } from './core.js';
import { disposableWithoutSymbol, nextTask } from './platform.js';
import type { ActivationName, LossName, InitName } from './names.js';
import { parseNetworkOptions, type NetworkOptions, type NetworkConfig, type Precision } from './network-options.js';
import { parseFitOptions, type FitOptions, type FitSettings } from './fit-options.js';
import { readTable, readFlat, plural, isOneSample, checkSameRows, type Rows, type Row, type Targets, type ValueRange, type Table } from './data.js';
import { toModelJSON, parseModelJSON, readParams, type ModelJSON } from './network-json.js';
import { paramLayout } from './layout.js';
import { disposedError, busyError, InputShapeError, typeError, unknownKey } from './errors.js';
import { checkDataSize, checkFitSize } from './memory-plan.js';
import { FitRun, type FitResult } from './fit.js';
import { readFitData, putFitData, type FitData } from './fit-data.js';
import type { FitRequest } from './fit-async.js';

export interface FitAsyncOptions extends FitOptions {
  /** Stops training after the epoch in progress; the result then has stopReason 'aborted'. */
  signal?: AbortSignal;
}

export interface Evaluation {
  loss: number;
  accuracy: number;
}

export interface Weights {
  /** weights[l] is row-major [layers[l]][layers[l+1]]: x · W + b, as in the tutorial. */
  weights: Float64Array[];
  biases: Float64Array[];
}

/** Weights as setWeights takes them: each layer flat (row-major) or as rows. */
export interface WeightsInput {
  weights: readonly (ArrayLike<number> | readonly ArrayLike<number>[])[];
  biases: readonly ArrayLike<number>[];
}

// predict keeps the core's data buffer between calls up to this many rows (single-sample speed)
const KEEP_DATA_ROWS = 1024;

// A network dropped without dispose(): its core memory is let go when it is garbage-collected, and
// returned to the allocator as any other (collect decides when it is worth a sweep).
const tracked = new FinalizationRegistry<{ core: Core; handle: number }>(({ core, handle }) => {
  // a finalizer that throws ends the process: a core that cannot let go now (out of memory even
  // for its free list) keeps the network's memory, as a network still in use would
  try {
    core.disposeNetwork(handle);
    core.collect();
  } catch {
    // kept
  }
});

// A loop that awaits only create/fromJSON never gives the event loop a turn, so the finalizers of
// the networks it drops never run and their core memory is never let go: create and fromJSON give
// them a turn at most every 20 ms, a task no engine throttles (src/platform.ts: nextTask).
const TURN_EVERY_MS = 20;
let lastTurn = 0;
async function finalizersMayRun(): Promise<void> {
  if (performance.now() - lastTurn < TURN_EVERY_MS) return;
  await nextTask();
  lastTurn = performance.now();
}

// The JS garbage collector does not see the WASM core's memory, so code that drops networks without
// dispose() got a full collection, and so the finalizers that free their core memory, only rarely:
// a loop of create + predict on a 784-128-10 model grew the core to 3.6 GB. Each network on the
// WASM core holds an untouched ArrayBuffer as large as the core memory it holds (its weights, kept
// data and predict's workspace, at its precision: core.networkBytes), which engines count as memory
// the object holds, so the collector runs as if it saw the core's memory (the same loop stays at
// 112 MiB). A buffer that is never written costs address space, not resident memory; where it
// cannot be had, the network goes without.
function memoryPressure(bytes: number): ArrayBuffer | undefined {
  try {
    return new ArrayBuffer(bytes);
  } catch {
    return undefined;
  }
}

// `using` (TypeScript 5.2+, ES2026): the well-known symbol, declared for projects whose lib or
// types lack it (the same declaration as TypeScript's esnext.disposable and @types/node make)
declare global {
  interface SymbolConstructor {
    readonly dispose: unique symbol;
  }
}

export class NeuralNetwork {
  /** Set by each entry point: the core this class runs on, at a precision. */
  protected static loadCore: (precision: Precision) => Promise<Core>;

  readonly layers: readonly number[];
  readonly activation: readonly ActivationName[];
  /** The share of each hidden layer's outputs dropped in training. */
  readonly dropout: readonly number[];
  readonly loss: LossName;
  readonly init: InitName;
  /** The seed this network was created with (random when none was given). */
  readonly seed: number;
  /** The number type of its weights and data in the core: 'f64' or 'f32'. */
  readonly precision: Precision;
  readonly #core: Core;
  #handle: number;
  #fitting = false; // fit is running (its onProgress may call in)
  #fittingInWorker = false; // fitAsync is running: a worker trains a copy
  readonly #token = {};
  #pressure: ArrayBuffer | undefined;
  #pressureBytes = 0;

  protected constructor(core: Core, config: NetworkConfig) {
    this.layers = Object.freeze([...config.layers]);
    this.activation = Object.freeze([...config.activation]);
    this.dropout = Object.freeze([...config.dropout]);
    this.loss = config.loss;
    this.init = config.init;
    this.seed = config.seed;
    this.precision = config.precision;
    this.#core = core;
    this.#handle = createNetworkIn(core, config);
    tracked.register(this, { core, handle: this.#handle }, this.#token);
    this.#holdPressure();
  }

  /** A new network with weights drawn by `options.init` from `options.seed`. */
  static async create(options: NetworkOptions): Promise<NeuralNetwork> {
    const config = parseNetworkOptions(options);
    const core = await this.loadCore(config.precision);
    await finalizersMayRun();
    return new this(core, config);
  }

  /** A network from toJSON() output (the object or its JSON text), from either build. */
  static async fromJSON(json: ModelJSON | string): Promise<NeuralNetwork> {
    const model = parseModelJSON(json);
    const core = await this.loadCore(model.config.precision);
    await finalizersMayRun();
    const net = new this(core, model.config);
    net.#core.networkParams(net.#handle).set(model.params);
    net.#core.setRngState(net.#handle, ...model.rngState);
    return net;
  }

  /** Bytes of WASM linear memory the core of this precision holds (0 for the pure-JS build). */
  static async memoryBytes(precision: Precision = 'f64'): Promise<number> {
    return (await this.loadCore(precision)).memoryBytes();
  }

  /** Bytes of linear memory of the core this network runs on (0 for the pure-JS build). */
  memoryBytes(): number {
    return this.#core.memoryBytes();
  }

  /** The core this network runs on: 'wasm-simd', 'wasm' (no SIMD) or 'js'. */
  get backend(): Backend {
    return this.#core.backend;
  }

  get inputSize(): number {
    return this.layers[0];
  }

  get outputSize(): number {
    return this.layers[this.layers.length - 1];
  }

  /**
   * Trains on the whole data set; see FitOptions. The weights change only by finished epochs.
   * onProgress may call predict, evaluate, getWeights, setWeights and toJSON; not fit or dispose.
   */
  fit(inputs: Rows, targets: Targets, options: FitOptions = {}): FitResult {
    const settings = parseFitOptions(options);
    const handle = this.#live();
    this.#checkIdle('fit');
    const data = this.#readFitData(inputs, targets, settings);
    const core = this.#core;
    let run: FitRun;
    try {
      putFitData(core, handle, data);
      run = new FitRun(core, handle, data.rows, data.validationRows, settings);
    } catch (error) {
      this.#release();
      throw error;
    }
    this.#fitting = true;
    let result: FitResult;
    try {
      while (run.step());
    } finally {
      this.#fitting = false;
      result = run.finish();
      this.#holdPressure();
    }
    if (data.heldOut) result.validationRows = data.heldOut;
    return result;
  }

  /**
   * fit() in a worker (a Web Worker in browsers, a worker_threads worker in Node), so the page or
   * the event loop stays free. Everything is checked here first, as fit() does. While it trains,
   * the network keeps the weights of the latest progress report (predict() shows training as it
   * goes); it ends with the same weights, bit for bit, as fit() with the same options. Aborting
   * `signal` (or onProgress returning false) stops it at the end of an epoch, within a few milliseconds: it resolves
   * with stopReason 'aborted' (or 'callback') and the weights of the last finished epoch. A worker
   * that fails rejects, and the network is left as it was before the call.
   */
  fitAsync(inputs: Rows, targets: Targets, options: FitAsyncOptions = {}): Promise<FitResult> {
    try {
      const handle = this.#live();
      this.#checkIdle('fitAsync');
      const { signal, ...fitOptions } = options;
      if (signal !== undefined && !(typeof AbortSignal === 'function' && signal instanceof AbortSignal)) throw typeError('signal', 'an AbortSignal', signal);
      const settings = parseFitOptions(fitOptions);
      const data = this.#readFitData(inputs, targets, settings);
      const { rows, validationRows } = data;
      const request: FitRequest = {
        backend: this.backend,
        // the weights as one array the worker takes over, not as toJSON's number arrays
        network: { config: this.#config(), params: this.#core.networkParams(handle).slice(), rngState: generatorState(this.#core, handle) },
        inputs: newRealArray(this.precision, rows * this.inputSize),
        targets: newRealArray(this.precision, rows * this.outputSize),
        validationInputs: newRealArray(this.precision, validationRows * this.inputSize),
        validationTargets: newRealArray(this.precision, validationRows * this.outputSize),
        // the settings as checked here (no functions; the data goes as rows, already split)
        settings: { ...settings, onProgress: undefined, validationData: undefined, validationSplit: 0 },
        reports: settings.onProgress !== undefined,
      };
      data.writeTraining(request.inputs, request.targets);
      data.writeValidation(request.validationInputs, request.validationTargets);
      signal?.throwIfAborted();
      const before = this.#core.networkParams(handle).slice();
      this.#fittingInWorker = true;
      // the worker pool is loaded with the first fitAsync: a page that never calls it never downloads it
      return import('./fit-async.js').then(({ runFitInWorker }) => runFitInWorker(request, {
        signal,
        onProgress: (reports, params) => {
          this.#core.networkParams(handle).set(params);
          let goOn = true;
          for (const report of reports) {
            if (settings.onProgress?.(report) === false) goOn = false;
          }
          return goOn;
        },
      })).then(
        ({ result, params, rngState }) => {
          this.#fittingInWorker = false;
          this.#core.networkParams(handle).set(params);
          this.#core.setRngState(handle, ...rngState);
          if (data.heldOut) result.validationRows = data.heldOut;
          return result;
        },
        (error) => {
          this.#fittingInWorker = false;
          this.#core.networkParams(handle).set(before);
          throw error;
        },
      );
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** One sample in, one Float64Array out; a list of samples (or a Matrix) in, one Float64Array per sample out. */
  predict(sample: Row): Float64Array;
  predict(samples: Rows): Float64Array[];
  predict(input: Row | Rows): Float64Array | Float64Array[] {
    const handle = this.#live();
    const one = isOneSample(input);
    if (Array.isArray(input) && input.length === 0) {
      throw new InputShapeError(`predict needs a sample of ${this.inputSize} values or a list of samples, got an empty array`);
    }
    const table = one
      ? readFlat(input, this.inputSize, 'input', () => `one sample of ${plural(this.inputSize, 'value')} (the network's input width)`)
      : readTable(input, this.inputSize, 'inputs');
    checkDataSize(this.layers, table.rows);
    const core = this.#core;
    core.reserveData(handle, table.rows);
    try {
      table.write(core.dataInputs(handle));
      core.predict(handle, table.rows);
      // a copy, as f64 at either precision
      const out = new Float64Array(core.dataOutputs(handle).subarray(0, table.rows * this.outputSize));
      if (one) return out;
      const width = this.outputSize;
      return Array.from({ length: table.rows }, (_, r) => out.subarray(r * width, (r + 1) * width));
    } finally {
      if (table.rows > KEEP_DATA_ROWS) this.#release();
      else this.#holdPressure();
    }
  }

  /** Mean loss and accuracy over a labelled data set, without training. */
  evaluate(inputs: Rows, targets: Targets): Evaluation {
    const handle = this.#live();
    const rows = this.#loadData(inputs, targets);
    try {
      const loss = this.#core.evaluate(handle, rows);
      return { loss, accuracy: this.#core.lastAccuracy(handle) };
    } finally {
      this.#release();
    }
  }

  /** Copies of the weights and biases, layer by layer. */
  getWeights(): Weights {
    const params = this.#core.networkParams(this.#live());
    const layout = paramLayout(this.layers);
    return {
      weights: layout.map(({ w, b }) => new Float64Array(params.subarray(w, b))),
      biases: layout.map(({ b, end }) => new Float64Array(params.subarray(b, end))),
    };
  }

  /** Replaces every weight and bias; checks all of them first, so a rejected call changes nothing. */
  setWeights(weights: WeightsInput): void {
    const handle = this.#live();
    if (this.#fittingInWorker) throw busyError('setWeights', 'fitAsync');
    if (typeof weights !== 'object' || weights === null) {
      throw typeError('setWeights', 'an object { weights, biases } as getWeights returns', weights);
    }
    const given = { ...weights }; // each read once
    for (const key of Object.keys(given)) {
      if (key !== 'weights' && key !== 'biases') throw unknownKey('setWeights', key, ['weights', 'biases']);
    }
    const params = readParams(given.weights, given.biases, this.layers, 'setWeights', this.precision);
    this.#core.networkParams(handle).set(params);
  }

  /** A plain object (JSON-safe) with the create options, the weights and the generator's state. */
  toJSON(): ModelJSON {
    const handle = this.#live();
    return toModelJSON(this.#config(), this.#core.networkParams(handle), generatorState(this.#core, handle));
  }

  /** dispose(), for `using net = await NeuralNetwork.create(...)`: freed at the end of the block. */
  [Symbol.dispose](): void {
    this.dispose();
  }

  /** Frees the network's core memory; any later call throws. */
  dispose(): void {
    if (this.#handle < 0) return;
    this.#checkIdle('dispose');
    // (a core out of memory even for this refuses with its RangeError, and the network stays as it was)
    this.#core.disposeNetwork(this.#handle);
    tracked.unregister(this.#token);
    this.#core.collect();
    this.#handle = -1;
    this.#pressure = undefined;
  }

  #config(): NetworkConfig {
    return {
      layers: [...this.layers], activation: [...this.activation], loss: this.loss, init: this.init, seed: this.seed, dropout: [...this.dropout],
      precision: this.precision,
    };
  }

  #checkIdle(call: string): void {
    if (this.#fitting) throw busyError(call, 'fit');
    if (this.#fittingInWorker) throw busyError(call, 'fitAsync');
  }

  #live(): number {
    if (this.#handle < 0) throw disposedError();
    return this.#handle;
  }

  // The training and validation data of a fit, checked, and that the core can hold all it needs.
  #readFitData(inputs: Rows, targets: Targets, settings: FitSettings): FitData {
    const widths = { inputs: this.inputSize, outputs: this.outputSize, targetRange: this.#targetRange(), precision: this.precision };
    const data = readFitData(inputs, targets, settings, widths, this.seed);
    checkFitSize(this.layers, this.dropout, data.rows, data.validationRows, settings, this.#core.memoryLimit, this.precision);
    return data;
  }

  // Checks inputs and targets completely, then writes them into the core's data buffer.
  #loadData(inputs: Rows, targets: Targets): number {
    const handle = this.#live();
    const { inputTable, targetTable } = this.#readData(inputs, targets);
    const core = this.#core;
    core.reserveData(handle, inputTable.rows);
    try {
      inputTable.write(core.dataInputs(handle));
      targetTable.write(core.dataTargets(handle));
    } catch (error) {
      this.#release();
      throw error;
    }
    return inputTable.rows;
  }

  // Checks the structure of a labelled data set (each value is checked as it is written), and that
  // the core can hold it.
  #readData(inputs: Rows, targets: Targets): { inputTable: Table; targetTable: Table } {
    const inputTable = readTable(inputs, this.inputSize, 'inputs');
    const targetTable = readTable(targets, this.outputSize, 'targets', this.#targetRange(), true);
    checkSameRows(inputTable, targetTable);
    checkDataSize(this.layers, inputTable.rows);
    return { inputTable, targetTable };
  }

  #targetRange(): ValueRange | undefined {
    if (this.loss === 'mse') return undefined;
    return { low: 0, high: 1, reason: `(probabilities, for the '${this.loss}' loss)` };
  }

  #release(): void {
    this.#core.releaseData(this.#handle);
    this.#core.collect();
    this.#holdPressure();
  }

  // The pressure buffer (above) follows the core memory the network holds: predict's workspace and
  // kept rows come and go. (A new buffer is never written, so it costs little to make.)
  #holdPressure(): void {
    if (this.#core.memoryLimit === Infinity) return; // the JS core's arrays are the collector's own
    const bytes = this.#core.networkBytes(this.#handle);
    if (bytes !== this.#pressureBytes) {
      this.#pressure = memoryPressure(bytes);
      this.#pressureBytes = this.#pressure ? bytes : 0;
    }
  }
}

disposableWithoutSymbol(NeuralNetwork.prototype);
