// One fit of a network in a core. The settings go into the core's record and the core takes over
// the network's data; then the epochs run in chunks of calls, each chunk's losses and accuracies
// are copied out, and progress is reported, until the epochs are done, the thresholds hold, the
// loss diverges or the run is stopped. NeuralNetwork.fit runs it to the end in one go; fitAsync's
// worker (src/fit-worker.ts) runs it a step at a time between messages.
import type { Core } from './core.js';
import { FIT_DIVERGED, FIT_EARLY_STOPPED, FIT_PATIENCE_STOPPED } from '../assembly/codes.js';
import type { FitSettings, FitProgress } from './fit-options.js';
import { writeFitSettings } from './fit-settings.js';

export interface FitResult {
  /** Mean loss of each epoch, over the per-sample losses computed during it (the tutorial's). */
  loss: Float64Array;
  /** Share of the samples each epoch got right. */
  accuracy: Float64Array;
  /** With validation data: each epoch's loss and accuracy on it, with the epoch's final weights. */
  valLoss?: Float64Array;
  valAccuracy?: Float64Array;
  /** The learning rate each epoch used. */
  learningRate: Float64Array;
  /** Epochs that ran to the end with a finite loss. */
  epochs: number;
  /**
   * With early stopping with patience: the best epoch by the monitored metric (1-based). With
   * restoreBest (the default) the network ends with its weights when training stops for patience,
   * runs all its epochs or diverges; stopped by onProgress or an abort, it keeps the last epoch's.
   */
  bestEpoch?: number;
  /** With validationSplit: the rows held out, in order. */
  validationRows?: Int32Array;
  /**
   * Why training stopped: all epochs ran; `earlyStop`'s thresholds held; the monitored metric did
   * not improve for `patience` epochs (`noImprovement`); the loss or a weight became NaN or infinite
   * (`diverged`: the weights are those of the last finite epoch); onProgress returned false;
   * fitAsync's signal was aborted.
   */
  stopReason: 'completed' | 'earlyStop' | 'noImprovement' | 'diverged' | 'callback' | 'aborted';
  /**
   * The threads that trained: the `threads` asked for, or fewer where they cannot run (1 without
   * shared memory or for online SGD; see FitOptions.threads). A worker that had not started by the
   * end of the fit is not counted: a page's first fit may end before its workers are up.
   */
  threads: number;
}

// epochs per call into the core when no progress is asked for
const EPOCH_CHUNK = 1024;

// A growing Float64Array for per-epoch results: copied out of the core a chunk at a time (element
// reads of a view over WASM memory are slow; one set() per chunk is not).
class History {
  #values: Float64Array;
  length = 0;

  constructor(capacity: number) {
    this.#values = new Float64Array(capacity);
  }

