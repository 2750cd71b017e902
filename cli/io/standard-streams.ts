// Standard output and error. A reader that went away (`| head`: EPIPE) silences the stream and the
// work goes on (--out, --plot are still written). Any other failure (a full disk: ENOSPC) is kept,
// and ends the command with one line and exit code 1: at once where the output is the work
// (predict), at the end otherwise.
import { DataError } from '../errors';
import { fileProblem } from './files';
import { terminalLines } from './terminal-text';

let failure: DataError | undefined;
const closed = new Set<NodeJS.WriteStream>();

function closedPipe(error: NodeJS.ErrnoException): boolean {
  return error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED';
}

export function watchStandardStreams(): void {
  for (const [stream, name] of [[process.stdout, 'standard output'], [process.stderr, 'standard error']] as const) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      closed.add(stream);
      if (!closedPipe(error)) failure ??= new DataError(`${name}: cannot write: ${fileProblem(error)}`);
    });
  }
}

/** The first failure of standard output or error other than a closed pipe. */
export function standardStreamFailure(): DataError | undefined {
  return failure;
}

/** Whether standard output can no longer be written (closed or failed): no use computing more of it. */
export function standardOutputGone(): boolean {
  return closed.has(process.stdout);
}

/**
 * Prints a line on standard output (a report: errors are dealt with as above). Whatever it quotes
 * (a file's name, a column's, a path given) reaches the terminal as terminalText shows it.
 */
export function print(line = ''): void {
  if (!closed.has(process.stdout)) process.stdout.write(terminalLines(line) + '\n');
}

/** Writes to standard output and waits until it is taken; rejects if it failed (not if it was closed). */
export function writeOutput(text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (failure) return reject(failure);
    if (closed.has(process.stdout)) return resolve();
    process.stdout.write(text, (error) => {
      // the 'error' event, which sets `failure`, comes after this callback
      if (error && !closedPipe(error as NodeJS.ErrnoException)) reject(new DataError(`standard output: cannot write: ${fileProblem(error)}`));
      else resolve();
    });
  });
}
