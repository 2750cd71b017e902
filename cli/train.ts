// `neural-wasm train`: load the data, hold out a validation share, scale the inputs, train with a
// progress bar, report, and write the model file and plots.
import { basename, join } from 'node:path';
import type { NeuralNetwork } from 'neural-wasm';
import { parseCommandLine, onePositional } from './args';
import { TRAIN_FLAGS, TRAIN_HELP, type TrainFlags, readTrainFlags, layerActivations } from './train-flags';
import { type NetworkClass, loadBackend } from './backend';
import { IRIS_FILE, isBuiltin, loadBuiltin, checkBuiltinOptions } from './builtin-data';
import { type LabelledData, readLabelledCsv, splitInPlace } from './data';
import { sourceName, STDIN } from './files';
import { type Matrix, rowCount } from './matrix';
import { type Metrics, measure } from './metrics';
import { MODEL_FILE_FORMAT, MODEL_FILE_VERSION, writeModelFile } from './model-file';
import { type Scaling, fitScaling, scaleInPlace, notScalable } from './normalize';
import { checkOutputs, isFolder, makeOutputFolder, type OutputPath } from './output-paths';
import { PLOT_FILES, writePlots, regionPoints, type RegionPoints } from './plot-files';
import { type Preset, presetFor, outputLayer } from './presets';
import { startProgress } from './progress';
import { LOSS_NAMES, confusionTable, duration, lossChart, metricsLine } from './report';
import { splitRows } from './split';
import { print } from './standard-streams';
import { type Target, type TargetData, describeTarget, encodeClasses, outputWidth } from './target';
import { DataError, UsageError, dataError } from './errors';

export async function train(args: readonly string[]): Promise<void> {
  const { flags, positionals } = parseCommandLine('train', args, TRAIN_FLAGS);
  if (flags.help) return void process.stdout.write(TRAIN_HELP);
  const source = onePositional('train', positionals, 'data set (a CSV file, - or a built-in name)');
  const options = readTrainFlags(flags);
  const preset = presetFor(isBuiltin(source) ? source : undefined);
  // every check that needs no data, before any work
  checkDataFlags(source, options);
  const hidden = options.hidden ?? preset.hidden;
  layerActivations(options.activation, preset.activation, hidden.length + 1);
  checkTrainOutputs(source, options);
  if (options.plot !== undefined) makeOutputFolder(options.plot, '--plot');
  const Network = await loadBackend(options.backend);

  const { description: data, sets, regionPoints } = prepareSets(await loadTrainingData(source, options), options, preset);
  const layers = networkLayers(options, hidden, data);
  const output = outputLayer(data.target);
  const activation = layerActivations(options.activation, preset.activation, layers.length - 1, { activation: output.activation, width: outputWidth(data.target) });
  const loss = options.loss ?? preset.loss ?? output.loss;
  if (loss !== 'mse' && data.target.kind === 'values') {
    const names = data.target.columns.map((c) => `'${c}'`).join(', ');
    throw new UsageError(`--loss ${loss}: a cross-entropy loss is for classes, but the target ${names} holds values (regression); use mse`);
  }
  const init = options.init ?? preset.init;
  const net = await createNetwork(Network, { layers, activation, loss, init, seed: options.seed }, options, data.source);
  const fitOptions = {
    optimizer: options.optimizer ?? preset.optimizer,
    learningRate: options.learningRate ?? preset.learningRate,
    epochs: options.epochs ?? preset.epochs,
    batchSize: options.batchSize ?? preset.batchSize,
    shuffle: options.shuffle ?? preset.shuffle,
    l2: options.l2,
  };
  const { training, validation, isClasses } = sets;
  const [trainingRows, validationRows] = [rowCount(training.inputs), rowCount(validation.inputs)];
  checkBatchSize(fitOptions.batchSize, trainingRows, layers);
  const batches = fitOptions.batchSize === 1 ? 'one sample per step' : `batches of ${fitOptions.batchSize}`;
  print(`${data.source}: ${trainingRows + validationRows} rows, ${describeInputs(data.featureNames)}, ${describeTarget(data.target)}`);
  print(
    validationRows
      ? `${trainingRows} rows train, ${validationRows} validate (held out${isClasses ? ' per class' : ''}, seed ${options.seed}); inputs scaled: ${sets.inputScaling.method}`
      : `all ${trainingRows} rows train, none held out; inputs scaled: ${sets.inputScaling.method}`,
  );
  print(`network ${layers.join('-')} (${activation.join(', ')}), ${LOSS_NAMES[loss] ?? loss}, ${init} init, seed ${options.seed}, ${net.backend} core`);
  print(
    `${fitOptions.optimizer}, learning rate ${fitOptions.learningRate}, ${fitOptions.epochs} epochs, ${batches}` +
      `${fitOptions.shuffle ? ', shuffled' : ''}${fitOptions.l2 ? `, l2 ${fitOptions.l2}` : ''}\n`,
  );

  // the validation loss and accuracy at every progress report, for the bar and the loss plot
  const validationLoss: [number, number][] = [];
  const progress = startProgress(fitOptions.epochs, options.quiet);
  const started = performance.now();
  const result = net.fit(training.inputs, training.targets, {
    ...fitOptions,
    earlyStop: options.earlyStop,
    progressEvery: Math.max(1, Math.floor(fitOptions.epochs / 100)),
    onProgress: ({ epoch, loss, accuracy }) => {
      let validationAccuracy: number | undefined;
      if (validationRows) {
        const measured = net.evaluate(validation.inputs, validation.targets);
        validationLoss.push([epoch, measured.loss]);
        if (isClasses) validationAccuracy = measured.accuracy;
      }
      progress.update({ epoch, loss, accuracy: isClasses ? accuracy : undefined, validationAccuracy });
    },
  });
  const elapsed = performance.now() - started;
  progress.stop();
  if (result.stopReason === 'diverged') {
    process.stderr.write(
      `neural-wasm: warning: the loss became NaN or infinite in epoch ${result.epochs + 1}; the model keeps the weights from before it (try a smaller --learning-rate)\n`,
    );
  }

  print(lossChart(result.loss, loss) + '\n');
  const trainingMetrics = measure(net, training.inputs, training.targets, training.truth, sets.targetScaling);
  print(metricsLine('training', trainingMetrics, data.target));
  let shown: Metrics = trainingMetrics;
  if (validationRows) {
    shown = measure(net, validation.inputs, validation.targets, validation.truth, sets.targetScaling);
    print(metricsLine('validation', shown, data.target));
  }
  if (data.target.kind === 'classes' && shown.confusion) {
    print(`\nconfusion matrix, ${shown === trainingMetrics ? 'training' : 'validation'} rows (rows: true class, columns: predicted)`);
    print(confusionTable(shown.confusion, data.target.classes));
  }
  const stopped = result.stopReason === 'completed' ? '' : ` (stopped: ${result.stopReason})`;
  print(`\ntrained ${result.epochs} epoch${result.epochs === 1 ? '' : 's'} in ${duration(elapsed)}${stopped}`);

  if (options.out !== undefined) {
    await writeModelFile(options.out, {
      format: MODEL_FILE_FORMAT,
      version: MODEL_FILE_VERSION,
      inputs: { columns: data.featureNames, scaling: sets.inputScaling },
      target: data.target,
      targetScaling: sets.targetScaling,
      network: net.toJSON(),
      training: {
        data: isBuiltin(source) ? source : basename(sourceName(source)),
        rows: { training: trainingRows, validation: validationRows },
        ...fitOptions,
        epochsRun: result.epochs,
        stopReason: result.stopReason,
      },
    });
    print(`model written to ${options.out}`);
  }
  if (options.plot !== undefined) {
    const written = await writePlots(options.plot, net, {
      source: data.source,
      featureNames: data.featureNames,
      target: data.target,
      scaling: sets.inputScaling,
      loss: result.loss,
      validationLoss,
      lossName: loss,
      points: regionPoints,
    });
    print(`plots written to ${written.join(', ')}`);
  }
  net.dispose();
}

