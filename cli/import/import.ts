// `neural-wasm import`: a TensorFlow.js layers model (model.json and the weight files its manifest
// lists, as tfjs's model.save('file://...') and tensorflowjs_converter write them) as a model file,
// through neural-wasm/import's fromTensorFlowJS and neural-wasm/model's Model: the columns and the
// classes named by flags (or numbered), the inputs taken as they come (the file says nothing of
// how the rows were scaled).
import { basename } from 'node:path';
import { Model, type Scaling, type Target, type Task } from 'neural-wasm/model';
import { TASKS } from '../../src/preprocessing';
import { noScaling } from '../../src/scaling';
import { fromTensorFlowJS } from 'neural-wasm/import';
import type { NeuralNetwork } from 'neural-wasm';
import { type Command, type CommandLine, onePositional, choiceFlag, namesFlag, stringFlag } from '../args';
import { loadBackend } from '../backend';
import { STDIN } from '../io/files';
import { writeModelFile } from '../io/model-file';
import { checkOutputs } from '../io/output-paths';
import { print } from '../io/standard-streams';
import { nameList } from '../io/terminal-text';
import { findWeightFiles, readModelJSONFile, readWeightFiles } from './weight-files';
import { DataError, UsageError } from '../errors';

export const IMPORT_HELP = `Usage: neural-wasm import <model.json> --out FILE [flags]

Reads a TensorFlow.js layers model (model.json and the weight files it lists, as tfjs's
model.save('file://...') writes them and tensorflowjs_converter makes them from Keras) made of Dense
layers, and writes a model file for neural-wasm predict, evaluate and export and the library's
Model.fromJSON. The model takes its inputs as they come: give it rows scaled as it was trained on.
model.json must be a regular file (not a pipe such as /dev/stdin). Only the weight files inside
its folder (the folder of its real path, symlinks followed) are read, each a regular file no larger
than the manifest declares; any other path is refused.

  --out FILE        the model file to write (required; written whole or not at all; not
                    model.json or a weight file)
  --columns NAMES   the input columns' names, as CSV headers hold them (default: x1, x2, ...)
  --classes NAMES   the class names, in the order of the outputs (default: 0, 1, ...)
  --target NAMES    the target column's name (default: class), or one per value (default: value
                    for one output, else value1, value2, ...)
  --task T          auto (default: classes for a softmax output or one sigmoid output, else
                    values), classification or regression
  -h, --help        this help

Example
  neural-wasm import tfjs-model/model.json --columns sepal_length,sepal_width,petal_length,petal_width \\
    --classes setosa,versicolor,virginica --out iris-model.json
`;

const FLAGS = {
  out: { type: 'string' },
  columns: { type: 'string' },
  classes: { type: 'string' },
  target: { type: 'string' },
  task: { type: 'string' },
} as const;

export const importCommand: Command = { name: 'import', help: IMPORT_HELP, flags: FLAGS, run: importModel };

async function importModel({ flags, positionals }: CommandLine): Promise<void> {
  const source = onePositional('import', positionals, "TensorFlow.js model (its model.json)");
  // '-' is standard input to every command (and to checkOutputs); model.json is found by its path
  if (source === STDIN) throw new UsageError("import reads model.json by its path (its folder holds the weight files), not from standard input (-)");
  const out = stringFlag(flags, 'out');
  if (out === undefined) throw new UsageError('missing --out FILE (see neural-wasm import --help)');
  const names = { columns: namesFlag(flags, 'columns'), classes: namesFlag(flags, 'classes'), target: namesFlag(flags, 'target') };
  const task = choiceFlag(flags, 'task', TASKS) ?? 'auto';
  if (task === 'regression' && names.classes) throw new UsageError('--classes applies to classes, not to --task regression');
  checkOutputs([{ flag: '--out', path: out }], [{ what: 'the model to import', path: source }]);

  const { modelJSON, folder } = readModelJSON(source);
  const weightFiles = findWeightFiles(source, modelJSON, folder);
  // every weight file is an input too: --out must not replace one
  checkOutputs([{ flag: '--out', path: out }], weightFiles.map(({ path }) => ({ what: 'a weight file of the model', path })));
  // the js core: the imported weights are kept as they are, and no .wasm is loaded
  const net = await importNetwork(source, modelJSON, readWeightFiles(source, weightFiles), await loadBackend('js'));
  try {
    const description = { inputs: { columns: inputColumns(net, names.columns, source), scaling: noScaling(net.layers[0]) }, ...modelTarget(net, task, names, source) };
    let model: Model;
    try {
      model = new Model(net, { ...description, training: { importedFrom: basename(source) } });
    } catch (error) {
      throw new DataError(`${source}: ${(error as Error).message}`);
    }
    await writeModelFile(out, model.toJSON());
    const { target } = model;
    const answers = target.kind === 'classes' ? `classes ${nameList(target.classes)}` : `values ${nameList(target.columns)}`;
    print(`${out}: network ${net.layers.join('-')} (${net.activation.join(', ')}), inputs ${nameList(model.inputs.columns)}; ${answers}`);
  } finally {
    net.dispose();
  }
}

