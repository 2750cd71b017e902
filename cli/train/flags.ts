// `neural-wasm train`: its flags, its help, and the settings they make once checked. Flag names
// follow the API's option names (learningRate is --learning-rate).
import type { ActivationName, Backend, InitName, LearningRateSchedule, LossName, OptimizerName, Precision } from 'neural-wasm';
import { scheduleFlag, SCHEDULE_HELP } from './schedule-flag';
import { ACTIVATIONS, INITS, LOSSES, OPTIMIZERS, PRECISIONS } from '../../shared/option-names';
import {
  type FlagSpecs, type FlagValues, stringFlag, numberFlag, numberListFlag, integerFlag, namesFlag, integerListFlag, choiceFlag, choiceListFlag,
} from '../args';
import { backendFlag } from '../backend';
import { BUILTIN_NAMES } from '../data/builtin-data';
import { type DialectChoice, DIALECT_FLAGS, dialectFlags } from '../io/csv-dialect';
import { SCALING_METHODS, type ScalingMethod } from '../data/normalize';
import { TASKS, type Task } from '../data/target';
import { UsageError, quote, quoteNumber } from '../errors';
import { type MissingPolicy, MISSING_POLICIES } from '../data/data';
import type { ColumnChoice } from '../../src/columns';

export const TRAIN_HELP = `Usage: neural-wasm train <data> [flags]

Trains a network on a CSV file (with a header row) or a built-in data set, prints the loss curve,
accuracy and confusion matrix (past 30 classes, the most frequent confusions), and writes the model
for predict and evaluate.

<data>                    a CSV file, - for standard input, or a built-in set:
                          ${BUILTIN_NAMES.join(', ')}

Data
  --target NAMES          target column, or columns separated by commas (default: the last column);
                          names (or at most 10 distinct integers, or one-hot columns) are
                          classes, anything else numeric is values (regression)
  --features NAMES        input columns (default: every column but the target)
  --delimiter C           the character between cells: , ; tab | or any other one (default: the
                          one of , ; tab | that splits the first lines into the most alike columns)
  --decimal S             the numbers' decimal separator: . or , (default: ., or , where the
                          delimiter is not , and the first lines have numbers such as 1,5)
  --numeric NAMES         input columns to take as numbers (a cell that is not one is an error)
  --categorical NAMES     input columns to take as categories: one input per level (default: a
                          column is categorical when a cell holds text; one whose values nearly all
                          differ, an id or a name, is left out)
  --ignore NAMES          input columns to leave out
  --missing M             a missing input cell (empty, NA, N/A, NaN, null or ?): impute (default:
                          the training rows' median, or most frequent level, kept in the model),
                          drop (its row is left out) or error. A row without a target is left out
  --task T                auto (default), classification or regression
  --normalize M           input scaling, stored in the model: standard (default), minmax or none
                          (xor and mnist: none)
  --validation-split F    share of the rows held out to validate, per class (default 0.2; xor 0);
                          with validation rows, training stops early on them (see --patience)
  --samples N             generated sets: points to make; iris, mnist: a random subset of N rows
  --noise F               generated sets: noise (standard deviation)
  --classes N             blobs, spiral: number of classes

Network
  --hidden SIZES          hidden layer sizes, e.g. 16,16, or none (default per data set; 64 for a
                          CSV file)
  --layers SIZES          all layer sizes, inputs first, e.g. 2,16,16,1 (instead of --hidden)
  --activation NAME       hidden layers: sigmoid, tanh, relu, leakyRelu, linear (the output layer
                          follows the target: sigmoid, softmax or linear); or one name per layer
  --loss NAME             mse, binaryCrossEntropy or crossEntropy (default: follows the target)
  --init NAME             uniform, xavier or he
  --dropout F             share of each hidden layer's outputs dropped in training (0 to 0.95;
                          or one per hidden layer, e.g. 0.2,0.1); never in predictions. Default 0
  --seed N                seeds the data, the split and the network (default 1)
  --precision P           f64 or f32: the number type of the weights and data in the core; f32
                          takes half the memory and trains large layers about twice as fast
                          (default f64; kept in the model file)

Training
  --optimizer NAME        sgd, momentum or adam (default adam; xor sgd)
  --learning-rate F       default per data set (the first epoch's, with --lr-schedule)
  --lr-schedule S         how the rate changes by epoch:
${SCHEDULE_HELP}
  --epochs N              default per data set
  --batch-size N          samples per step
  --shuffle, --no-shuffle visit the rows in a new seeded order every epoch (default: on; xor off)
  --l2 F                  L2 penalty on the weights (default 0.001 for a CSV file, 0 for the
                          built-in sets)
  --clip-norm F           scale each step's gradient down to this norm at most (default: off)
  --patience N            stop after N epochs without a better validation loss, and keep the
                          best epoch's weights (default 20 with validation rows; off without);
                          off: train every epoch. Without validation rows: the training loss
  --min-delta F           the least fall in the loss that counts as better (default 0)
  --no-restore-best       with --patience: keep the last epoch's weights, not the best's
  --early-stop-loss F     stop once the training loss is below F ...
  --early-stop-accuracy F ... and/or the training accuracy at least F (0 to 1)
  --threads N             threads that share each batch, 1 to 64, or auto (every core); the same
                          model whatever the number (default 1)

Output
  --out FILE              write the model (written whole or not at all)
  --plot DIR              write DIR/losses.svg and, for 2 inputs, DIR/decision-regions.svg
  --backend B             wasm-simd, wasm (WASM without SIMD) or js (pure JavaScript); default:
                          wasm-simd where supported, else wasm
  --quiet                 no progress bar
  -h, --help              this help

Examples
  neural-wasm train moons --plot plots
  neural-wasm train iris --hidden 8 --epochs 100 --out iris-model.json
  neural-wasm train houses.csv --target price --out price-model.json
`;

