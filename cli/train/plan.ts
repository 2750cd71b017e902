// `neural-wasm train`'s plan, from the flags, the data set's preset and the prepared data: the
// network to build, how to fit it, and the lines that say so. Pure (no data, no library), so every
// choice and every flag combination it refuses is unit-tested (test/cli/train-plan.test.ts).
import type { ActivationName, EarlyStopOptions, InitName, LearningRateSchedule, LossName, OptimizerName, Precision } from 'neural-wasm';
import { lossLabel } from '../../shared/loss-labels';
import { type ColumnReport, type DataDescription, LEFT_OUT } from './data';
import { type TrainFlags, layerActivations } from './flags';
import type { ScalingMethod } from '../data/normalize';
import type { Preset } from './presets';
import { describeTarget, outputWidth } from '../data/target';
import { terminalText } from '../io/terminal-text';
import { describeDialect } from '../io/csv-dialect';
import { outputLayer } from 'neural-wasm/model';
import { UsageError } from '../errors';

export interface RowCounts {
  training: number;
  validation: number;
}

/** fit's options, as the model file records them too. */
export interface FitPlan {
  optimizer: OptimizerName;
  /** A number, or a schedule starting from --learning-rate. */
  learningRate: number | LearningRateSchedule;
  epochs: number;
  batchSize: number;
  shuffle: boolean;
  l2: number;
  clipNorm?: number;
}

export interface TrainingPlan {
  /** NeuralNetwork.create's options. */
  network: { layers: number[]; activation: ActivationName[]; loss: LossName; init: InitName; seed: number; dropout?: number[]; precision?: Precision };
  fit: FitPlan;
  /** The thresholds, and patience (on the validation loss when there are validation rows). */
  earlyStop?: EarlyStopOptions;
  /** Epochs between progress reports: about 100 reports in a run. */
  progressEvery: number;
  data: DataDescription;
  rows: RowCounts;
  scaling: ScalingMethod;
}

export function planTraining(options: TrainFlags, preset: Preset, data: DataDescription, rows: RowCounts, scaling: ScalingMethod): TrainingPlan {
  const hidden = options.hidden ?? preset.hidden;
  const layers = networkLayers(options, hidden, data);
  const output = outputLayer(data.target);
  const activation = layerActivations(options.activation, preset.activation, layers.length - 1, { activation: output.activation, width: outputWidth(data.target) });
  const loss = options.loss ?? preset.loss ?? output.loss;
  if (loss !== 'mse' && data.target.kind === 'values') {
    const names = data.target.columns.map((c) => `'${c}'`).join(', ');
    throw new UsageError(`--loss ${loss}: a cross-entropy loss is for classes, but the target ${names} holds values (regression); use mse`);
  }
  const rate = options.learningRate ?? preset.learningRate;
  const fit: FitPlan = {
    optimizer: options.optimizer ?? preset.optimizer,
    learningRate: options.schedule ? { ...options.schedule, initial: rate } : rate,
    epochs: options.epochs ?? preset.epochs,
    batchSize: options.batchSize ?? preset.batchSize,
    shuffle: options.shuffle ?? preset.shuffle,
    l2: options.l2 ?? preset.l2,
  };
  if (options.clipNorm !== undefined) fit.clipNorm = options.clipNorm;
  const network: TrainingPlan['network'] = { layers, activation, loss, init: options.init ?? preset.init, seed: options.seed };
  const dropout = hiddenDropout(options.dropout, hidden.length);
  if (dropout) network.dropout = dropout;
  if (options.precision === 'f32') network.precision = 'f32';
  return {
    network,
    fit,
    earlyStop: earlyStopping(options, preset, rows),
    progressEvery: Math.max(1, Math.floor(fit.epochs / 100)),
    data,
    rows,
    scaling,
  };
}

