// `neural-wasm import`'s weight files: the paths model.json's weightsManifest lists, each read only
// when it is a regular file inside the folder of model.json's real path (symlinks followed) and no
// larger than its manifest group declares. Whoever made the model chose these paths: unchecked, a
// manifest naming ../../secret.txt or /etc/passwd would copy the user's files into the model's
// weights, /dev/zero would fill memory, a FIFO would block forever, and a size error would tell a
// file's length. So a refusal names the listed path and what was expected, never what the file is
// outside the folder, nor its size: every path that is not a readable regular file inside the
// folder gets the same refusal (a file missing inside the folder is named as missing).
//
// Each file is checked by path before it is opened (so no FIFO or device is opened), and the file
// opened is checked again before a byte is read: its path resolved anew must still lead inside the
// folder, to the very file the handle holds (same device and inode); and on Linux the path the
// system has for the open file (/proc/self/fd/N) must be inside the folder. A folder on the path
// swapped for a symlink to elsewhere while the import runs is then refused, not read: the first
// check alone leaves a swap out, back and out again between its two calls; the second is one call
// about the handle itself.
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, readlinkSync, realpathSync, statSync, type Stats } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { tensorFlowJSWeightGroups } from 'neural-wasm/import';
import { MAX_PARAMETERS } from '../../src/network-options';
import { MAX_TEXT_BYTES, fileKind, readProblem, readUpTo, tooLong } from '../io/files';
import { DataError, quote } from '../errors';

export interface WeightFile {
  /** The path as the manifest lists it, for messages. */
  listed: string;
  /** The path from the model's folder. */
  path: string;
  /** Its real path when it was found, inside the model's folder. */
  real: string;
  /** The model's folder: the folder of model.json's real path. */
  folder: string;
  /** The most bytes its manifest group declares (its files hold that many together). */
  groupBytes: number;
  group: number;
}

/**
 * The most bytes of weights a manifest may declare: the largest network's parameters (the library's
 * MAX_PARAMETERS, 2^24) as float64, the widest dtype import reads. Past it, no network could take
 * them: refused before a file is read.
 */
export const MAX_WEIGHT_BYTES = MAX_PARAMETERS * 8;

// opening a FIFO that slipped in after the check returns at once instead of waiting for a writer;
// a symlink put in place of the real path is refused (Windows has neither flag)
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOFOLLOW ?? 0);

/** The weight files model.json lists, found and checked (inside the folder, regular files), not yet read. */
export function findWeightFiles(modelPath: string, modelJSON: object, folder: string): WeightFile[] {
  let groups;
  try {
    groups = tensorFlowJSWeightGroups(modelJSON);
  } catch (error) {
    throw new DataError(`${modelPath}: ${(error as Error).message}`);
  }
  const declared = groups.reduce((sum, { bytes }) => sum + bytes, 0);
  if (declared > MAX_WEIGHT_BYTES) {
    throw new DataError(
      `${modelPath}: its weightsManifest declares ${declared.toLocaleString('en-US')} bytes of weights, more than any network holds ` +
        `(${MAX_PARAMETERS.toLocaleString('en-US')} parameters of at most 8 bytes: ${MAX_WEIGHT_BYTES.toLocaleString('en-US')} bytes)`,
    );
  }
  return groups.flatMap(({ paths, bytes }, group) =>
    paths.map((listed) => {
      const path = join(folder, listed);
      return { listed, path, real: findWeightFile(modelPath, listed, path, folder), folder, groupBytes: bytes, group };
    }),
  );
}

/**
 * model.json's text and the model's folder, from one open of the file: the folder is that of the
 * file read (its real path: a symlinked ~/model.json does not make ~ the model's folder), so a
 * model.json swapped for another file while the import runs cannot lend that file's folder to the
 * weights. A regular file only: anything else is refused by name, a FIFO without waiting for it.
 */
export function readModelJSONFile(modelPath: string): { text: string; folder: string } {
  const notModel = (stats: Stats) => new DataError(`${modelPath}: ${fileKind(stats)}; expected model.json as a regular file, in the folder of its weight files`);
  let handle: number;
  try {
    const stats = statSync(modelPath);
    if (!stats.isFile()) throw notModel(stats);
    handle = openSync(modelPath, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    throw error instanceof DataError ? error : readProblem(error, modelPath);
  }
  try {
    const opened = fstatSync(handle);
    if (!opened.isFile()) throw notModel(opened);
    if (opened.size > MAX_TEXT_BYTES) throw tooLong(modelPath, MAX_TEXT_BYTES);
    // the file read is the one whose folder counts: by the system's own path for it where it has
    // one, else by its real path confirmed to lead to the same file
    const real = openedPath(handle) ?? realpathSync(modelPath);
    const found = statSync(real, { throwIfNoEntry: false });
    if (!found || found.dev !== opened.dev || found.ino !== opened.ino) throw new DataError(`${modelPath}: changed while it was being read; run the import again on a model folder that nobody else writes to`);
    return { text: readUpTo(handle, modelPath, MAX_TEXT_BYTES, opened.size + 1).toString('utf8'), folder: dirname(real) };
  } finally {
    closeSync(handle);
  }
}

// the listed file's real path, checked: inside the folder, a regular file
function findWeightFile(modelPath: string, listed: string, path: string, folder: string): string {
  const refuse = refusal(modelPath, listed);
  // a path that leaves the folder as written (or that no file system takes) is refused before anything is looked up
  if (listed.includes('\0') || isAbsolute(listed) || !isInside(folder, resolve(path))) throw outside(refuse, folder);
  let real: string;
  try {
    real = realpathSync(path);
  } catch (error) {
    // missing inside the folder is said; anything else (through a link leading out, a part of the
    // path not a folder, no permission, a name too long) tells nothing of what lies there
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && !leadsOutside(path, folder)) throw readProblem(error, path);
    throw outside(refuse, folder);
  }
  if (!isInside(folder, real)) throw outside(refuse, folder);
  let stats: Stats;
  try {
    stats = statSync(real);
  } catch {
    throw outside(refuse, folder);
  }
  // before opening: opening a FIFO would wait for a writer, a device may never end
  if (!stats.isFile()) throw notRegular(refuse, stats, folder);
  return real;
}

