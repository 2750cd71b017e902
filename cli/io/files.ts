// Reading inputs: a file, or standard input for '-', as a stream; and what a failed file operation
// says in a message.
import { createReadStream, readFileSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { DataError, UsageError } from '../errors';

/** The name used for standard input in messages and as a file argument. */
export const STDIN = '-';

export function sourceName(path: string): string {
  return path === STDIN ? 'standard input' : path;
}

/** A file's bytes as a stream, or standard input's for '-'. */
export function inputStream(path: string): Readable {
  if (path !== STDIN) return createReadStream(path, { highWaterMark: 1 << 16 });
  if (process.stdin.isTTY) throw new UsageError('no input: give a CSV file, or pipe rows into standard input');
  return process.stdin;
}

/** Reads a whole (small) text file. */
export function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw readProblem(error, path);
  }
}

/** The error for a file that could not be read: `data.csv: no such file`. */
export function readProblem(error: unknown, path: string): Error {
  if (!(error as NodeJS.ErrnoException).code) return error as Error;
  return new DataError(`${sourceName(path)}: ${fileProblem(error)}`);
}

/** What went wrong with a file, in a few words. */
export function fileProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  const problems: Record<string, string> = {
    ENOENT: 'no such file',
    EISDIR: 'is a folder, not a file',
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    ENOSPC: 'no space left on the device',
    EDQUOT: 'disk quota exceeded',
    EROFS: 'read-only file system',
    EIO: 'input/output error',
    ELOOP: 'too many levels of symbolic links',
    ENOTDIR: 'a part of the path is not a folder',
  };
  return (code && problems[code]) ?? (error as Error).message;
}