// --dropout: one rate for every hidden layer, or one each; undefined when none drops
function hiddenDropout(given: number[] | undefined, hiddenLayers: number): number[] | undefined {
  if (!given || given.every((rate) => rate === 0)) return undefined;
  if (hiddenLayers === 0) throw new UsageError('--dropout: the network has no hidden layers to drop outputs of (see --hidden)');
  if (given.length === 1) return new Array<number>(hiddenLayers).fill(given[0]);
  if (given.length !== hiddenLayers) {
    throw new UsageError(`--dropout: expected one rate, or one per hidden layer (${hiddenLayers}), got ${given.length}`);
  }
  return given;
}

// the thresholds as given, and patience: by default on the validation rows when there are some
function earlyStopping(options: TrainFlags, preset: Preset, rows: RowCounts): EarlyStopOptions | undefined {
  const patience = options.patience === null ? undefined : (options.patience ?? (rows.validation ? preset.patience : undefined));
  if (patience === undefined) {
    const needsPatience = !options.restoreBest ? '--no-restore-best' : options.minDelta !== undefined ? '--min-delta' : undefined;
    if (needsPatience) {
      const why = options.patience === null ? 'with --patience off' : 'without validation rows (--validation-split 0)';
      throw new UsageError(`${needsPatience} applies to early stopping with --patience, which is off ${why}`);
    }
    return options.earlyStop;
  }
  const stop: EarlyStopOptions = { ...options.earlyStop, patience };
  if (options.minDelta !== undefined) stop.minDelta = options.minDelta;
  if (!options.restoreBest) stop.restoreBest = false;
  return stop;
}

// the layer sizes: inputs and outputs from the data, hidden from the flags or the preset
function networkLayers(options: TrainFlags, hidden: number[], data: DataDescription): number[] {
  const inputs = data.inputWidth;
  const outputs = outputWidth(data.target);
  if (options.layers) {
    const [first, last] = [options.layers[0], options.layers.at(-1)];
    if (first !== inputs) {
      const columns = data.featureNames.length;
      const has = inputs === columns ? `${inputs} input columns` : `${columns} input columns, which make ${inputs} inputs (a categorical column one per level)`;
      throw new UsageError(`--layers starts with ${first} inputs, but the data has ${has}`);
    }
    if (last !== outputs) {
      throw new UsageError(`--layers ends with ${last} outputs, but the target needs ${outputs} (${describeTarget(data.target)})`);
    }
  }
  return [inputs, ...hidden, outputs];
}

/** What train prints before it trains: the data, the split and scaling, the network, the fit options. */
export function summaryLines(plan: TrainingPlan, backend: string): string[] {
  const { data, rows, network, fit } = plan;
  const heldOut = data.target.kind === 'classes' ? ' per class' : '';
  const batches = fit.batchSize === 1 ? 'one sample per step' : `batches of ${fit.batchSize}`;
  const dropout = network.dropout ? `, dropout ${network.dropout.join(', ')}` : '';
  const precision = network.precision === 'f32' ? ', f32' : '';
  const extras = [fit.shuffle && 'shuffled', fit.l2 && `l2 ${fit.l2}`, fit.clipNorm && `gradient norm clipped at ${fit.clipNorm}`].filter(Boolean);
  const dialect = data.dialect && describeDialect(data.dialect);
  const lines = [
    `${data.source}: ${rows.training + rows.validation} rows, ${dialect ? `${dialect}, ` : ''}${describeInputs(data.featureNames)}, ${describeTarget(data.target)}`,
    ...(data.columns ? columnLines(data.columns) : []),
    rows.validation
      ? `${rows.training} rows train, ${rows.validation} validate (held out${heldOut}, seed ${network.seed}); inputs scaled: ${plan.scaling}`
      : `all ${rows.training} rows train, none held out; inputs scaled: ${plan.scaling}`,
    `network ${network.layers.join('-')} (${network.activation.join(', ')}), ${lossLabel(network.loss)}, ${network.init} init, seed ${network.seed}${dropout}${precision}, ${backend} core`,
    `${fit.optimizer}, learning rate ${describeRate(fit.learningRate)}, ${fit.epochs} epochs, ${batches}${extras.map((e) => `, ${e}`).join('')}`,
  ];
  const patience = plan.earlyStop?.patience;
  if (patience !== undefined) {
    const watched = rows.validation ? 'validation loss' : 'training loss';
    const by = plan.earlyStop?.minDelta ? ` by more than ${plan.earlyStop.minDelta}` : '';
    const kept = plan.earlyStop?.restoreBest === false ? 'the last' : "the best epoch's";
    lines.push(`stops after ${patience} epoch${patience === 1 ? '' : 's'} without a better ${watched}${by}, keeping ${kept} weights`);
  }
  lines[lines.length - 1] += '\n';
  return lines;
}