// flags that fit a CSV file or a built-in set only
function checkDataFlags(source: string, options: TrainFlags): void {
  if (isBuiltin(source)) {
    for (const flag of ['target', 'features'] as const) {
      if (options[flag] !== undefined) throw new UsageError(`--${flag} applies to CSV files; the built-in ${source} has its own columns`);
    }
    checkBuiltinOptions(source, options);
  } else {
    for (const flag of ['samples', 'noise', 'classes'] as const) {
      if (options[flag] !== undefined) throw new UsageError(`--${flag} applies to built-in data sets, not to a file`);
    }
  }
}

// --out and the plot files: regular files or none yet, and none of them the data file
function checkTrainOutputs(source: string, options: TrainFlags): void {
  const outputs: OutputPath[] = [];
  if (options.out !== undefined) outputs.push({ flag: '--out', path: options.out });
  // a plot folder still to be made holds no file yet
  if (options.plot !== undefined && isFolder(options.plot)) outputs.push(...PLOT_FILES.map((name) => ({ flag: '--plot', path: join(options.plot!, name) })));
  const data = source === 'iris' ? IRIS_FILE : isBuiltin(source) || source === STDIN ? undefined : source;
  checkOutputs(outputs, data === undefined ? [] : [{ what: 'the data to train on', path: data }]);
}

function loadTrainingData(source: string, options: TrainFlags): Promise<LabelledData> {
  if (isBuiltin(source)) {
    const { seed, samples, noise, classes } = options;
    return loadBuiltin(source, { seed, samples, noise, classes });
  }
  return readLabelledCsv(source, sourceName(source), { target: options.target, features: options.features, task: options.task });
}

/** One part of the data (training or validation) as the network takes it, and its target as the data says. */
interface NetworkSet {
  inputs: Matrix;
  targets: Matrix;
  truth: TargetData;
}

