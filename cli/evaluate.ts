// `neural-wasm evaluate`: a model's loss, accuracy and confusion matrix on labelled rows (a CSV
// file with the model's input and target columns, or a built-in set).
import { parseCommandLine, onePositional, stringFlag, choiceFlag, integerFlag, numberFlag } from './args';
import { BACKEND_NAMES, loadBackend } from './backend';
import { BUILTIN_NAMES, isBuiltin, loadBuiltin } from './builtin-data';
import { columnIndex, parseCsv } from './csv';
import type { LabelledData } from './data';
import { readText, sourceName } from './files';
import { measure } from './metrics';
import { type ModelFile, loadModelFile, modelInputs } from './model-file';
import { applyScaling } from './normalize';
import { LOSS_NAMES, confusionTable, metricsLine } from './report';
import { type TargetData, encodeClasses, readTarget } from './target';
import { DataError, UsageError } from './errors';

export const EVALUATE_HELP = `Usage: neural-wasm evaluate --model FILE <data> [flags]

Reports the model's loss, accuracy and confusion matrix (or, for values, the RMSE) on labelled
rows: a CSV file with the model's input and target columns (by name), - for standard input, or a
built-in set (${BUILTIN_NAMES.join(', ')}).

  --model FILE     a model file written by neural-wasm train --out (required)
  --backend B      wasm (default), baseline or js
  --seed N         built-in sets: the seed of the generated points or the subset (default 1)
  --samples N      built-in sets: points to generate, or a random subset of iris or mnist
  --noise F        generated sets: noise
  --classes N      blobs, spiral: number of classes
  -h, --help       this help

Example
  neural-wasm evaluate --model iris-model.json iris
`;

const FLAGS = {
  model: { type: 'string' },
  backend: { type: 'string' },
  seed: { type: 'string' },
  samples: { type: 'string' },
  noise: { type: 'string' },
  classes: { type: 'string' },
} as const;

export async function evaluate(args: readonly string[]): Promise<void> {
  const { flags, positionals } = parseCommandLine('evaluate', args, FLAGS);
  if (flags.help) return void process.stdout.write(EVALUATE_HELP);
  const modelPath = stringFlag(flags, 'model');
  if (modelPath === undefined) throw new UsageError('missing --model FILE (see neural-wasm evaluate --help)');
  const source = onePositional('evaluate', positionals, 'labelled data (a CSV file, - or a built-in name)');
  const builtinOptions = {
    seed: integerFlag(flags, 'seed', 0, Number.MAX_SAFE_INTEGER) ?? 1,
    samples: integerFlag(flags, 'samples', 1, 1_000_000),
    noise: numberFlag(flags, 'noise', 0, Infinity),
    classes: integerFlag(flags, 'classes', 2, 100),
  };
  const Network = await loadBackend(choiceFlag(flags, 'backend', BACKEND_NAMES) ?? 'wasm');
  const { model, net } = await loadModelFile(modelPath, Network);

  let name = sourceName(source);
  let inputs: number[][];
  let truth: TargetData;
  if (isBuiltin(source)) {
    name = source;
    ({ inputs, truth } = alignToModel(loadBuiltin(source, builtinOptions), model));
  } else {
    const table = parseCsv(readText(source), name);
    inputs = modelInputs(table, model);
    const targetColumns = model.target.columns.map((column) => columnIndex(table, column, "the model's target"));
    truth = readTarget(table, targetColumns, model.target);
  }
  const targets = truth.target.kind === 'classes' ? encodeClasses(truth.labels, truth.target) : applyScaling(truth.values, model.targetScaling!);
  const metrics = measure(net, inputs, targets, truth, model.targetScaling);
  net.dispose();

  const print = (line = '') => process.stdout.write(line + '\n');
  print(`model ${modelPath}: trained on ${model.training.data}, ${LOSS_NAMES[model.network.loss] ?? model.network.loss} loss`);
  print(metricsLine(name, metrics, model.target));
  if (model.target.kind === 'classes' && metrics.confusion) {
    print('\nconfusion matrix (rows: true class, columns: predicted)');
    print(confusionTable(metrics.confusion, model.target.classes));
  }
}

// a built-in set in the model's terms: its input columns in the model's order, its classes by name
function alignToModel(data: LabelledData, model: ModelFile): { inputs: number[][]; truth: TargetData } {
  const columns = model.inputs.columns.map((column) => {
    const index = data.featureNames.indexOf(column);
    if (index < 0) throw new DataError(`${data.source}: has no column '${column}' (one of the model's inputs); its columns are ${data.featureNames.join(', ')}`);
    return index;
  });
  const inputs = applyScaling(data.inputs.map((row) => columns.map((c) => row[c])), model.inputs.scaling);
  if (model.target.kind !== 'classes' || data.target.kind !== 'classes') {
    throw new DataError(`${data.source}: has classes, but the model predicts values`);
  }
  const known = model.target.classes;
  const given = data.target.classes;
  const labels = data.labels.map((label) => {
    const index = known.indexOf(given[label]);
    if (index < 0) throw new DataError(`${data.source}: has class '${given[label]}', which the model does not know (it knows ${known.join(', ')})`);
    return index;
  });
  return { inputs, truth: { target: model.target, labels, values: [] } };
}
