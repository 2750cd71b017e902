// `neural-wasm evaluate`: a model's loss, accuracy and confusion matrix on labelled rows (a CSV
// file with the model's input and target columns, or a built-in set).
import { lossLabel } from '../shared/loss-labels';
import { type Command, type CommandLine, onePositional, integerFlag, numberFlag } from './args';
import { backendFlag, loadBackend } from './backend';
import { BUILTIN_NAMES, checkBuiltinOptions, isBuiltin, loadBuiltin } from './data/builtin-data';
import { columnIndex, readCsv } from './io/csv';
import { type DialectChoice, DIALECT_FLAGS, checkNoDialect, dialectFlags } from './io/csv-dialect';
import type { LabelledData } from './data/data';
import { InputEncoder, tableValue } from '../src/columns';
import { sourceName } from './io/files';
import { type Matrix, growingUint32 } from './data/matrix';
import { measure } from './results/metrics';
import { type ModelFile, ModelInputs, loadModelFile, modelFlag, trainedOn } from './io/model-file';
import { scaleInPlace, notScalable } from './data/normalize';
import { confusionReport, metricsLine } from './results/report';
import { terminalText } from './io/terminal-text';
import { print } from './io/standard-streams';
import { type TargetData, type TargetReader, encodeClasses, modelTarget } from './data/target';
import { DataError, dataError } from './errors';

export const EVALUATE_HELP = `Usage: neural-wasm evaluate --model FILE <data> [flags]

Reports the model's loss, accuracy and confusion matrix (or, for values, the RMSE) on labelled
rows: a CSV file with the model's input and target columns (by name), - for standard input, or a
built-in set (${BUILTIN_NAMES.join(', ')}). Past 30 classes, instead of the matrix: the 20 most
frequent confusions and the 10 classes of lowest accuracy.

  --model FILE     a model file written by neural-wasm train --out (required; a file or a pipe,
                   not a device)
  --delimiter C    a CSV file's character between cells: , ; tab | or any other one (default:
                   the one of , ; tab | that splits the first lines into the most alike columns)
  --decimal S      a CSV file's decimal separator: . or , (default: ., or , where the delimiter
                   is not , and the first lines have numbers such as 1,5)
  --backend B      wasm-simd, wasm (no SIMD) or js (default: wasm-simd where supported, else wasm)
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
  ...DIALECT_FLAGS,
  backend: { type: 'string' },
  seed: { type: 'string' },
  samples: { type: 'string' },
  noise: { type: 'string' },
  classes: { type: 'string' },
} as const;

export const evaluateCommand: Command = { name: 'evaluate', help: EVALUATE_HELP, flags: FLAGS, run: evaluate };

async function evaluate({ flags, positionals }: CommandLine): Promise<void> {
  const modelPath = modelFlag(flags, 'evaluate');
  const source = onePositional('evaluate', positionals, 'labelled data (a CSV file, - or a built-in name)');
  const builtinOptions = {
    seed: integerFlag(flags, 'seed', 0, Number.MAX_SAFE_INTEGER) ?? 1,
    samples: integerFlag(flags, 'samples', 1, 1_000_000),
    noise: numberFlag(flags, 'noise', 0, Infinity),
    classes: integerFlag(flags, 'classes', 2, 100),
  };
  const dialect = dialectFlags(flags);
  const backend = backendFlag(flags);
  if (isBuiltin(source)) {
    checkNoDialect(dialect, source);
    checkBuiltinOptions(source, builtinOptions);
  }
  const Network = await loadBackend(backend);
  const { model, net } = await loadModelFile(modelPath, Network);

  const name = isBuiltin(source) ? source : sourceName(source);
  const { inputs, truth, lines } = isBuiltin(source) ? alignToModel(await loadBuiltin(source, builtinOptions), model) : await readLabelled(source, model, dialect);
  const targets = truth.target.kind === 'classes' ? encodeClasses(truth.labels, truth.target.classes.length) : scaledTargets(truth.values!, model, name, lines);
  const metrics = measure(net, inputs, targets, truth, model.targetScaling);
  net.dispose();

  const data = trainedOn(model);
  print(`model ${modelPath}: ${data === undefined ? '' : `trained on ${terminalText(data)}, `}${lossLabel(model.network.loss)} loss`);
  print(metricsLine(name, metrics, model.target));
  if (model.target.kind === 'classes' && metrics.confusion) {
    print(`\n${confusionReport(metrics.confusion, model.target.classes)}`);
  }
}

// a CSV file's rows in the model's terms: its input columns scaled as in training, its target as the model knows it
async function readLabelled(path: string, model: ModelFile, dialectChoice: DialectChoice): Promise<LabelledRows> {
  const source = sourceName(path);
  let inputs: ModelInputs | undefined;
  let target: TargetReader | undefined;
  const lines = growingUint32();
  await readCsv(path, source, dialectChoice, (header, dialect) => {
    const inputReader = (inputs = new ModelInputs(source, header, model, dialect));
    const targetColumns = model.target.columns.map((column) => columnIndex(header, column, "the model's target", source));
    const targetReader = (target = modelTarget(source, targetColumns, model.target, dialect));
    return (cells, line) => {
      inputReader.read(cells, line);
      targetReader.read(cells, line);
      lines.push(line);
    };
  });
  return { inputs: inputs!.matrix(), truth: target!.finish(), lines: lines.values() };
}

interface LabelledRows {
  /** Scaled as the network takes them. */
  inputs: Matrix;
  truth: TargetData;
  /** The file line of each row (empty for a built-in set). */
  lines: Uint32Array;
}

// a values target as the network gives it: scaled as in training (the truth stays in its own units)
function scaledTargets(values: Matrix, model: ModelFile, source: string, lines: Uint32Array): Matrix {
  const copy: Matrix = { data: values.data.slice(), shape: values.shape };
  scaleInPlace(copy, model.targetScaling!, (row, c) =>
    dataError(notScalable(values.data[row * values.shape[1] + c]), source, lines[row], model.target.columns[c]),
  );
  return copy;
}

// a built-in set in the model's terms: its input columns in the model's order, its classes by name
function alignToModel(data: LabelledData, model: ModelFile): LabelledRows {
  const columns = model.inputs.columns.map((column) => {
    const index = data.table.columns.findIndex(({ name }) => name === column);
    if (index < 0) throw new DataError(`${data.source}: has no column '${column}' (one of the model's inputs); its columns are ${data.featureNames.join(', ')}`);
    return data.table.columns[index];
  });
  const encoder = new InputEncoder(model.inputs);
  const encoded = new Float64Array(data.table.rows * encoder.width);
  for (let row = 0; row < data.table.rows; row++) {
    const where = (c: number) => `${data.source}, row ${row + 1}, column '${model.inputs.columns[c]}'`;
    encoder.encode((c) => tableValue(columns[c], row), encoded, row * encoder.width, where, (c) => new DataError(`${where(c)}: ${notScalable(tableValue(columns[c], row) as number)}`));
  }
  const inputs: Matrix = { data: encoded, shape: [data.table.rows, encoder.width] };
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
  return { inputs, truth: { target: model.target, labels, values: null }, lines: data.lines };
}
