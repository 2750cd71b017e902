// Reading inputs and writing outputs. Outputs are written whole or not at all: into a temporary
// file beside the target, then renamed over it, so an existing file is never left half-written.
import { readFileSync, writeFileSync, renameSync, rmSync, statSync, mkdirSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';
import { DataError, UsageError } from './errors';

/** The name used for standard input in messages and as a file argument. */
export const STDIN = '-';

/** Reads a whole text file, or standard input for '-'. */
export function readText(path: string): string {
  if (path === STDIN) {
    if (process.stdin.isTTY) throw new UsageError('no input: give a CSV file, or pipe rows into standard input');
    return readFileSync(0, 'utf8');
  }
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new DataError(`${path}: ${fileProblem(error)}`);
  }
}

export function sourceName(path: string): string {
  return path === STDIN ? 'standard input' : path;
}

export function writeFileAtomic(path: string, text: string): void {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    writeFileSync(temporary, text);
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw new DataError(`${path}: cannot write: ${fileProblem(error)}`);
  }
}

/** Checks before any work is done that a file can later be written at `path` (its folder exists). */
export function checkOutputFile(path: string, flag: string): void {
  const folder = statSync(dirname(path), { throwIfNoEntry: false });
  if (!folder?.isDirectory()) throw new UsageError(`${flag} ${path}: the folder ${dirname(path)} does not exist`);
  if (statSync(path, { throwIfNoEntry: false })?.isDirectory()) throw new UsageError(`${flag} ${path}: is a folder, not a file`);
}

/** Creates an output folder (and its parents) if needed. */
export function makeOutputFolder(path: string, flag: string): void {
  try {
    mkdirSync(path, { recursive: true });
  } catch (error) {
    throw new UsageError(`${flag} ${path}: cannot create the folder: ${fileProblem(error)}`);
  }
}

function fileProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'is a folder, not a file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return (error as Error).message;
}
