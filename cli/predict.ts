// `neural-wasm predict`: CSV rows in (a file or standard input), predictions out as CSV in the same
// dialect (delimiter and decimal separator): the predicted class and each class's probability, or
// the predicted values in the target's units. The rows are read as numbers first (a bad row is
// reported before anything is written), then predicted and written a block at a time.
import { predictedClass } from 'neural-wasm/datasets';
import { type Command, type CommandLine, namesFlag, onePositional, stringFlag } from './args';
import { AtomicFile } from './io/atomic-file';
import { backendFlag, loadBackend } from './backend';
import { columnIndex, readCsv } from './io/csv';
import { type Dialect, DIALECT_FLAGS, dialectFlags } from './io/csv-dialect';
import { type Decimal, writtenNumber } from './io/numerals';
import { sourceName, STDIN } from './io/files';
import { growingUint32 } from './data/matrix';
import { type ModelFile, ModelInputs, loadModelFile, modelFlag } from './io/model-file';
import { unscaled } from './data/normalize';
import { checkOutputs } from './io/output-paths';
import { predictionBlocks } from './results/prediction-blocks';
import { standardOutputGone, writeOutput } from './io/standard-streams';
import { terminalText } from './io/terminal-text';
import { classProbabilities } from './data/target';
import { DataError } from './errors';

export const PREDICT_HELP = `Usage: neural-wasm predict --model FILE [rows.csv | -] [flags]

Reads CSV rows with a header row (a file, or standard input when none is given or for -), takes the
model's input columns by name (other columns are ignored), and writes one CSV row of predictions per
row, after the columns --keep names: for classes the predicted class and each class's probability
(p_<class>), for values the predicted values. Missing values and categories training never saw are
answered as the model was trained to (the training rows' median or most frequent level; a new
category as none of the known ones). The predictions are written in the rows' dialect: with their
delimiter and, with decimal commas, numbers such as 0,25 (see --delimiter and --decimal). On a
terminal, control characters in the names and kept cells are shown as U+FFFD; to a file or a pipe,
they are written as they are.

  --model FILE     a model file written by neural-wasm train --out (required; a file or a pipe,
                   not a device)
  --out FILE       write the predictions to FILE (whole or not at all) instead of standard output
  --keep COLUMNS   columns of the rows to write before the predictions, as they are (an id, a
                   name, the true answer): comma-separated names; one named as a prediction
                   column is written as <name>_given
  --delimiter C    the character between cells: , ; tab | or any other one (default: the one of
                   , ; tab | that splits the first lines into the most alike columns)
  --decimal S      the numbers' decimal separator: . or , (default: ., or , where the delimiter
                   is not , and the first lines have numbers such as 1,5)
  --backend B      wasm-simd, wasm (no SIMD) or js (default: wasm-simd where supported, else wasm)
  -h, --help       this help

Example
  neural-wasm predict --model iris-model.json flowers.csv > predictions.csv
`;

const FLAGS = {
  model: { type: 'string' },
  out: { type: 'string' },
  keep: { type: 'string' },
  ...DIALECT_FLAGS,
  backend: { type: 'string' },
} as const;

export const predictCommand: Command = { name: 'predict', help: PREDICT_HELP, flags: FLAGS, run: predict };

async function predict({ flags, positionals }: CommandLine): Promise<void> {
  const modelPath = modelFlag(flags, 'predict');
  const input = onePositional('predict', positionals, 'file of rows', STDIN);
  const out = stringFlag(flags, 'out');
  const keep = namesFlag(flags, 'keep') ?? [];
  const dialectChoice = dialectFlags(flags);
  const backend = backendFlag(flags);
  if (out !== undefined) {
    checkOutputs([{ flag: '--out', path: out }], [{ what: 'the model (--model)', path: modelPath }, { what: 'the rows to predict', path: input }]);
  }
  const Network = await loadBackend(backend);
  const { model, net } = await loadModelFile(modelPath, Network);
  const source = sourceName(input);
  let reader: ModelInputs | undefined;
  let dialect: Dialect | undefined;
  const lines = growingUint32();
  // the kept columns' cells, row after row (the rows are all read before the first prediction)
  const kept: string[] = [];
  await readCsv(input, source, dialectChoice, (header, found) => {
    dialect = found;
    const columns = (reader = new ModelInputs(source, header, model, found));
    const keptIndices = keep.map((name) => columnIndex(header, name, 'named by --keep', source));
    return (cells, line) => {
      columns.read(cells, line);
      lines.push(line);
      for (const k of keptIndices) kept.push(cells[k]);
    };
  });
  const inputs = reader!.matrix();
  const rowLines = lines.values();

  const file = out === undefined ? undefined : await AtomicFile.open(out);
  const write = (text: string) => (file ? file.write(text) : writeOutput(text));
  // the model file's class and column names: on a terminal as terminalText shows them (no escape
  // sequence reaches it); to a file or a pipe, as the model file holds them
  const cell = !file && process.stdout.isTTY ? terminalText : (text: string) => text;
  const { delimiter, decimal } = dialect!;
  try {
    const predicted = predictionHeader(model);
    const keptHeader = keep.map((name) => (predicted.includes(name) ? `${name}_given` : name));
    await write(csvLine([...keptHeader, ...predicted].map(cell), delimiter) + '\n');
    for (const { first, outputs } of predictionBlocks(net, inputs)) {
      // standard output closed (`| head`): nothing more to write
      if (!file && standardOutputGone()) break;
      const rows = outputs.map((output, i) => {
        const r = first + i;
        const prediction = predictionRow(model, output, decimal, () => `${source}, line ${rowLines[r]}`);
        return csvLine([...kept.slice(r * keep.length, (r + 1) * keep.length), ...prediction].map(cell), delimiter);
      });
      await write(rows.join('\n') + '\n');
    }
    await file?.commit();
  } catch (error) {
    await file?.discard();
    throw error;
  }
  net.dispose();
}

function predictionHeader(model: ModelFile): string[] {
  const { target } = model;
  if (target.kind === 'values') return target.columns;
  return [target.columns.length === 1 ? target.columns[0] : 'class', ...target.classes.map((name) => `p_${name}`)];
}

// numbers in JS's shortest round-trip form (with the rows' decimal separator): parsing the CSV gives
// back the network's exact doubles
function predictionRow(model: ModelFile, output: Float64Array, decimal: Decimal, where: () => string): string[] {
  const { target } = model;
  if (target.kind === 'values') {
    return Array.from(output, (y, c) => {
      const value = unscaled(y, model.targetScaling!, c);
      if (!Number.isFinite(value)) throw new DataError(`${where()}: the predicted '${target.columns[c]}' is not a finite number (the row is too far outside the range of the training rows)`);
      return writtenNumber(value, decimal);
    });
  }
  return [target.classes[predictedClass(output)], ...classProbabilities(output).map((p) => writtenNumber(p, decimal))];
}

// a cell quoted where it holds the delimiter, a quote or a line break, or starts or ends with a space
function csvLine(cells: readonly string[], delimiter: string): string {
  const quoted = (cell: string) => cell.includes(delimiter) || /["\r\n]|^\s|\s$/.test(cell);
  return cells.map((cell) => (quoted(cell) ? `"${cell.replace(/"/g, '""')}"` : cell)).join(delimiter);
}
