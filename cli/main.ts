// The `neural-wasm` command: train, predict, evaluate, export, import. Every failure is one line on
// standard error, `neural-wasm: <what went wrong, and where>`, and a non-zero exit code.
import { createRequire } from 'node:module';
import { trainCommand } from './train/train';
import { predictCommand } from './predict';
import { evaluateCommand } from './evaluate';
import { exportCommand } from './export';
import { importCommand } from './import/import';
import { runCommand, type Command } from './args';
import { UsageError } from './errors';
import { standardStreamFailure, watchStandardStreams } from './io/standard-streams';
import { terminalLines, terminalText } from './io/terminal-text';

const HELP = `Usage: neural-wasm <command> [flags]

Train, evaluate and use dense neural networks on CSV data or built-in data sets.

Commands
  train <data>                     train a network; print the loss curve, accuracy and confusion
                                   matrix; write the model (--out) and plots (--plot)
  predict --model FILE [rows.csv]  predictions for CSV rows (a file or standard input), as CSV
  evaluate --model FILE <data>     loss, accuracy and confusion matrix on labelled rows
  export --model FILE --out FILE   the model as a standalone ES module (no imports) or ONNX
  import <model.json> --out FILE   a TensorFlow.js (or Keras) model of Dense layers as a model file

  neural-wasm <command> --help     a command's flags
  neural-wasm --version

Example
  neural-wasm train moons --out moons.json --plot plots
  neural-wasm predict --model moons.json points.csv
`;

const COMMANDS: readonly Command[] = [trainCommand, predictCommand, evaluateCommand, exportCommand, importCommand];

/** Runs one command line (without `node` and the script); resolves to the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...args] = argv;
  watchStandardStreams();
  try {
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      process.stdout.write(HELP);
    } else if (command === '--version' || command === '-v') {
      process.stdout.write(`${createRequire(import.meta.url)('../package.json').version}\n`);
    } else {
      const known = COMMANDS.find(({ name }) => name === command);
      if (!known) throw new UsageError(`unknown command '${command}': expected train, predict, evaluate, export or import (see neural-wasm --help)`);
      await runCommand(known, args);
    }
    // a failed write to standard output or error is reported once the 'error' event has come
    await new Promise((resolve) => setImmediate(resolve));
    const failure = standardStreamFailure();
    if (failure) throw failure;
    return 0;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // one line, whatever the message quotes from a file
    process.stderr.write(`neural-wasm: ${terminalText(message.replace(/\s*\n\s*/g, ' '))}\n`);
    if (process.env.NEURAL_WASM_DEBUG && error instanceof Error) process.stderr.write(`${terminalLines(String(error.stack))}\n`);
    return error instanceof UsageError ? 2 : 1;
  }
}
