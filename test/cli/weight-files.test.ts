// `neural-wasm import`'s weight files (cli/import/weight-files.ts), in-process, with the phases taken
// apart: found and checked, then opened, then the file opened confirmed. A folder on a listed path
// swapped for a symlink to elsewhere between two phases (what another process racing the import
// can do) is refused, and no byte from outside the model's folder is returned.
import { describe, expect, it } from 'vitest';
import { closeSync, existsSync, linkSync, mkdirSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { confirmWeightFile, findWeightFiles, openWeightFile, openedPath, readModelJSONFile, readWeightFiles } from '../../cli/import/weight-files';
import { tempFolder } from './run';

const INSIDE = new Uint8Array(12).fill(0x40);

// the model's folder as import finds it: the folder of the model.json it reads
const folderOf = (model: string) => readModelJSONFile(model).folder;
const SECRET = new TextEncoder().encode('SECRETSECRET'); // as many bytes as the weights

/** A model folder whose manifest lists real/w.bin (12 bytes: a Dense layer of 2 inputs and 1 output), beside a folder outside it holding a secret of the same size under the same name. */
function modelWithSubfolder(): { model: string; folder: string; outside: string; modelJSON: object } {
  const parent = tempFolder();
  const folder = join(parent, 'model');
  const outside = join(parent, 'outside');
  mkdirSync(join(folder, 'real'), { recursive: true });
  mkdirSync(outside);
  writeFileSync(join(folder, 'real', 'w.bin'), INSIDE);
  writeFileSync(join(outside, 'w.bin'), SECRET);
  const layers = [{ class_name: 'Dense', config: { name: 'dense', units: 1, activation: 'linear', use_bias: true, batch_input_shape: [null, 2] } }];
  const modelJSON = {
    format: 'layers-model',
    modelTopology: { class_name: 'Sequential', config: { name: 's', layers } },
    weightsManifest: [{ paths: ['real/w.bin'], weights: [{ name: 'dense/kernel', shape: [2, 1], dtype: 'float32' }, { name: 'dense/bias', shape: [1], dtype: 'float32' }] }],
  };
  const model = join(folder, 'model.json');
  writeFileSync(model, JSON.stringify(modelJSON));
  return { model, folder, outside, modelJSON };
}

// what another process does: the folder `real` moved aside and a symlink to the outside folder put in its place, and back
function swapOut(folder: string, outside: string): void {
  renameSync(join(folder, 'real'), join(folder, 'real.aside'));
  symlinkSync(outside, join(folder, 'real'));
}
function swapBack(folder: string): void {
  renameSync(join(folder, 'real'), join(folder, 'real.link'));
  renameSync(join(folder, 'real.aside'), join(folder, 'real'));
}

const REFUSAL = (model: string, folder: string) => `${model}: weightsManifest path "real/w.bin": expected a regular file inside the model's folder, ${folder}`;

describe("import's weight files, checked again once opened", () => {
  it('nothing swapped: the file found is the file read', () => {
    const { model, modelJSON } = modelWithSubfolder();
    expect(readWeightFiles(model, findWeightFiles(model, modelJSON, folderOf(model)))).toEqual([INSIDE]);
  });

  it('a folder on the path swapped for a symlink to outside after the check: refused, the outside bytes not returned', () => {
    const { model, folder, outside, modelJSON } = modelWithSubfolder();
    const files = findWeightFiles(model, modelJSON, folderOf(model));
    swapOut(folder, outside);
    expect(() => readWeightFiles(model, files)).toThrow(REFUSAL(model, folder));
  });

  it('swapped out before the open and back after it: the path leads inside again, but not to the file opened (refused)', () => {
    const { model, folder, outside, modelJSON } = modelWithSubfolder();
    const [file] = findWeightFiles(model, modelJSON, folderOf(model));
    swapOut(folder, outside);
    const opened = openWeightFile(model, file);
    try {
      swapBack(folder);
      expect(() => confirmWeightFile(model, file, opened)).toThrow(REFUSAL(model, folder));
    } finally {
      closeSync(opened.handle);
    }
  });

  // The check by path and identity alone passes a swap out, back and out again between its two
  // calls. Here the file inside is a hard link to the one outside, so that the identity holds while
  // the file was opened through the outside name: only the system's own path for the handle
  // (/proc/self/fd/N) tells, and refuses.
  it.skipIf(process.platform !== 'linux' || !existsSync('/proc/self/fd'))('on Linux, a file opened through a name outside the folder is refused even when the path now leads inside to the same file', () => {
    const { model, folder, outside, modelJSON } = modelWithSubfolder();
    const inside = join(folder, 'real', 'w.bin');
    renameSync(inside, join(folder, 'real', 'old.bin'));
    linkSync(join(outside, 'w.bin'), inside);
    const [file] = findWeightFiles(model, modelJSON, folderOf(model));
    swapOut(folder, outside);
    const opened = openWeightFile(model, file);
    try {
      swapBack(folder);
      expect(openedPath(opened.handle)).toBe(join(outside, 'w.bin'));
      expect(() => confirmWeightFile(model, file, opened)).toThrow(REFUSAL(model, folder));
    } finally {
      closeSync(opened.handle);
    }
  });

  it('a hard link inside the folder to a file elsewhere is a file inside (read, as designed)', () => {
    const { model, folder, outside, modelJSON } = modelWithSubfolder();
    const inside = join(folder, 'real', 'w.bin');
    renameSync(inside, join(folder, 'real', 'old.bin'));
    linkSync(join(outside, 'w.bin'), inside);
    expect(readWeightFiles(model, findWeightFiles(model, modelJSON, folderOf(model)))).toEqual([SECRET]);
  });
});

describe("import's model.json, read once", () => {
  it('the folder is the one of the very file read: a model.json that is a link to elsewhere brings its own folder, never the link\'s', () => {
    const { model, folder, outside, modelJSON } = modelWithSubfolder();
    // the link's folder holds a weight file of the same name, which must not be read
    const other = join(outside, 'model');
    mkdirSync(join(other, 'real'), { recursive: true });
    writeFileSync(join(other, 'real', 'w.bin'), SECRET);
    writeFileSync(join(other, 'model.json'), JSON.stringify(modelJSON));
    renameSync(model, join(folder, 'model.original.json'));
    symlinkSync(join(folder, 'model.original.json'), model);
    const read = readModelJSONFile(model);
    expect(read.folder).toBe(folder);
    expect(JSON.parse(read.text)).toEqual(modelJSON);
    // and swapped for a link into another folder: that folder, with that file's text
    renameSync(model, join(folder, 'model.link'));
    symlinkSync(join(other, 'model.json'), model);
    expect(readModelJSONFile(model).folder).toBe(other);
  });

  it('a FIFO or a folder as model.json is refused without waiting', () => {
    const folder = tempFolder();
    expect(() => readModelJSONFile(folder)).toThrow(/is a folder; expected model.json as a regular file/);
    if (process.platform === 'win32') return;
    const fifo = join(folder, 'model.json');
    execFileSync('mkfifo', [fifo]);
    expect(() => readModelJSONFile(fifo)).toThrow(/pipe.*expected model.json as a regular file/);
  });
});
