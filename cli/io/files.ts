// Reading inputs: a file, or standard input for '-', as a stream; a whole model file; and what a
// failed file operation says in a message.
import { closeSync, createReadStream, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { constants as bufferConstants } from 'node:buffer';
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

/**
 * The most bytes readText reads: the longest string JavaScript holds (V8: 2^29 - 24 characters,
 * about 512 MiB), so the longest model file that can be read as text at all.
 */
export const MAX_TEXT_BYTES = bufferConstants.MAX_STRING_LENGTH;

const TEXT_PIECE_BYTES = 1 << 20;

/**
 * Reads a whole text file (a model file): a regular file of at most `most` bytes, or a pipe
 * (`--model <(...)`) read up to that bound. A device is refused before it is opened: /dev/zero
 * never ends, /dev/stdin may be a terminal.
 */
export function readText(path: string, most = MAX_TEXT_BYTES): string {
  try {
    checkTextFile(path, statSync(path), most);
    const handle = openSync(path, 'r');
    try {
      // checked again on the file opened, which may have been swapped for another
      const stats = fstatSync(handle);
      checkTextFile(path, stats, most);
      return readUpTo(handle, path, most, stats.isFile() ? stats.size + 1 : TEXT_PIECE_BYTES).toString('utf8');
    } finally {
      closeSync(handle);
    }
  } catch (error) {
    throw readProblem(error, path);
  }
}

function checkTextFile(path: string, stats: Stats, most: number): void {
  if (stats.isFile() && stats.size > most) throw tooLong(path, most);
  if (!stats.isFile() && !stats.isFIFO()) throw new DataError(`${sourceName(path)}: ${fileKind(stats)}; expected a file (or a pipe)`);
}

export function tooLong(path: string, most: number): DataError {
  return new DataError(`${sourceName(path)}: more than ${most.toLocaleString('en-US')} bytes, the most that can be read as text`);
}

// a pipe's bytes until it ends, or a regular file's (which may grow as it is read): never past
// `most`; the first piece as large as the file is expected to be (a regular file's size, and one)
export function readUpTo(handle: number, path: string, most: number, firstPiece: number): Buffer {
  const pieces: Buffer[] = [];
  let total = 0;
  for (;;) {
    const piece = Buffer.allocUnsafe(Math.min(pieces.length ? TEXT_PIECE_BYTES : firstPiece, most + 1 - total));
    const read = readSync(handle, piece, 0, piece.length, null);
    if (read === 0) return Buffer.concat(pieces, total);
    total += read;
    if (total > most) throw tooLong(path, most);
    pieces.push(piece.subarray(0, read));
  }
}

/** The error for a file that could not be read: `data.csv: no such file`. */
export function readProblem(error: unknown, path: string): Error {
  if (!(error as NodeJS.ErrnoException).code) return error as Error;
  return new DataError(`${sourceName(path)}: ${fileProblem(error)}`);
}

/** What a file that is not a regular one is: 'is a pipe (FIFO)'. */
export function fileKind(stats: Stats): string {
  if (stats.isDirectory()) return 'is a folder';
  if (stats.isFIFO()) return 'is a pipe (FIFO)'; // named (mkfifo) or not (a shell's |)
  if (stats.isCharacterDevice()) return 'is a character device';
  if (stats.isBlockDevice()) return 'is a block device';
  if (stats.isSocket()) return 'is a socket';
  return 'is not a regular file';
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