/** Each file's bytes, in the manifest's order: no more than what is left of its group's declared bytes. */
export function readWeightFiles(modelPath: string, files: readonly WeightFile[]): Uint8Array[] {
  const left = new Map<number, number>();
  return files.map((file) => {
    const opened = openWeightFile(modelPath, file);
    const { handle, stats } = opened;
    try {
      confirmWeightFile(modelPath, file, opened);
      const most = left.get(file.group) ?? file.groupBytes;
      if (stats.size > most) throw refusal(modelPath, file.listed)(`expected at most ${most.toLocaleString('en-US')} bytes, as its weightsManifest group declares`);
      left.set(file.group, most - stats.size);
      return readBytes(handle, stats.size, file.path);
    } finally {
      closeSync(handle);
    }
  });
}

/** Opens a file found by findWeightFiles: its handle and the handle's fstat, not yet read. */
export function openWeightFile(modelPath: string, { listed, real, folder }: WeightFile): { handle: number; stats: Stats } {
  let handle: number;
  try {
    handle = openSync(real, OPEN_FLAGS);
  } catch {
    throw outside(refusal(modelPath, listed), folder);
  }
  try {
    return { handle, stats: fstatSync(handle) };
  } catch (error) {
    closeSync(handle);
    throw readProblem(error, real);
  }
}

/**
 * After the open, before a byte is read: the listed path, resolved again, leads inside the folder
 * to the file opened (`opened`: the handle and its fstat), which the system places inside the folder
 * too where it says (openedPath), and that is a regular file. A hard link inside the folder to a
 * file elsewhere is that file, and is read.
 */
export function confirmWeightFile(modelPath: string, { listed, path, folder }: WeightFile, opened: { handle: number; stats: Stats }): void {
  const refuse = refusal(modelPath, listed);
  let found: Stats | undefined;
  try {
    const real = realpathSync(path);
    found = isInside(folder, real) ? statSync(real) : undefined;
  } catch {
    found = undefined;
  }
  const sameFile = found !== undefined && found.dev === opened.stats.dev && found.ino === opened.stats.ino;
  const where = openedPath(opened.handle);
  if (!sameFile || (where !== undefined && !isInside(folder, where))) throw outside(refuse, folder);
  if (!opened.stats.isFile()) throw notRegular(refuse, opened.stats, folder);
}

/**
 * The path the system has for an open file, by the name it was opened through (Linux: the link
 * /proc/self/fd/N), whatever symlinks led there; undefined where there is no such link.
 */
export function openedPath(handle: number): string | undefined {
  if (process.platform !== 'linux') return undefined;
  try {
    return readlinkSync(`/proc/self/fd/${handle}`);
  } catch {
    return undefined; // no /proc
  }
}

function refusal(modelPath: string, listed: string): (problem: string) => DataError {
  return (problem) => new DataError(`${modelPath}: weightsManifest path ${quote(listed)}: ${problem}`);
}

function outside(refuse: (problem: string) => DataError, folder: string): DataError {
  return refuse(`expected a regular file inside the model's folder, ${folder}`);
}

function notRegular(refuse: (problem: string) => DataError, stats: Stats, folder: string): DataError {
  return refuse(`${fileKind(stats)}; expected a regular file inside the model's folder, ${folder}`);
}

function isInside(folder: string, path: string): boolean {
  const part = relative(folder, path);
  // (a name that only starts with two dots, `..shard.bin`, is inside)
  return part !== '' && part !== '..' && !part.startsWith(`..${sep}`) && !isAbsolute(part);
}

// A path that does not resolve: whether it goes through a link that leads outside the folder, or
// nowhere (then it is refused as outside, so that nothing is told about what lies there), rather
// than being missing inside the folder. A part that cannot be looked at (not a folder, no
// permission, too long) is passed over as a missing one: the walk goes on up to what exists.
function leadsOutside(path: string, folder: string): boolean {
  for (let current = path; ; current = dirname(current)) {
    try {
      if (!lstatSync(current, { throwIfNoEntry: false })) continue;
    } catch {
      continue;
    }
    try {
      const real = realpathSync(current);
      return real !== folder && !isInside(folder, real);
    } catch {
      return true;
    }
  }
}

// exactly `size` bytes, or fewer if the file shrank meanwhile
function readBytes(handle: number, size: number, path: string): Uint8Array {
  const bytes = new Uint8Array(size);
  let at = 0;
  try {
    for (let read = 1; at < size && read > 0; at += read) read = readSync(handle, bytes, at, size - at, at);
  } catch (error) {
    throw readProblem(error, path);
  }
  return bytes.subarray(0, at);
}
