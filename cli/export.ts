// `neural-wasm export`: a model file as a standalone ES module (its scaling, network and classes
// inline, no imports) or as an ONNX model (its scaling and target as ONNX operators): neural-wasm/
// export's toStandalone and toONNX of the library's Model, written whole or not at all.
import { Model } from 'neural-wasm/model';
import { type Command, type CommandLine, stringFlag, choiceFlag } from './args';
import { writeFileAtomic } from './io/atomic-file';
import { loadBackend } from './backend';
import { loadModelFile, modelFlag } from './io/model-file';
import { checkOutputs } from './io/output-paths';
import { print } from './io/standard-streams';
import { DataError, UsageError } from './errors';

export const EXPORT_HELP = `Usage: neural-wasm export --model FILE --out FILE [flags]

Writes a model file (from neural-wasm train --out) as
- js: an ES module that runs anywhere without neural-wasm: import { predict } from './model.js';
  predict([5.1, 3.5, 1.4, 0.2]) gives the class and its probabilities, or the values, from raw rows
  (in column order, or an object by column name), exactly as neural-wasm predict --backend js does
  (the default WASM core: to rounding);
- onnx: an ONNX model (opset 17) for ONNX Runtime and other ONNX readers: input 'input' [rows,
  columns] of raw values; outputs 'probabilities' and 'label' (the class index) for classes, or
  'output' (the values in the target's units); the column and class names in its metadata.

  --model FILE      the model file (required; a file or a pipe, not a device)
  --out FILE        the file to write (required; written whole or not at all)
  --format F        js or onnx (default: onnx for a FILE ending in .onnx, else js)
  --encoding E      js: the weights as base64 (default, the smaller) or decimal (readable)
  --precision P     onnx: float32 (default) or float64 tensors (float64 for a model with a weight
                    or scaling past float32's range, 3.4e38, which float32 refuses)
  -h, --help        this help

Examples
  neural-wasm export --model iris-model.json --out iris-model.js
  neural-wasm export --model iris-model.json --out iris-model.onnx
`;

const FLAGS = {
  model: { type: 'string' },
  out: { type: 'string' },
  format: { type: 'string' },
  encoding: { type: 'string' },
  precision: { type: 'string' },
} as const;

export const exportCommand: Command = { name: 'export', help: EXPORT_HELP, flags: FLAGS, run: exportModel };

async function exportModel({ flags, positionals }: CommandLine): Promise<void> {
  if (positionals.length) throw new UsageError(`export takes no file argument, got ${positionals.join(' ')} (give --model FILE and --out FILE)`);
  const modelPath = modelFlag(flags, 'export');
  const out = stringFlag(flags, 'out');
  if (out === undefined) throw new UsageError('missing --out FILE (see neural-wasm export --help)');
  const format = choiceFlag(flags, 'format', ['js', 'onnx'] as const) ?? (out.toLowerCase().endsWith('.onnx') ? 'onnx' : 'js');
  const encoding = choiceFlag(flags, 'encoding', ['base64', 'decimal'] as const);
  const precision = choiceFlag(flags, 'precision', ['float32', 'float64'] as const);
  if (format === 'onnx' && encoding !== undefined) throw new UsageError('--encoding applies to --format js (an ONNX model holds its weights as tensors)');
  if (format === 'js' && precision !== undefined) throw new UsageError("--precision applies to --format onnx (the js module computes at the model's own precision, as the library)");
  checkOutputs([{ flag: '--out', path: out }], [{ what: 'the model (--model)', path: modelPath }]);
  // the js core: the module reproduces its predictions to the last bit
  const { model, net } = await loadModelFile(modelPath, await loadBackend('js'));
  // loaded here, not at start-up: neural-wasm/export brings the ONNX writer's protobuf library
  const { toStandalone, toONNX, Float32RangeError } = await import('neural-wasm/export');
  let exported: string | Uint8Array;
  try {
    exported = format === 'js' ? toStandalone(new Model(net, model), { encoding }) : toONNX(new Model(net, model), { precision });
  } catch (error) {
    // a weight or scaling past float32's range: the model is fine, the default precision cannot hold it
    if (error instanceof Float32RangeError) throw new DataError(`${modelPath}: ${error.problem}; export it with --precision float64`);
    throw error;
  }
  await writeFileAtomic(out, exported);
  const size = `${Math.max(1, Math.round(exported.length / 1024)).toLocaleString('en-US')} KB`;
  if (format === 'js') {
    print(`${out}: an ES module of ${size}, no imports: import { predict } from it`);
  } else {
    // what to feed it: the numeric columns and the categorical ones are two inputs (named in its metadata)
    const categorical = model.inputs.types?.filter((type) => type === 'categorical').length ?? 0;
    const numeric = model.inputs.columns.length - categorical;
    const inputs = [numeric ? `input [rows, ${numeric}] (numbers${model.inputs.fill ? ', NaN if missing' : ''})` : '', categorical ? `categories [rows, ${categorical}] (text)` : ''].filter(Boolean);
    print(`${out}: an ONNX model of ${size} (opset 17); it takes ${inputs.join(' and ')}, the columns in the model's order`);
  }
  net.dispose();
}
