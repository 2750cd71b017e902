// `neural-wasm train`: load the data, hold out a validation share, scale the inputs, train with a
// progress bar, report, and write the model file and plots.
import { basename, join } from 'node:path';
import type { NeuralNetwork } from 'neural-wasm';
import { parseCommandLine, onePositional } from './args';
import { TRAIN_FLAGS, TRAIN_HELP, type TrainFlags, readTrainFlags, layerActivations } from './train-flags';
import { loadBackend } from './backend';
import { isBuiltin, loadBuiltin } from './builtin-data';
import { parseCsv } from './csv';
import { type LabelledData, labelledTable, pickRows } from './data';
import { readText, sourceName, checkOutputFile, makeOutputFolder, writeFileAtomic } from './files';
import { type Metrics, measure } from './metrics';
import { MODEL_FILE_FORMAT, MODEL_FILE_VERSION, writeModelFile } from './model-file';
import { type Scaling, fitScaling, applyScaling } from './normalize';
import { decisionRegionsSvg, lossCurveSvg, type LossSeries } from './plots';
import { type Preset, presetFor, outputLayer } from './presets';
import { startProgress } from './progress';
import { LOSS_NAMES, confusionTable, duration, lossChart, metricsLine } from './report';
import { splitRows } from './split';
import { describeTarget, encodeClasses, outputWidth, predictedClass } from './target';
import { UsageError } from './errors';

