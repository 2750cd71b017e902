// Outputs are written whole or not at all: into a temporary file beside the real target (through a
// symlink, so the link stays a link and its target is replaced), then renamed over it.
import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import { statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileProblem } from './files';
import { realTarget } from './output-paths';
import { addTemporaryFile, forgetTemporaryFile } from './temporary-files';
import { DataError } from '../errors';

// written a piece at a time, so that a signal is handled (and the temporary file removed) mid-write
const PIECE_BYTES = 1 << 20;

export class AtomicFile {
  readonly #handle: FileHandle;

  private constructor(
    /** The path as given, for messages. */
    readonly path: string,
    readonly target: string,
    readonly temporary: string,
    handle: FileHandle,
  ) {
    this.#handle = handle;
  }

  static async open(path: string): Promise<AtomicFile> {
    const fail = (problem: string) => new DataError(`${path}: cannot write: ${problem}`);
    const target = realTarget(path, fail);
    const existing = statSync(target, { throwIfNoEntry: false });
    for (let attempt = 0; ; attempt++) {
      const temporary = join(dirname(target), `.${basename(target)}.${process.pid}${attempt ? `-${attempt}` : ''}.tmp`);
      addTemporaryFile(temporary);
      try {
        // never through a file that is there already (a stale one, or a link someone planted)
        const handle = await open(temporary, 'wx');
        // the replaced file's permissions, which the rename would otherwise drop
        if (existing) await handle.chmod(existing.mode & 0o7777);
        return new AtomicFile(path, target, temporary, handle);
      } catch (error) {
        forgetTemporaryFile(temporary);
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt === 9) throw fail(fileProblem(error));
      }
    }
  }

  async write(text: string | Uint8Array): Promise<void> {
    const bytes = typeof text === 'string' ? Buffer.from(text) : text;
    try {
      for (let at = 0; at < bytes.length; ) {
        const { bytesWritten } = await this.#handle.write(bytes, at, Math.min(PIECE_BYTES, bytes.length - at));
        at += bytesWritten;
      }
    } catch (error) {
      await this.discard();
      throw new DataError(`${this.path}: cannot write: ${fileProblem(error)}`);
    }
  }

  /** Renames the written file over the target. */
  async commit(): Promise<void> {
    try {
      await testPause();
      await this.#handle.close();
      await rename(this.temporary, this.target);
      forgetTemporaryFile(this.temporary);
    } catch (error) {
      await this.discard();
      throw new DataError(`${this.path}: cannot write: ${fileProblem(error)}`);
    }
  }

  /** Removes the temporary file; the target stays as it was. */
  async discard(): Promise<void> {
    await this.#handle.close().catch(() => {});
    await rm(this.temporary, { force: true });
    forgetTemporaryFile(this.temporary);
  }
}

export async function writeFileAtomic(path: string, text: string | Uint8Array): Promise<void> {
  const file = await AtomicFile.open(path);
  await file.write(text);
  await file.commit();
}

// For the tests only: NEURAL_WASM_TEST_PAUSE_BEFORE_RENAME=ms waits that long with the temporary
// file written and not yet renamed, so a test can send a signal at exactly that point.
async function testPause(): Promise<void> {
  const milliseconds = Number(process.env.NEURAL_WASM_TEST_PAUSE_BEFORE_RENAME);
  if (milliseconds > 0) await new Promise((resolve) => setTimeout(resolve, milliseconds));
}