// model.json, as far as to know it lists weight files: a regular file, whose real folder holds them
// (a pipe such as /dev/stdin has no folder of its own: /dev is none of the model's)
// model.json parsed, and the model's folder (the folder of the very file read)
function readModelJSON(path: string): { modelJSON: object; folder: string } {
  const { text, folder } = readModelJSONFile(path);
  let modelJSON: unknown;
  try {
    modelJSON = JSON.parse(text);
  } catch (error) {
    // (the parser's message quotes the text: from a model.json that links to another file, that file's)
    const at = /position (\d+)/.exec((error as Error).message)?.[1];
    throw new DataError(`${path}: not a TensorFlow.js model.json (not JSON${at === undefined ? '' : ` at character ${at}`})`);
  }
  if (!Array.isArray((modelJSON as { weightsManifest?: unknown } | null)?.weightsManifest)) {
    throw new DataError(`${path}: not a TensorFlow.js model.json (expected "weightsManifest", the list of its weight files)`);
  }
  return { modelJSON: modelJSON as object, folder };
}

async function importNetwork(path: string, modelJSON: object, weights: Uint8Array[], Network: Parameters<typeof fromTensorFlowJS>[0]): Promise<NeuralNetwork> {
  try {
    return await fromTensorFlowJS(Network, { modelJSON, weights });
  } catch (error) {
    throw new DataError(`${path}: ${(error as Error).message}`);
  }
}

function inputColumns(net: NeuralNetwork, given: string[] | undefined, source: string): string[] {
  const width = net.layers[0];
  if (given === undefined) return Array.from({ length: width }, (_, c) => `x${c + 1}`);
  if (given.length !== width) throw new UsageError(`--columns names ${given.length} columns, but ${source} takes ${width} inputs`);
  return given;
}

// classes for a softmax output, or one sigmoid output (the second class's probability); else values
function modelTarget(net: NeuralNetwork, task: Task, names: { classes?: string[]; target?: string[] }, source: string): { target: Target; targetScaling: Scaling | null } {
  const units = net.layers.at(-1)!;
  const activation = net.activation.at(-1)!;
  const classLike = activation === 'softmax' || (activation === 'sigmoid' && units === 1);
  const output = `${source} ends in ${units} ${activation} output${units === 1 ? '' : 's'}`;
  if (task === 'regression' || (task === 'auto' && !classLike && !names.classes)) {
    const columns = names.target ?? (units === 1 ? ['value'] : Array.from({ length: units }, (_, c) => `value${c + 1}`));
    if (columns.length !== units) throw new UsageError(`--target names ${columns.length} values, but ${output}`);
    return { target: { kind: 'values', columns }, targetScaling: noScaling(units) };
  }
  if (!classLike) throw new UsageError(`${output}: classes need a softmax output (3 classes or more) or one sigmoid output (2 classes); use --task regression to keep them as values`);
  if (activation === 'softmax' && units === 2) {
    throw new UsageError(`${output}: neural-wasm's models of two classes have one sigmoid output; use --task regression to keep the two outputs as values`);
  }
  const count = units === 1 ? 2 : units;
  const classes = names.classes ?? Array.from({ length: count }, (_, c) => String(c));
  if (classes.length !== count) throw new UsageError(`--classes names ${classes.length} classes, but ${output} (${count} classes)`);
  const columns = names.target ?? ['class'];
  if (columns.length !== 1) throw new UsageError(`--target: a class target is one column, got ${columns.length} names`);
  return { target: { kind: 'classes', columns, classes }, targetScaling: null };
}
