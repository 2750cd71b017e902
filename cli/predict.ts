// `neural-wasm predict`: CSV rows in (a file or standard input), predictions out as CSV: the
// predicted class and each class's probability, or the predicted values in the target's units.
import { parseCommandLine, onePositional, stringFlag, choiceFlag } from './args';
import { BACKEND_NAMES, loadBackend } from './backend';
import { parseCsv } from './csv';
import { readText, sourceName, checkOutputFile, writeFileAtomic, STDIN } from './files';
import { type ModelFile, loadModelFile, modelInputs } from './model-file';
import { invertScaling } from './normalize';
import { classProbabilities, predictedClass } from './target';
import { UsageError } from './errors';

export const PREDICT_HELP = `Usage: neural-wasm predict --model FILE [rows.csv | -] [flags]

Reads CSV rows with a header row (a file, or standard input when none is given or for -), takes the
model's input columns by name (other columns are ignored), and writes one CSV row of predictions per
row: for classes the predicted class and each class's probability (p_<class>), for values the
predicted values.

  --model FILE     a model file written by neural-wasm train --out (required)
  --out FILE       write the predictions to FILE (whole or not at all) instead of standard output
  --backend B      wasm (default), baseline or js
  -h, --help       this help

Example
  neural-wasm predict --model iris-model.json flowers.csv > predictions.csv
`;

const FLAGS = {
  model: { type: 'string' },
  out: { type: 'string' },
  backend: { type: 'string' },
} as const;

export async function predict(args: readonly string[]): Promise<void> {
  const { flags, positionals } = parseCommandLine('predict', args, FLAGS);
  if (flags.help) return void process.stdout.write(PREDICT_HELP);
  const modelPath = stringFlag(flags, 'model');
  if (modelPath === undefined) throw new UsageError('missing --model FILE (see neural-wasm predict --help)');
  const input = onePositional('predict', positionals, 'file of rows', STDIN);
  const out = stringFlag(flags, 'out');
  if (out !== undefined) checkOutputFile(out, '--out');
  const Network = await loadBackend(choiceFlag(flags, 'backend', BACKEND_NAMES) ?? 'wasm');
  const { model, net } = await loadModelFile(modelPath, Network);
  const table = parseCsv(readText(input), sourceName(input));
  const outputs = net.predict(modelInputs(table, model)) as Float64Array[];
  net.dispose();
  const csv = [predictionHeader(model), ...outputs.map((output) => predictionRow(model, output))].map(csvLine).join('\n') + '\n';
  if (out === undefined) process.stdout.write(csv);
  else writeFileAtomic(out, csv);
}

function predictionHeader(model: ModelFile): string[] {
  const { target } = model;
  if (target.kind === 'values') return target.columns;
  return [target.columns.length === 1 ? target.columns[0] : 'class', ...target.classes.map((name) => `p_${name}`)];
}

// numbers in JS's shortest round-trip form: parsing the CSV gives back the network's exact doubles
function predictionRow(model: ModelFile, output: Float64Array): string[] {
  const { target } = model;
  if (target.kind === 'values') return invertScaling(output, model.targetScaling!).map(String);
  const classCount = target.classes.length;
  return [target.classes[predictedClass(output, classCount)], ...classProbabilities(output, classCount).map(String)];
}

function csvLine(cells: readonly string[]): string {
  return cells.map((cell) => (/[",\r\n]|^\s|\s$/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell)).join(',');
}