export async function train(args: readonly string[]): Promise<void> {
  const { flags, positionals } = parseCommandLine('train', args, TRAIN_FLAGS);
  if (flags.help) return void process.stdout.write(TRAIN_HELP);
  const source = onePositional('train', positionals, 'data set (a CSV file, - or a built-in name)');
  const options = readTrainFlags(flags);
  // fail on a bad output path now, not after the training
  if (options.out !== undefined) checkOutputFile(options.out, '--out');
  if (options.plot !== undefined) makeOutputFolder(options.plot, '--plot');
  const Network = await loadBackend(options.backend);
  const preset = presetFor(isBuiltin(source) ? source : undefined);
  const data = loadTrainingData(source, options);
  const sets = prepareSets(data, options, preset);

  const layers = networkLayers(options, preset.hidden, data);
  const output = outputLayer(data.target);
  const activation = layerActivations(options.activation, preset.activation, output.activation, layers.length - 1);
  const loss = options.loss ?? preset.loss ?? output.loss;
  const init = options.init ?? preset.init;
  const net = await Network.create({ layers, activation, loss, init, seed: options.seed });
  const fitOptions = {
    optimizer: options.optimizer ?? preset.optimizer,
    learningRate: options.learningRate ?? preset.learningRate,
    epochs: options.epochs ?? preset.epochs,
    batchSize: options.batchSize ?? preset.batchSize,
    shuffle: options.shuffle ?? preset.shuffle,
    l2: options.l2,
  };
  const batches = fitOptions.batchSize === 1 ? 'one sample per step' : `batches of ${fitOptions.batchSize}`;
  print(`${data.source}: ${data.inputs.length} rows, ${describeInputs(data.featureNames)}, ${describeTarget(data.target)}`);
  print(
    sets.validation.inputs.length
      ? `${sets.training.inputs.length} rows train, ${sets.validation.inputs.length} validate (held out${sets.isClasses ? ' per class' : ''}, seed ${options.seed}); inputs scaled: ${sets.inputScaling.method}`
      : `all ${sets.training.inputs.length} rows train, none held out; inputs scaled: ${sets.inputScaling.method}`,
  );
  print(`network ${layers.join('-')} (${activation.join(', ')}), ${LOSS_NAMES[loss] ?? loss}, ${init} init, seed ${options.seed}, ${net.backend} core`);
  print(
    `${fitOptions.optimizer}, learning rate ${fitOptions.learningRate}, ${fitOptions.epochs} epochs, ${batches}` +
      `${fitOptions.shuffle ? ', shuffled' : ''}${fitOptions.l2 ? `, l2 ${fitOptions.l2}` : ''}\n`,
  );

  // the validation loss and accuracy at every progress report, for the bar and the loss plot
  const validationLoss: [number, number][] = [];
  const { training, validation, isClasses } = sets;
  const progress = startProgress(fitOptions.epochs, options.quiet);
  const started = performance.now();
  const result = net.fit(training.inputs, training.targets, {
    ...fitOptions,
    earlyStop: options.earlyStop,
    progressEvery: Math.max(1, Math.floor(fitOptions.epochs / 100)),
    onProgress: ({ epoch, loss, accuracy }) => {
      let validationAccuracy: number | undefined;
      if (validation.inputs.length) {
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
  const trainingMetrics = measure(net, training.inputs, training.targets, training.rows, sets.targetScaling);
  print(metricsLine('training', trainingMetrics, data.target));
  let shown: Metrics = trainingMetrics;
  if (validation.inputs.length) {
    shown = measure(net, validation.inputs, validation.targets, validation.rows, sets.targetScaling);
    print(metricsLine('validation', shown, data.target));
  }
  if (data.target.kind === 'classes' && shown.confusion) {
    print(`\nconfusion matrix, ${shown === trainingMetrics ? 'training' : 'validation'} rows (rows: true class, columns: predicted)`);
    print(confusionTable(shown.confusion, data.target.classes));
  }
  const stopped = result.stopReason === 'completed' ? '' : ` (stopped: ${result.stopReason})`;
  print(`\ntrained ${result.epochs} epoch${result.epochs === 1 ? '' : 's'} in ${duration(elapsed)}${stopped}`);

  if (options.out !== undefined) {
    writeModelFile(options.out, {
      format: MODEL_FILE_FORMAT,
      version: MODEL_FILE_VERSION,
      inputs: { columns: data.featureNames, scaling: sets.inputScaling },
      target: data.target,
      targetScaling: sets.targetScaling,
      network: net.toJSON(),
      training: {
        data: isBuiltin(source) ? source : basename(sourceName(source)),
        rows: { training: training.inputs.length, validation: validation.inputs.length },
        ...fitOptions,
        epochsRun: result.epochs,
        stopReason: result.stopReason,
      },
    });
    print(`model written to ${options.out}`);
  }
  if (options.plot !== undefined) {
    const written = writePlots(options.plot, net, data, sets.inputScaling, result.loss, validationLoss, loss);
    print(`plots written to ${written.join(', ')}`);
  }
  net.dispose();
}

function print(line = ''): void {
  process.stdout.write(line + '\n');
}

/** One part of the data (training or validation): its rows as read, and as the network takes them. */
interface NetworkSet {
  rows: LabelledData;
  inputs: number[][];
  targets: number[][];
}

interface PreparedSets {
  training: NetworkSet;
  validation: NetworkSet;
  inputScaling: Scaling;
  targetScaling: Scaling | null;
  isClasses: boolean;
}

// split, then scale by the training rows only (the validation rows stay unseen), then encode the targets
function prepareSets(data: LabelledData, options: TrainFlags, preset: Preset): PreparedSets {
  const isClasses = data.target.kind === 'classes';
  const fraction = options.validationSplit ?? preset.validationSplit;
  const split = splitRows(data.inputs.length, fraction, options.seed, isClasses ? data.labels : undefined);
  if (split.training.length === 0) throw new UsageError('--validation-split leaves no rows to train on');
  const method = options.normalize ?? preset.normalize;
  const trainingRows = pickRows(data, split.training);
  const inputScaling = fitScaling(trainingRows.inputs, data.featureNames.length, method);
  const targetScaling = isClasses ? null : fitScaling(trainingRows.values, data.target.columns.length, method);
  const networkSet = (rows: LabelledData): NetworkSet => ({
    rows,
    inputs: applyScaling(rows.inputs, inputScaling),
    targets: targetScaling ? applyScaling(rows.values, targetScaling) : encodeClasses(rows.labels, rows.target),
  });
  return {
    training: networkSet(trainingRows),
    validation: networkSet(pickRows(data, split.validation)),
    inputScaling,
    targetScaling,
    isClasses,
  };
}

function loadTrainingData(source: string, options: TrainFlags): LabelledData {
  if (isBuiltin(source)) {
    for (const flag of ['target', 'features'] as const) {
      if (options[flag] !== undefined) throw new UsageError(`--${flag} applies to CSV files; the built-in ${source} has its own columns`);
    }
    const { seed, samples, noise, classes } = options;
    return loadBuiltin(source, { seed, samples, noise, classes });
  }
  for (const flag of ['samples', 'noise', 'classes'] as const) {
    if (options[flag] !== undefined) throw new UsageError(`--${flag} applies to built-in data sets, not to a file`);
  }
  const table = parseCsv(readText(source), sourceName(source));
  return labelledTable(table, { target: options.target, features: options.features, task: options.task });
}

// the layer sizes: inputs and outputs from the data, hidden from the flags or the preset
function networkLayers(options: TrainFlags, presetHidden: number[], data: LabelledData): number[] {
  const inputs = data.featureNames.length;
  const outputs = outputWidth(data.target);
  if (options.layers) {
    const [first, last] = [options.layers[0], options.layers.at(-1)];
    if (first !== inputs) throw new UsageError(`--layers starts with ${first} inputs, but the data has ${inputs} input columns`);
    if (last !== outputs) {
      throw new UsageError(`--layers ends with ${last} outputs, but the target needs ${outputs} (${describeTarget(data.target)})`);
    }
  }
  return [inputs, ...(options.hidden ?? presetHidden), outputs];
}

function describeInputs(names: readonly string[]): string {
  const shown = names.length > 8 ? `${names.slice(0, 3).join(', ')}, …, ${names.at(-1)}` : names.join(', ');
  return `${names.length} input${names.length === 1 ? '' : 's'} (${shown})`;
}

function writePlots(
  folder: string,
  net: NeuralNetwork,
  data: LabelledData,
  scaling: Scaling,
  loss: Float64Array,
  validationLoss: [number, number][],
  lossName: string,
): string[] {
  const series: LossSeries[] = [{ label: 'training', points: Array.from(loss, (value, i) => [i + 1, value] as [number, number]) }];
  if (validationLoss.length) series.push({ label: 'validation', points: validationLoss });
  const lossLabel = LOSS_NAMES[lossName] ?? lossName;
  const written = [join(folder, 'losses.svg')];
  writeFileAtomic(written[0], lossCurveSvg(series, lossLabel, `${data.source}: ${lossLabel} by epoch`));
  if (data.featureNames.length === 2 && data.target.kind === 'classes') {
    const classCount = data.target.classes.length;
    const svg = decisionRegionsSvg({
      inputs: data.inputs,
      labels: data.labels,
      classes: data.target.classes,
      featureNames: data.featureNames,
      title: `${data.source}: predicted class (regions) and true class (points)`,
      classify: (points) => (net.predict(applyScaling(points, scaling)) as Float64Array[]).map((output) => predictedClass(output, classCount)),
    });
    written.push(join(folder, 'decision-regions.svg'));
    writeFileAtomic(written[1], svg);
  }
  return written;
}