export const TRAIN_FLAGS: FlagSpecs = {
  target: { type: 'string' },
  features: { type: 'string' },
  ...DIALECT_FLAGS,
  numeric: { type: 'string' },
  categorical: { type: 'string' },
  ignore: { type: 'string' },
  missing: { type: 'string' },
  task: { type: 'string' },
  normalize: { type: 'string' },
  'validation-split': { type: 'string' },
  samples: { type: 'string' },
  noise: { type: 'string' },
  classes: { type: 'string' },
  hidden: { type: 'string' },
  layers: { type: 'string' },
  activation: { type: 'string' },
  loss: { type: 'string' },
  init: { type: 'string' },
  seed: { type: 'string' },
  precision: { type: 'string' },
  optimizer: { type: 'string' },
  'learning-rate': { type: 'string' },
  epochs: { type: 'string' },
  'batch-size': { type: 'string' },
  shuffle: { type: 'boolean' },
  'no-shuffle': { type: 'boolean' },
  l2: { type: 'string' },
  'clip-norm': { type: 'string' },
  dropout: { type: 'string' },
  'lr-schedule': { type: 'string' },
  patience: { type: 'string' },
  'min-delta': { type: 'string' },
  'no-restore-best': { type: 'boolean' },
  'early-stop-loss': { type: 'string' },
  'early-stop-accuracy': { type: 'string' },
  threads: { type: 'string' },
  out: { type: 'string' },
  plot: { type: 'string' },
  backend: { type: 'string' },
  quiet: { type: 'boolean' },
};

