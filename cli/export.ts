// `neural-wasm export`: a model file as a standalone ES module (its scaling, network and classes
// inline, no imports: neural-wasm/export's toStandalone of the library's Model), written whole or
// not at all.
import { Model } from 'neural-wasm/model';
import { parseCommandLine, stringFlag, choiceFlag } from './args';
import { writeFileAtomic } from './atomic-file';
import { loadBackend } from './backend';
import { loadModelFile } from './model-file';
import { checkOutputs } from './output-paths';
import { print } from './standard-streams';
import { UsageError } from './errors';

export const EXPORT_HELP = `Usage: neural-wasm export --model FILE --out FILE [flags]

Writes a model file (from neural-wasm train --out) as an ES module that runs anywhere without
neural-wasm: import { predict } from './model.js'; predict([5.1, 3.5, 1.4, 0.2]) gives the class
and its probabilities, or the values, from raw rows (in column order, or an object by column name),
exactly as neural-wasm predict does.

  --model FILE      the model file (required)
  --out FILE        the module to write (required; written whole or not at all)
  --format js       the format (js: an ES module; the ONNX export of a model file's scaling and
                    classes is still to come: toONNX in neural-wasm/export exports the network)
  --encoding E      the weights as base64 (default, the smaller) or decimal (readable)
  -h, --help        this help

Example
  neural-wasm export --model iris-model.json --out iris-model.js
`;

const FLAGS = {
  model: { type: 'string' },
  out: { type: 'string' },
  format: { type: 'string' },
  encoding: { type: 'string' },
} as const;

export async function exportModel(args: readonly string[]): Promise<void> {
  const { flags, positionals } = parseCommandLine('export', args, FLAGS);
  if (flags.help) return void process.stdout.write(EXPORT_HELP);
  if (positionals.length) throw new UsageError(`export takes no file argument, got ${positionals.join(' ')} (give --model FILE and --out FILE)`);
  const modelPath = stringFlag(flags, 'model');
  if (modelPath === undefined) throw new UsageError('missing --model FILE (see neural-wasm export --help)');
  const out = stringFlag(flags, 'out');
  if (out === undefined) throw new UsageError('missing --out FILE (see neural-wasm export --help)');
  choiceFlag(flags, 'format', ['js'] as const);
  const encoding = choiceFlag(flags, 'encoding', ['base64', 'decimal'] as const);
  checkOutputs([{ flag: '--out', path: out }], [{ what: 'the model (--model)', path: modelPath }]);
  // the js core: the module reproduces its predictions to the last bit
  const { model, net } = await loadModelFile(modelPath, await loadBackend('js'));
  // loaded here, not at start-up: neural-wasm/export brings the ONNX writer's protobuf library
  const { toStandalone } = await import('neural-wasm/export');
  const source = toStandalone(new Model(net, model), { encoding });
  await writeFileAtomic(out, source);
  print(`${out}: an ES module of ${Math.round(source.length / 1024).toLocaleString('en-US')} KB, no imports: import { predict } from it`);
  net.dispose();
}
