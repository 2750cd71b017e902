// What a fit, predict or evaluate makes the core allocate, checked before the call: every array
// within the core's largest (MAX_ARRAY_VALUES) and, for a fit, the whole within the core's memory
// (WebAssembly's 4 GiB), so a call the core could never serve is a RangeError that says what to
// change, raised before anything changes. The sizes mirror assembly/network.ts and training.ts.
import { MAX_ARRAY_VALUES } from '../assembly/codes.js';
import { OPTIMIZERS } from './names.js';
import { valueBytes, type Precision } from './network-options.js';
import { tooLarge } from './errors.js';
import type { FitSettings } from './fit-options.js';

// the bytes of an array's headers in the core's heap, beside its values
const ARRAY_OVERHEAD = 64;

/** A data set of `rows` rows: its inputs, targets and outputs are one array each. */
export function checkDataSize(layers: readonly number[], rows: number): void {
  const widest = Math.max(layers[0], layers[layers.length - 1]);
  if (rows * widest > MAX_ARRAY_VALUES) throw tooLarge(`a data set of ${rows} rows`, rows * widest, MAX_ARRAY_VALUES);
}

/**
 * A fit over `rows` rows (and `validationRows` of validation data): the batch's workspace per
 * layer, and everything together.
 */
export function checkFitSize(
  layers: readonly number[], dropout: readonly number[], rows: number, validationRows: number, settings: FitSettings, memoryLimit: number,
  precision: Precision,
): void {
  checkDataSize(layers, rows);
  checkDataSize(layers, validationRows);
  const batch = Math.min(settings.batchSize, rows);
  const widest = Math.max(...layers);
  if (batch * widest > MAX_ARRAY_VALUES) {
    throw new RangeError(
      `fit: a batch of ${batch.toLocaleString('en-US')} rows through a layer of ${widest.toLocaleString('en-US')} units ` +
        `needs ${(batch * widest).toLocaleString('en-US')} values in one array, more than the core can hold ` +
        `(at most ${MAX_ARRAY_VALUES.toLocaleString('en-US')}): use a batchSize of at most ` +
        `${Math.floor(MAX_ARRAY_VALUES / widest).toLocaleString('en-US')}`,
    );
  }
  const bytes = fitBytes(layers, dropout, rows, validationRows, batch, settings, valueBytes(precision));
  if (bytes > memoryLimit) {
    throw new RangeError(
      `fit: training would need ${(bytes / 2 ** 30).toFixed(1)} GiB of core memory (the data set, a batch's ` +
        `workspace and the optimizer's state), more than WebAssembly's ${memoryLimit / 2 ** 30} GiB: use a smaller ` +
        "batchSize or data set, or the pure-JS build 'neural-wasm/js'",
    );
  }
}

// Bytes of a fit: the network's parameters, the data sets, and the trainer (assembly/training.ts).
function fitBytes(
  layers: readonly number[], dropout: readonly number[], rows: number, validationRows: number, batch: number, settings: FitSettings,
  bytesPerValue: number,
): number {
  const inputs = layers[0];
  const outputs = layers[layers.length - 1];
  const widest = Math.max(...layers);
  let params = 0;
  let largestHidden = 0;
  for (let l = 0; l + 1 < layers.length; l++) {
    params += layers[l] * layers[l + 1] + layers[l + 1];
    if (l > 0) largestHidden = Math.max(largestHidden, layers[l] * layers[l + 1]);
  }
  const sumOfWidths = layers.reduce((sum, width) => sum + width, 0);
  const paramCopies =
    2 + // the weights, and the last finite epoch's
    1 + // gradients (the fused online SGD step has none: an upper bound)
    (settings.optimizer !== OPTIMIZERS.sgd ? 1 : 0) + // momentum's velocity, Adam's first moment
    (settings.optimizer === OPTIMIZERS.adam ? 1 : 0) + // Adam's second moment
    (settings.patience >= 0 && settings.restoreBest ? 1 : 0); // the best epoch's weights
  // each hidden layer with dropout keeps its mask and its outputs before it, per batch row
  const droppedWidths = dropout.reduce((sum, rate, l) => sum + (rate > 0 ? layers[l + 1] : 0), 0);
  const values =
    (rows + validationRows) * (inputs + outputs) + batch * (sumOfWidths + outputs + 2 * widest + 2 * droppedWidths) +
    params * paramCopies + largestHidden + 64 * sumOfWidths; // (and predict's workspace, for the validation)
  const arrays = 2 * layers.length + 16;
  return values * bytesPerValue + rows * 4 + arrays * ARRAY_OVERHEAD;
}