/** What the flags ask for; undefined means the data set's default (see presets.ts). */
export interface TrainFlags {
  target?: string[];
  features?: string[];
  /** A CSV file's delimiter and decimal separator; what is not given is found in the file. */
  dialect: DialectChoice;
  /** --numeric, --categorical and --ignore, by column name. */
  types?: Record<string, ColumnChoice>;
  missing: MissingPolicy;
  task: Task;
  normalize?: ScalingMethod;
  validationSplit?: number;
  samples?: number;
  noise?: number;
  classes?: number;
  /** Hidden sizes, from --hidden or the middle of --layers. */
  hidden?: number[];
  /** --layers as given, to check its ends against the data. */
  layers?: number[];
  activation?: ActivationName[];
  loss?: LossName;
  init?: InitName;
  seed: number;
  precision?: Precision;
  optimizer?: OptimizerName;
  learningRate?: number;
  epochs?: number;
  batchSize?: number;
  shuffle?: boolean;
  l2?: number;
  clipNorm?: number;
  /** One rate for every hidden layer, or one per hidden layer. */
  dropout?: number[];
  schedule?: LearningRateSchedule;
  /** null: --patience off; undefined: the default (on with validation rows). */
  patience?: number | null;
  minDelta?: number;
  restoreBest: boolean;
  earlyStop?: { loss?: number; accuracy?: number };
  /** Threads for each batch (fit's `threads`); not a setting of the model, so not in its file. */
  threads?: number | 'auto';
  out?: string;
  plot?: string;
  /** undefined: the core 'neural-wasm' picks. */
  backend?: Backend;
  quiet: boolean;
}

const LAYER_MAX = 2 ** 20;
// the library takes any rate below 1; past this little of a layer is left to learn from
const MAX_DROPOUT = 0.95;

export function readTrainFlags(flags: FlagValues): TrainFlags {
  if (flags.hidden !== undefined && flags.layers !== undefined) throw new UsageError('give --hidden or --layers, not both');
  if (flags.shuffle && flags['no-shuffle']) throw new UsageError('give --shuffle or --no-shuffle, not both');
  const layers = integerListFlag(flags, 'layers', 1, LAYER_MAX);
  if (layers && layers.length < 2) throw new UsageError('--layers: expected at least 2 sizes, inputs first (e.g. 2,8,1)');
  const hidden = stringFlag(flags, 'hidden') === 'none' ? [] : (integerListFlag(flags, 'hidden', 1, LAYER_MAX) ?? layers?.slice(1, -1));
  const stopLoss = numberFlag(flags, 'early-stop-loss', 0, Infinity);
  const stopAccuracy = numberFlag(flags, 'early-stop-accuracy', 0, 1);
  return {
    // a name twice would make a model file nothing loads
    target: namesFlag(flags, 'target'),
    features: namesFlag(flags, 'features'),
    dialect: dialectFlags(flags),
    types: typesFlags(flags),
    missing: choiceFlag(flags, 'missing', MISSING_POLICIES) ?? 'impute',
    task: choiceFlag(flags, 'task', TASKS) ?? 'auto',
    normalize: choiceFlag(flags, 'normalize', SCALING_METHODS),
    validationSplit: numberFlag(flags, 'validation-split', 0, 0.95),
    samples: integerFlag(flags, 'samples', 1, 1_000_000),
    noise: numberFlag(flags, 'noise', 0, Infinity),
    classes: integerFlag(flags, 'classes', 2, 100),
    hidden,
    layers,
    activation: choiceListFlag(flags, 'activation', ACTIVATIONS),
    loss: choiceFlag(flags, 'loss', LOSSES),
    init: choiceFlag(flags, 'init', INITS),
    seed: integerFlag(flags, 'seed', 0, Number.MAX_SAFE_INTEGER) ?? 1,
    precision: choiceFlag(flags, 'precision', PRECISIONS),
    optimizer: choiceFlag(flags, 'optimizer', OPTIMIZERS),
    learningRate: numberFlag(flags, 'learning-rate', 0, Infinity, true),
    epochs: integerFlag(flags, 'epochs', 1, 2 ** 31 - 1),
    batchSize: integerFlag(flags, 'batch-size', 1, 2 ** 31 - 1),
    shuffle: flags.shuffle ? true : flags['no-shuffle'] ? false : undefined,
    l2: numberFlag(flags, 'l2', 0, Infinity),
    clipNorm: numberFlag(flags, 'clip-norm', 0, Infinity, true),
    dropout: numberListFlag(flags, 'dropout', 0, MAX_DROPOUT),
    schedule: scheduleFlag(flags, 'lr-schedule'),
    patience: patienceFlag(flags),
    minDelta: numberFlag(flags, 'min-delta', 0, Infinity),
    restoreBest: flags['no-restore-best'] !== true,
    earlyStop: stopLoss === undefined && stopAccuracy === undefined ? undefined : { loss: stopLoss, accuracy: stopAccuracy },
    out: stringFlag(flags, 'out'),
    plot: stringFlag(flags, 'plot'),
    backend: backendFlag(flags),
    quiet: flags.quiet === true,
    threads: threadsFlag(flags),
  };
}