interface PreparedSets {
  training: NetworkSet;
  validation: NetworkSet;
  inputScaling: Scaling;
  targetScaling: Scaling | null;
  isClasses: boolean;
}

/** What train reports about the data once the rows are in the sets. */
interface DataDescription {
  source: string;
  featureNames: string[];
  target: Target;
}

// split, then scale by the training rows only (the validation rows stay unseen), then encode the
// targets. The rows as read become the sets (reordered and scaled in place): millions of rows are not copied.
function prepareSets(data: LabelledData, options: TrainFlags, preset: Preset): { description: DataDescription; sets: PreparedSets; regionPoints?: RegionPoints } {
  const isClasses = data.target.kind === 'classes';
  const fraction = options.validationSplit ?? preset.validationSplit;
  const split = splitRows(rowCount(data.inputs), fraction, options.seed, isClasses ? data.labels : undefined);
  if (split.training.length === 0) throw new UsageError('--validation-split leaves no rows to train on');
  // the plot shows the points as read: copied before the rows are split and scaled in place
  const plotted = options.plot !== undefined && data.featureNames.length === 2 && isClasses;
  const points = plotted ? regionPoints(data.inputs, data.labels) : undefined;
  const [trainingRows, validationRows] = splitInPlace(data, split.training, split.validation);
  const method = options.normalize ?? preset.normalize;
  const inputScaling = fitScaling(trainingRows.inputs, method);
  const targetScaling = isClasses ? null : fitScaling(trainingRows.values!, method);
  const networkSet = (rows: LabelledData): NetworkSet => {
    // a held-out value far outside the training rows' range may not scale to a finite number
    const unscalable = (original: Matrix, names: string[]) => (row: number, column: number) =>
      dataError(notScalable(original.data[row * names.length + column]), data.source, rows.lines[row], names[column]);
    scaleInPlace(rows.inputs, inputScaling, unscalable(rows.inputs, data.featureNames));
    if (data.target.kind === 'classes') return { inputs: rows.inputs, targets: encodeClasses(rows.labels, data.target.classes.length), truth: rows };
    const targets: Matrix = { data: rows.values!.data.slice(), shape: rows.values!.shape };
    scaleInPlace(targets, targetScaling!, unscalable(rows.values!, data.target.columns));
    return { inputs: rows.inputs, targets, truth: rows };
  };
  const sets = { training: networkSet(trainingRows), validation: networkSet(validationRows), inputScaling, targetScaling, isClasses };
  return { description: { source: data.source, featureNames: data.featureNames, target: data.target }, sets, regionPoints: points };
}

// the layer sizes: inputs and outputs from the data, hidden from the flags or the preset
function networkLayers(options: TrainFlags, hidden: number[], data: DataDescription): number[] {
  const inputs = data.featureNames.length;
  const outputs = outputWidth(data.target);
  if (options.layers) {
    const [first, last] = [options.layers[0], options.layers.at(-1)];
    if (first !== inputs) throw new UsageError(`--layers starts with ${first} inputs, but the data has ${inputs} input columns`);
    if (last !== outputs) {
      throw new UsageError(`--layers ends with ${last} outputs, but the target needs ${outputs} (${describeTarget(data.target)})`);
    }
  }
  return [inputs, ...hidden, outputs];
}

// the library checks the size of the network (every name and number was checked already): too
// large is the layer flags' fault, or the data's when no flag set the layers
async function createNetwork(Network: NetworkClass, config: Parameters<NetworkClass['create']>[0], options: TrainFlags, source: string): Promise<NeuralNetwork> {
  try {
    return await Network.create(config);
  } catch (error) {
    const message = (error as Error).message;
    if (options.layers) throw new UsageError(`--layers: ${message}`);
    if (options.hidden) throw new UsageError(`--hidden: ${message}`);
    throw new DataError(`${source}: ${message}`);
  }
}

// The library's largest core array (2^27 - 8 values): a batch's activations through the widest
// layer are one. The library refuses more too; here it is the flag's fault, said in the flag's words.
const CORE_ARRAY_VALUES = 134_217_720;

function checkBatchSize(batchSize: number, rows: number, layers: readonly number[]): void {
  const batch = Math.min(batchSize, rows);
  const widest = Math.max(...layers);
  if (batch * widest <= CORE_ARRAY_VALUES) return;
  const most = Math.floor(CORE_ARRAY_VALUES / widest);
  throw new UsageError(
    `--batch-size ${batchSize}: a batch of ${batch.toLocaleString('en-US')} rows through a layer of ${widest.toLocaleString('en-US')} units ` +
      `is more than the core holds in one array (${CORE_ARRAY_VALUES.toLocaleString('en-US')} values): use --batch-size ${most} or less`,
  );
}

function describeInputs(names: readonly string[]): string {
  const shown = names.length > 8 ? `${names.slice(0, 3).join(', ')}, …, ${names.at(-1)}` : names.join(', ');
  return `${names.length} input${names.length === 1 ? '' : 's'} (${shown})`;
}
