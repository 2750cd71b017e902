// A failed write to standard output (a full disk: /dev/full) is one line on standard error and exit
// code 1, not a stack trace; the work still done (--out) is done.
import { describe, expect, it } from 'vitest';
import { closeSync, existsSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { expectRefusal, run, tempFolder, readJson, classesCsv, trainedModel } from './run';

const FULL = '/dev/full';

describe.runIf(existsSync(FULL))('standard output on a full disk', () => {
  async function toFullDisk(args: string[]) {
    const fd = openSync(FULL, 'w');
    try {
      return await run(args, '', { stdout: fd });
    } finally {
      closeSync(fd);
    }
  }

  it('predict: one line naming standard output, exit code 1', async () => {
    const { data, model } = await trainedModel(classesCsv(30, 2));
    expectRefusal(await toFullDisk(['predict', '--model', model, data]), 1, ['standard output', 'no space']);
  });

  it('train: the model is still written; one line, exit code 1', async () => {
    const folder = tempFolder();
    const out = join(folder, 'model.json');
    expectRefusal(await toFullDisk(['train', 'xor', '--epochs', '10', '--quiet', '--out', out]), 1, ['standard output', 'no space']);
    expect(readJson(out).format).toBe('neural-wasm-model');
  });
});