// --numeric, --categorical, --ignore: each a list of columns, no column in two of them
function typesFlags(flags: FlagValues): Record<string, ColumnChoice> | undefined {
  const types: Record<string, ColumnChoice> = {};
  const flagOf: Record<string, string> = {};
  for (const choice of ['numeric', 'categorical', 'ignore'] as const) {
    for (const name of namesFlag(flags, choice) ?? []) {
      if (Object.hasOwn(types, name)) throw new UsageError(`--${choice}: column ${quote(name)} is also named by --${flagOf[name]}`);
      types[name] = choice;
      flagOf[name] = choice;
    }
  }
  return Object.keys(types).length ? types : undefined;
}

// a whole number of threads, or auto
function threadsFlag(flags: FlagValues): number | 'auto' | undefined {
  const given = stringFlag(flags, 'threads');
  if (given === undefined || given === 'auto') return given;
  if (!/^\d+$/.test(given) || Number(given) < 1 || Number(given) > 64) {
    throw new UsageError(`--threads: expected a whole number from 1 to 64, or auto, got ${quoteNumber(given, 1, 64)}`);
  }
  return Number(given);
}

// a whole number of epochs, or off
function patienceFlag(flags: FlagValues): number | null | undefined {
  const given = stringFlag(flags, 'patience');
  if (given === 'off') return null;
  const most = 2 ** 31 - 1;
  if (given !== undefined && (!/^\+?\d+$/.test(given) || Number(given) < 1 || Number(given) > most)) {
    throw new UsageError(`--patience: expected a whole number of epochs from 1 to ${most}, or off, got ${quoteNumber(given, 1, most)}`);
  }
  return given === undefined ? undefined : Number(given);
}

/**
 * The activation of every non-input layer: one name for the hidden layers (the output's follows the
 * target), or one per layer. Without `output`, only checks --activation against the depth (before the
 * data is read); with it, also against the output layer's width.
 */
export function layerActivations(
  given: ActivationName[] | undefined, hiddenDefault: ActivationName, depth: number, output?: { activation: ActivationName; width: number },
): ActivationName[] {
  const outputActivation = output?.activation ?? 'linear';
  let activations: ActivationName[];
  if (given === undefined || given.length === 1) {
    activations = [...new Array<ActivationName>(depth - 1).fill(given?.[0] ?? hiddenDefault), outputActivation];
  } else if (given.length === depth) {
    activations = given;
  } else {
    throw new UsageError(`--activation: expected one name for the hidden layers, or one per non-input layer (${depth}), got ${given.length}`);
  }
  if (activations.slice(0, -1).includes('softmax')) {
    throw new UsageError('--activation: softmax is for the output layer only (give it as the last of one name per layer)');
  }
  if (output && activations.at(-1) === 'softmax' && output.width < 2) {
    throw new UsageError(`--activation: a softmax output layer needs at least 2 outputs, but the target has ${output.width}`);
  }
  return activations;
}
