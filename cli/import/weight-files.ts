// `neural-wasm import`'s weight files: the paths model.json's weightsManifest lists, each read only
// when it is a regular file inside model.json's folder (symlinks followed) and no larger than its
// manifest group declares. Whoever made the model chose these paths: unchecked, a manifest naming
// ../../secret.txt or /etc/passwd would copy the user's files into the model's weights, /dev/zero
// would fill memory, a FIFO would block forever, and a size error would tell a file's length. So a
// refusal names the listed path and what was expected, never what the file is outside the folder,
// nor its size.
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, realpathSync, statSync, type Stats } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { tensorFlowJSWeightGroups } from 'neural-wasm/import';
import { readProblem } from '../io/files';
import { fileKind } from '../io/output-paths';
import { DataError, quote } from '../errors';

export interface WeightFile {
  /** The path as the manifest lists it, for messages. */
  listed: string;
  /** The path from model.json's folder. */
  path: string;
  /** Its real path, inside the real folder of model.json. */
  real: string;
  /** The most bytes its manifest group declares (its files hold that many together). */
  groupBytes: number;
  group: number;
}

// opening a FIFO that slipped in after the check returns at once instead of waiting for a writer;
// a symlink put in place of the real path is refused (Windows has neither flag)
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOFOLLOW ?? 0);

/** The weight files model.json lists, found and checked (inside the folder, regular files), not yet read. */
export function findWeightFiles(modelPath: string, modelJSON: object): WeightFile[] {
  let groups;
  try {
    groups = tensorFlowJSWeightGroups(modelJSON);
  } catch (error) {
    throw new DataError(`${modelPath}: ${(error as Error).message}`);
  }
  const folder = dirname(modelPath);
  const realFolder = realpathSync(folder);
  return groups.flatMap(({ paths, bytes }, group) =>
    paths.map((listed) => {
      const refuse = refusal(modelPath, listed);
      const outside = () => refuse(`expected a regular file inside the model's folder, ${folder}`);
      // a path that leaves the folder as written is refused before anything is looked up
      const path = join(folder, listed);
      if (isAbsolute(listed) || !isInside(resolve(folder), resolve(path))) throw outside();
      let real: string;
      try {
        real = realpathSync(path);
      } catch (error) {
        if (leadsOutside(path, realFolder)) throw outside();
        throw readProblem(error, path);
      }
      if (!isInside(realFolder, real)) throw outside();
      let stats: Stats;
      try {
        stats = statSync(real);
      } catch (error) {
        throw readProblem(error, path);
      }
      // before opening: opening a FIFO would wait for a writer, a device may never end
      if (!stats.isFile()) throw notRegular(refuse, stats, folder);
      return { listed, path, real, groupBytes: bytes, group };
    }),
  );
}

/** Each file's bytes, in the manifest's order: no more than what is left of its group's declared bytes. */
export function readWeightFiles(modelPath: string, files: readonly WeightFile[]): Uint8Array[] {
  const left = new Map<number, number>();
  return files.map(({ listed, path, real, group, groupBytes }) => {
    const refuse = refusal(modelPath, listed);
    let handle: number;
    try {
      handle = openSync(real, OPEN_FLAGS);
    } catch (error) {
      throw readProblem(error, path);
    }
    try {
      // checked on the file opened, before reading a byte of it
      const stats = fstatSync(handle);
      if (!stats.isFile()) throw notRegular(refuse, stats, dirname(modelPath));
      const most = left.get(group) ?? groupBytes;
      if (stats.size > most) throw refuse(`expected at most ${most.toLocaleString('en-US')} bytes, as its weightsManifest group declares`);
      left.set(group, most - stats.size);
      return readBytes(handle, stats.size, path);
    } finally {
      closeSync(handle);
    }
  });
}

function refusal(modelPath: string, listed: string): (problem: string) => DataError {
  return (problem) => new DataError(`${modelPath}: weightsManifest path ${quote(listed)}: ${problem}`);
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
// than being missing inside the folder.
function leadsOutside(path: string, realFolder: string): boolean {
  for (let current = path; ; current = dirname(current)) {
    if (!lstatSync(current, { throwIfNoEntry: false })) continue;
    try {
      const real = realpathSync(current);
      return real !== realFolder && !isInside(realFolder, real);
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