/**
 * What became of the columns, where more than numbers were read: which are categorical (with their
 * levels) and which left out (and why); the missing cells filled (and with what); the rows left out.
 */
export function columnLines({ table, inputs, dropped }: ColumnReport): string[] {
  const lines: string[] = [];
  const names = (list: string[]) => (list.length > 6 ? `${list.slice(0, 5).join(', ')}, … (${list.length} in all)` : list.join(', '));
  const categorical = inputs.columns.flatMap((name, c) => (inputs.types?.[c] === 'categorical' ? [`${terminalText(name)}: ${inputs.levels![c]!.length} levels`] : []));
  if (categorical.length || table.leftOut.length) {
    const numeric = inputs.columns.length - categorical.length;
    const parts = [`${numeric} numeric`, categorical.length && `${categorical.length} categorical (${names(categorical)})`].filter(Boolean);
    const left = table.leftOut.map(({ name, why }) => `${terminalText(name)} ${LEFT_OUT[why]}`);
    lines.push(`columns: ${parts.join(', ')}${left.length ? `; left out: ${names(left)}` : ''}`);
  }
  const filled = table.columns.flatMap((column, c) => {
    if (column.missing === 0) return [];
    const fill = inputs.fill![c];
    const what = typeof fill === 'number' ? `median ${fill}` : `most frequent ${JSON.stringify(terminalText(fill))}`;
    return [`${terminalText(column.name)} ${column.missing} (${what})`];
  });
  if (filled.length) lines.push(`missing cells filled: ${names(filled)}`);
  const left = [dropped.noTarget && `${dropped.noTarget} without a target`, dropped.missingInput && `${dropped.missingInput} with a missing input (--missing drop)`].filter(Boolean);
  if (left.length) lines.push(`rows left out: ${left.join(', ')}`);
  return lines;
}

function describeRate(rate: FitPlan['learningRate']): string {
  if (typeof rate === 'number') return String(rate);
  const settings = Object.entries(rate).filter(([key]) => key !== 'name' && key !== 'initial').map(([key, value]) => `${key} ${value}`);
  return `${rate.initial}, ${rate.name} schedule${settings.length ? ` (${settings.join(', ')})` : ''}`;
}

function describeInputs(given: readonly string[]): string {
  const names = given.map(terminalText);
  const shown = names.length > 8 ? `${names.slice(0, 3).join(', ')}, …, ${names.at(-1)}` : names.join(', ');
  return `${names.length} input${names.length === 1 ? '' : 's'} (${shown})`;
}

// The library's largest core array (2^27 - 8 values): a batch's activations through the widest
// layer are one. The library refuses more too; here it is the flag's fault, said in the flag's words.
const CORE_ARRAY_VALUES = 134_217_720;

/** Refuses a batch too large for the core (checked once the library has accepted the network, whose errors come first). */
export function checkBatchSize(batchSize: number, rows: number, layers: readonly number[]): void {
  const batch = Math.min(batchSize, rows);
  const widest = Math.max(...layers);
  if (batch * widest <= CORE_ARRAY_VALUES) return;
  const most = Math.floor(CORE_ARRAY_VALUES / widest);
  throw new UsageError(
    `--batch-size ${batchSize}: a batch of ${batch.toLocaleString('en-US')} rows through a layer of ${widest.toLocaleString('en-US')} units ` +
      `is more than the core holds in one array (${CORE_ARRAY_VALUES.toLocaleString('en-US')} values): use --batch-size ${most} or less`,
  );
}
