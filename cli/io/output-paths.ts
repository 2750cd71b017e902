// Output paths (--out, the --plot files) are checked before any work. Each must be a regular file or
// not exist yet, in a folder that exists; and none may be an input of the same command, compared by
// real path (symlinks followed) and by inode (a hard link is the same file too).
import { accessSync, constants, fstatSync, lstatSync, mkdirSync, readlinkSync, realpathSync, statSync, type Stats } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileKind, fileProblem, STDIN } from './files';
import { UsageError } from '../errors';

export interface OutputPath {
  /** The flag that names it, for messages: '--out'. */
  flag: string;
  path: string;
}

export interface InputPath {
  /** What the input is, for messages: 'the data to train on'. */
  what: string;
  path: string;
}

/**
 * Checks every output against every input and against the others (see above); a problem is a
 * UsageError. An input read from standard input ('-') is the file behind it, when that is a regular
 * file (`< data.csv`): `--out /dev/stdin` would replace it.
 */
export function checkOutputs(outputs: readonly OutputPath[], inputs: readonly InputPath[]): void {
  // each input that is a file: what it is (for the message), its real path, its inode
  const inputFiles = inputs.flatMap(({ what, path }): { shown: string; real?: string; stats?: Stats }[] => {
    if (path === STDIN) {
      const stats = standardInputFile();
      return stats ? [{ shown: 'the data on standard input', stats }] : [];
    }
    const real = realTargetIfAny(path);
    return real === undefined ? [] : [{ shown: `${what}, ${path}`, real, stats: statSync(real, { throwIfNoEntry: false }) }];
  });
  const seen: { flag: string; path: string; real: string }[] = [];
  for (const { flag, path } of outputs) {
    const fail = (problem: string) => new UsageError(`${flag} ${path}: ${problem}`);
    const real = realTarget(path, fail);
    const stats = statSync(real, { throwIfNoEntry: false });
    const input = inputFiles.find((file) => file.real === real || (stats && file.stats && sameInode(stats, file.stats)));
    if (input) throw fail(`would overwrite ${input.shown}`);
    const other = seen.find((output) => output.real === real);
    if (other) throw fail(`is also written by ${other.flag} ${other.path}`);
    seen.push({ flag, path, real });
  }
}

/**
 * The file that writing `path` replaces: symlinks of the last part followed (a dangling link's target
 * too), the folder resolved to its real path. `fail` makes the error for what is not a regular file,
 * a missing folder or a loop.
 */
export function realTarget(path: string, fail: (problem: string) => Error): string {
  // what opening the path would reach: through a link such as /proc/self/fd/1 (/dev/stdout) that
  // may be a pipe or a terminal, which no path names and no file can be renamed over
  const opened = statIfAny(path);
  if (opened && !opened.isFile()) throw fail(`${fileKind(opened)}, not a regular file`);
  let current = path;
  for (let hops = 0, link = lstatSync(current, { throwIfNoEntry: false }); link?.isSymbolicLink(); hops++, link = lstatSync(current, { throwIfNoEntry: false })) {
    if (hops === 40) throw fail('too many levels of symbolic links');
    if (plantedLink(current, link)) {
      throw fail(`is a symbolic link of another user in a folder anyone may write to (sticky): not followed, as the system's protected_symlinks would not`);
    }
    current = resolve(dirname(current), readlinkSync(current));
  }
  const folder = dirname(current);
  const folderStats = statSync(folder, { throwIfNoEntry: false });
  if (!folderStats) throw fail(`the folder ${folder} does not exist`);
  if (!folderStats.isDirectory()) throw fail(`${folder} is not a folder`);
  try {
    accessSync(folder, constants.W_OK);
  } catch (error) {
    throw fail(`cannot write in the folder ${folder}: ${fileProblem(error)}`);
  }
  return join(realpathSync(folder), basename(current));
}

// A link someone else put in a shared folder such as /tmp (sticky and writable by all): the kernel's
// protected_symlinks would not follow it, and the rename below would never ask the kernel. Followed
// only when this process, or the folder's owner, owns it.
function plantedLink(path: string, link: Stats): boolean {
  const me = process.geteuid?.();
  if (me === undefined || link.uid === me) return false;
  const folder = statSync(dirname(path), { throwIfNoEntry: false });
  if (!folder) return false;
  const sharedSticky = (folder.mode & 0o1002) === 0o1002;
  return sharedSticky && link.uid !== folder.uid;
}

function statIfAny(path: string): Stats | undefined {
  try {
    return statSync(path, { throwIfNoEntry: false });
  } catch {
    return undefined; // a loop, or no permission: the checks below name it
  }
}

function realTargetIfAny(path: string): string | undefined {
  try {
    return statSync(path, { throwIfNoEntry: false }) ? realpathSync(path) : undefined;
  } catch {
    return undefined;
  }
}

// standard input's file when it is a regular one (a pipe or a terminal is no file to overwrite)
function standardInputFile(): Stats | undefined {
  try {
    const stats = fstatSync(0);
    return stats.isFile() ? stats : undefined;
  } catch {
    return undefined; // closed
  }
}

function sameInode(a: Stats, b: Stats): boolean {
  return a.dev === b.dev && a.ino === b.ino;
}

/** Whether a path is an existing folder (symlinks followed). */
export function isFolder(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;
}

/** Creates an output folder (and its parents) if needed. */
export function makeOutputFolder(path: string, flag: string): void {
  const existing = statSync(path, { throwIfNoEntry: false });
  if (existing && !existing.isDirectory()) throw new UsageError(`${flag} ${path}: ${existing.isFile() ? 'is a file' : fileKind(existing)}, not a folder`);
  try {
    mkdirSync(path, { recursive: true });
  } catch (error) {
    throw new UsageError(`${flag} ${path}: cannot create the folder: ${fileProblem(error)}`);
  }
}
