// `neural-wasm train`: every check that needs no data, then the data (train-data.ts), the plan
// (train-plan.ts), the training run (train-fit.ts), the report (train-report.ts), and the model
// file and plots written.
import { basename, join } from 'node:path';
import type { NeuralNetwork } from 'neural-wasm';
import type { NetworkClass } from '../../shared/backends';
import { type Command, type CommandLine, onePositional } from '../args';
import { loadBackend } from '../backend';
import { IRIS_FILE, isBuiltin, checkBuiltinOptions } from '../data/builtin-data';
import { sourceName } from '../io/files';
import { checkNoDialect } from '../io/csv-dialect';
import { rowCount } from '../data/matrix';
import { MODEL_FILE_FORMAT, MODEL_FILE_VERSION, writeModelFile } from '../io/model-file';
import { checkOutputs, isFolder, makeOutputFolder, type OutputPath } from '../io/output-paths';
import { PLOT_FILES, writePlots } from '../results/plot-files';
import { type Preset, presetFor } from './presets';
import { print } from '../io/standard-streams';
import { type PreparedData, loadTrainingData, prepareSets } from './data';
import { type FitRun, fitWithProgress } from './fit';
import { TRAIN_FLAGS, TRAIN_HELP, type TrainFlags, readTrainFlags, layerActivations } from './flags';
import { type TrainingPlan, checkBatchSize, planTraining, summaryLines } from './plan';
import { reportTraining } from './report';
import { DataError, UsageError } from '../errors';

export const trainCommand: Command = { name: 'train', help: TRAIN_HELP, flags: TRAIN_FLAGS, run: train };

async function train({ flags, positionals }: CommandLine): Promise<void> {
  const source = onePositional('train', positionals, 'data set (a CSV file, - or a built-in name)');
  const options = readTrainFlags(flags);
  const preset = presetFor(isBuiltin(source) ? source : undefined);
  checkBeforeWork(source, options, preset);
  const Network = await loadBackend(options.backend);
  if (options.plot !== undefined) makeOutputFolder(options.plot, '--plot');

  const prepared = prepareSets(await loadTrainingData(source, options), options, preset);
  const { sets } = prepared;
  const rows = { training: rowCount(sets.training.inputs), validation: rowCount(sets.validation.inputs) };
  const plan = planTraining(options, preset, prepared.description, rows, sets.inputs.scaling.method);
  const net = await createNetwork(Network, plan.network, options, plan.data.source);
  // after create: a network too large is the library's error, in its words, before the batch's
  checkBatchSize(plan.fit.batchSize, rows.training, plan.network.layers);
  for (const line of summaryLines(plan, net.backend)) print(line);

  const run = fitWithProgress(net, sets, plan, options.quiet, options.threads);
  reportTraining(net, run, sets, plan);
  await writeOutputs(source, options, net, run, prepared, plan);
  net.dispose();
}

// the flags that need no data, and the outputs, before any work
function checkBeforeWork(source: string, options: TrainFlags, preset: Preset): void {
  checkDataFlags(source, options);
  layerActivations(options.activation, preset.activation, (options.hidden ?? preset.hidden).length + 1);
  checkTrainOutputs(source, options);
}

// flags that fit a CSV file or a built-in set only
function checkDataFlags(source: string, options: TrainFlags): void {
  if (isBuiltin(source)) {
    for (const flag of ['target', 'features'] as const) {
      if (options[flag] !== undefined) throw new UsageError(`--${flag} applies to CSV files; the built-in ${source} has its own columns`);
    }
    const typed = Object.entries(options.types ?? {})[0];
    if (typed) throw new UsageError(`--${typed[1]} applies to CSV files; the built-in ${source} has its own columns`);
    if (options.missing !== 'impute') throw new UsageError(`--missing applies to CSV files; the built-in ${source} has no missing value`);
    checkNoDialect(options.dialect, source);
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
  const data = source === 'iris' ? IRIS_FILE : isBuiltin(source) ? undefined : source;
  checkOutputs(outputs, data === undefined ? [] : [{ what: 'the data to train on', path: data }]);
}

// the library checks the size of the network (every name and number was checked already): too
// large is the layer flags' fault, or the data's when no flag set the layers
async function createNetwork(Network: NetworkClass, config: TrainingPlan['network'], options: TrainFlags, source: string): Promise<NeuralNetwork> {
  try {
    return await Network.create(config);
  } catch (error) {
    const message = (error as Error).message;
    if (options.layers) throw new UsageError(`--layers: ${message}`);
    if (options.hidden) throw new UsageError(`--hidden: ${message}`);
    throw new DataError(`${source}: ${message}`);
  }
}

// --out: the model file; --plot: the loss curve and the decision regions
async function writeOutputs(source: string, options: TrainFlags, net: NeuralNetwork, run: FitRun, prepared: PreparedData, plan: TrainingPlan): Promise<void> {
  const { description: data, sets } = prepared;
  if (options.out !== undefined) {
    await writeModelFile(options.out, {
      format: MODEL_FILE_FORMAT,
      version: MODEL_FILE_VERSION,
      inputs: sets.inputs,
      target: data.target,
      targetScaling: sets.targetScaling,
      network: net.toJSON(),
      training: {
        data: isBuiltin(source) ? source : basename(sourceName(source)),
        rows: plan.rows,
        ...plan.fit,
        ...(plan.earlyStop && { earlyStop: plan.earlyStop }),
        epochsRun: run.result.epochs,
        stopReason: run.result.stopReason,
        ...(run.result.bestEpoch !== undefined && { bestEpoch: run.result.bestEpoch }),
      },
    });
    print(`model written to ${options.out}`);
  }
  if (options.plot !== undefined) {
    const written = await writePlots(options.plot, net, {
      source: data.source,
      featureNames: data.featureNames,
      target: data.target,
      scaling: sets.inputs.scaling,
      loss: run.result.loss,
      validationLoss: run.result.valLoss,
      bestEpoch: run.result.bestEpoch,
      lossName: plan.network.loss,
      points: prepared.regionPoints,
    });
    print(`plots written to ${written.join(', ')}`);
  }
}
