// The CLI's model file: the library's (neural-wasm/model: the network's ModelJSON under
// `network`, the input columns and their scaling, the target's classes or value scaling; checked
// there, so Model.fromJSON loads what train writes), with what the training did under `training`.
import type { EarlyStopOptions, NeuralNetwork } from 'neural-wasm';
import type { ModelFile as LibraryModelFile } from 'neural-wasm/model';
import { checkModelFile } from '../../src/model-file';
import type { FitPlan } from '../train/plan';
import type { NetworkClass } from '../../shared/backends';
import { cellNumber, columnIndex } from './csv';
import { type Matrix, growingFloat64 } from '../data/matrix';
import { type RawValue, InputEncoder, isMissing } from '../../src/columns';
import type { Dialect } from './csv-dialect';
import { readText, STDIN } from './files';
import { type FlagValues, stringFlag } from '../args';
import { writeFileAtomic } from './atomic-file';
import { DataError, UsageError, dataError } from '../errors';
import { notScalable } from '../data/normalize';

export { MODEL_FILE_FORMAT, MODEL_FILE_VERSION } from '../../src/model-file';

/** The fit's options (`epochs`: asked for), then how it went. */
export interface TrainingSummary extends FitPlan {
  /** The data set's name or file name (without its folder). */
  data: string;
  rows: { training: number; validation: number };
  earlyStop?: EarlyStopOptions;
  /** Epochs run: fewer than asked when training stopped early (see stopReason). */
  epochsRun: number;
  stopReason: string;
  /** With patience: the epoch whose weights the model has (unless earlyStop.restoreBest is false). */
  bestEpoch?: number;
}

export interface ModelFile extends LibraryModelFile {
  /** Shown, never used: a file read back may hold anything here (see trainedOn). */
  training: TrainingSummary;
}

/** One line per top-level key: readable at a glance, and the weights stay compact. */
export async function writeModelFile(path: string, model: LibraryModelFile): Promise<void> {
  const lines = Object.entries(model).map(([key, value]) => ` ${JSON.stringify(key)}: ${JSON.stringify(value)}`);
  await writeFileAtomic(path, `{\n${lines.join(',\n')}\n}\n`);
}

/** The data set the model was trained on, when the file says so plainly (training metadata is only shown). */
export function trainedOn(model: ModelFile): string | undefined {
  const training: unknown = model.training;
  return isObject(training) && typeof training.data === 'string' && training.data !== '' ? training.data : undefined;
}

/**
 * --model's value, required: a model file by its path. Not '-': that is standard input, which the
 * rows may come from, and which the checks of --out take as such.
 */
export function modelFlag(flags: FlagValues, command: string): string {
  const path = stringFlag(flags, 'model');
  if (path === undefined) throw new UsageError(`missing --model FILE (see neural-wasm ${command} --help)`);
  if (path === STDIN) throw new UsageError('--model: expected a model file by its path, not - (standard input); a file named - is ./-');
  return path;
}

/** Reads and checks a model file, and builds its network on the given backend. */
export async function loadModelFile(path: string, Network: NetworkClass): Promise<{ model: ModelFile; net: NeuralNetwork }> {
  const text = readText(path);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new DataError(`${path}: not a neural-wasm model file (not JSON: ${(error as Error).message})`);
  }
  let model: ModelFile;
  try {
    model = checkModelFile(json) as ModelFile;
  } catch (error) {
    throw new DataError(`${path}: ${(error as Error).message}`);
  }
  try {
    return { model, net: await Network.fromJSON(model.network) };
  } catch (error) {
    throw new DataError(`${path}: not a valid model file: ${(error as Error).message}`);
  }
}

/** Reads a table's rows as the model's network inputs: its input columns by name, scaled as in training. */
/**
 * Reads the model's input columns of each CSV row (found by the header), encoded as its network
 * takes them (src/columns.ts: numbers scaled, levels one-hot, missing cells filled as in training).
 * A cell the model cannot take is reported with its file, line and column.
 */
export class ModelInputs {
  readonly #values = growingFloat64();
  readonly #encoder: InputEncoder;
  readonly #row: Float64Array;
  readonly #indices: number[];

  constructor(
    readonly source: string,
    header: readonly string[],
    readonly model: ModelFile,
    readonly dialect: Dialect,
  ) {
    this.#indices = model.inputs.columns.map((name) => columnIndex(header, name, "one of the model's inputs", source));
    this.#encoder = new InputEncoder(model.inputs);
    this.#row = new Float64Array(this.#encoder.width);
  }

  get width(): number {
    return this.#encoder.width;
  }

  read(cells: string[], line: number): void {
    const { columns } = this.model.inputs;
    const cell = (c: number) => cells[this.#indices[c]];
    this.#encoder.encode(
      (c) => this.#value(cell(c), c, line), this.#row, 0, (c) => `${this.source}, line ${line}, column '${columns[c]}'`,
      (c) => dataError(notScalable(cell(c)), this.source, line, columns[c]),
    );
    for (const value of this.#row) this.#values.push(value);
  }

  matrix(): Matrix {
    const data = this.#values.values();
    return { data, shape: [data.length / this.#encoder.width, this.#encoder.width] };
  }

  // a cell as the model's column takes it: text for a categorical column, else a number in the
  // file's dialect; missing where the model knows what it becomes (a model file made before column
  // types does not: then the cell must be a number)
  #value(cell: string, c: number, line: number): RawValue {
    const { types, fill, columns } = this.model.inputs;
    if (isMissing(cell) && fill !== undefined) return null;
    if (types?.[c] === 'categorical') return cell;
    return cellNumber(cell, this.dialect, this.source, line, columns[c]);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