  append(chunk: Float64Array, count: number): void {
    if (this.length + count > this.#values.length) {
      const grown = new Float64Array(Math.max(this.length + count, this.#values.length * 2));
      grown.set(this.#values.subarray(0, this.length));
      this.#values = grown;
    }
    this.#values.set(chunk.subarray(0, count), this.length);
    this.length += count;
  }

  get last(): number {
    return this.#values[this.length - 1];
  }

  values(): Float64Array {
    return this.#values.slice(0, this.length);
  }
}

export class FitRun {
  readonly #core: Core;
  readonly #net: number;
  readonly #settings: FitSettings;
  readonly #chunk: number;
  readonly #validated: boolean;
  readonly #loss: History;
  readonly #accuracy: History;
  readonly #valLoss: History;
  readonly #valAccuracy: History;
  readonly #rate: History;
  #bestEpoch = -1;
  #stopReason: FitResult['stopReason'] = 'completed';
  #over = false;
  #ended = false;
  #threads = 1;

  /**
   * Begins the core's fit over the first `rows` rows of the network's data and its first
   * `validationRows` rows of validation data, which the fit takes over.
   */
  constructor(core: Core, net: number, rows: number, validationRows: number, settings: FitSettings) {
    this.#chunk = Math.min(settings.onProgress ? settings.progressEvery : settings.epochs, EPOCH_CHUNK);
    writeFitSettings(core.fitSettings(), settings, this.#chunk, validationRows);
    core.beginFit(net, rows);
    // online SGD (batches of 1) has no product worth sharing: it stays on one thread
    core.useThreads(settings.batchSize > 1 ? settings.threads : 1);
    this.#core = core;
    this.#net = net;
    this.#settings = settings;
    this.#validated = validationRows > 0;
    const capacity = Math.min(settings.epochs, EPOCH_CHUNK);
    this.#loss = new History(capacity);
    this.#accuracy = new History(capacity);
    this.#valLoss = new History(this.#validated ? capacity : 0);
    this.#valAccuracy = new History(this.#validated ? capacity : 0);
    this.#rate = new History(capacity);
  }

  /**
   * Runs epochs (at most `most`) up to the next progress report, the end or a chunk, and reports
   * progress if one is due; false once training is over.
   */
  step(most = Infinity): boolean {
    if (this.#over) return false;
    const { epochs, onProgress, progressEvery } = this.#settings;
    const core = this.#core;
    const done = this.#loss.length;
    const untilReport = onProgress ? progressEvery - (done % progressEvery) : Infinity;
    const ran = core.runEpochs(this.#net, Math.min(this.#chunk, epochs - done, untilReport, most));
    this.#loss.append(core.historyLoss(this.#net), ran);
    this.#accuracy.append(core.historyAccuracy(this.#net), ran);
    this.#rate.append(core.historyLearningRate(this.#net), ran);
    if (this.#validated) {
      this.#valLoss.append(core.historyValidationLoss(this.#net), ran);
      this.#valAccuracy.append(core.historyValidationAccuracy(this.#net), ran);
    }
    this.#bestEpoch = core.fitBestEpoch(this.#net);
    const status = core.fitStatus(this.#net);
    if (status === FIT_DIVERGED) this.#stopReason = 'diverged';
    if (status === FIT_EARLY_STOPPED) this.#stopReason = 'earlyStop';
    if (status === FIT_PATIENCE_STOPPED) this.#stopReason = 'noImprovement';
    const finished = this.#stopReason !== 'completed' || this.#loss.length === epochs;
    this.#over = finished;
    if (onProgress && ran > 0 && (this.#loss.length % progressEvery === 0 || finished)) {
      const progress: FitProgress = {
        epoch: this.#loss.length,
        epochs,
        loss: this.#loss.last,
        accuracy: this.#accuracy.last,
        learningRate: this.#rate.last,
      };
      if (this.#validated) {
        progress.valLoss = this.#valLoss.last;
        progress.valAccuracy = this.#valAccuracy.last;
      }
      if (onProgress(progress) === false && !finished) {
        this.#stopReason = 'callback';
        this.#over = true;
      }
    }
    return !this.#over;
  }

  /** Ends training after the epochs run so far. */
  stop(reason: 'aborted' | 'callback'): void {
    if (this.#over) return;
    this.#stopReason = reason;
    this.#over = true;
  }

  /** Ends the core's fit (call it always, whatever happened) and gives the result. */
  finish(): FitResult {
    if (!this.#ended) {
      this.#ended = true;
      this.#threads = this.#core.threadsInUse();
      this.#core.useThreads(1);
      this.#core.endFit(this.#net);
      this.#core.collect();
    }
    const loss = this.#loss.values();
    const result: FitResult = {
      loss,
      accuracy: this.#accuracy.values(),
      learningRate: this.#rate.values(),
      epochs: loss.length,
      stopReason: this.#stopReason,
      threads: this.#threads,
    };
    if (this.#validated) {
      result.valLoss = this.#valLoss.values();
      result.valAccuracy = this.#valAccuracy.values();
    }
    if (this.#settings.patience >= 0 && this.#bestEpoch >= 0) result.bestEpoch = this.#bestEpoch + 1;
    return result;
  }
}
