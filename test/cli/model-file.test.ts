// Model files are checked when loaded: a name given twice (an input column, a class) would make
// predict read one column for two inputs or merge two classes, so it is refused in one line; the
// training metadata is only shown, and only when it is well-formed.
import { beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MAX_TEXT_BYTES, readText } from '../../cli/io/files';
import { expectRefusal, refuses, run, start, finished, tempFolder, writeFile, readJson, classesCsv, trainedModel, type Run } from './run';

let folder: string;
let model: string;
let data: string;

beforeAll(async () => {
  ({ folder, data, model } = await trainedModel(classesCsv(45, 3)));
});

function variant(name: string, change: (file: any) => void): string {
  const file = readJson(model);
  change(file);
  return writeFile(folder, name, JSON.stringify(file));
}

describe.concurrent('model files', () => {
  it('an input column or a class named twice is refused, naming the file and the name', async () => {
    const columns = variant('columns.json', (file) => (file.inputs.columns = ['width', 'width', 'weight']));
    const classes = variant('classes.json', (file) => (file.target.classes = ['blue', 'red', 'red']));
    const both = variant('both.json', (file) => (file.inputs.columns = ['width', 'height', 'colour']));
    for (const [file, ...problem] of [
      [columns, 'inputs.columns', '"width"', 'twice'],
      [classes, 'target.classes', '"red"', 'twice'],
      [both, '"colour"', 'input', 'target'],
    ]) {
      for (const command of ['predict', 'evaluate']) await refuses([command, '--model', file, data], 1, [file, 'neural-wasm model file', ...problem]);
    }
  });

  it('training metadata that is not well-formed is not shown', async () => {
    const junk = variant('junk.json', (file) => (file.training = { data: 42 }));
    const none = variant('none.json', (file) => delete file.training);
    for (const file of [junk, none]) {
      const { code, stdout, stderr } = await run(['evaluate', '--model', file, data]);
      expect(code, stderr).toBe(0);
      expect(stdout.split('\n')[0]).toBe(`model ${file}: cross-entropy loss`);
    }
    const { stdout } = await run(['evaluate', '--model', model, data]);
    expect(stdout.split('\n')[0]).toBe(`model ${model}: trained on data.csv, cross-entropy loss`);
  });
});

// A model file is read whole: a device is refused by name before it is opened (/dev/zero never
// ends), a pipe is read up to the longest text there can be, a larger regular file is refused
// before a byte of it is read.
describe('model files that are not regular files, or too large', () => {
  // a command that a failing test does not leave running (before these checks, /dev/zero was read until memory ran out)
  async function bounded(args: string[]): Promise<Run> {
    const child = start(args);
    onTestFinished(() => void (child.exitCode === null && child.signalCode === null && child.kill('SIGKILL')));
    const done = finished(child);
    child.stdin!.end();
    return done;
  }

  it.skipIf(!existsSync('/dev/zero'))('/dev/zero as the model of predict, evaluate, export: a character device, refused', async () => {
    const out = join(tempFolder(), 'model.js');
    for (const args of [['predict', '--model', '/dev/zero', data], ['evaluate', '--model', '/dev/zero', data], ['export', '--model', '/dev/zero', '--out', out]]) {
      expectRefusal(await bounded(args), 1, ['/dev/zero', 'character device', 'file']);
    }
    expect(existsSync(out)).toBe(false);
  });

  it.skipIf(process.platform === 'win32')('a model file through a pipe (a named one here, as <(...) gives): read and used', async () => {
    const fifo = join(tempFolder(), 'model.fifo');
    execFileSync('mkfifo', [fifo]);
    const writer = spawn('sh', ['-c', 'cat "$0" > "$1"', model, fifo], { stdio: 'ignore' });
    onTestFinished(() => void writer.kill());
    const piped = await bounded(['predict', '--model', fifo, data]);
    const direct = await run(['predict', '--model', model, data]);
    expect(piped.code, piped.stderr).toBe(0);
    expect(piped.stdout).toBe(direct.stdout);
  });

  it('a regular file larger than the longest text there can be: refused before it is read', async () => {
    const large = join(tempFolder(), 'large.json');
    writeFileSync(large, '{');
    truncateSync(large, MAX_TEXT_BYTES + 1); // sparse: no disk space taken
    expectRefusal(await bounded(['predict', '--model', large, data]), 1, [large, MAX_TEXT_BYTES.toLocaleString('en-US'), 'bytes', 'text']);
  });

  it.skipIf(process.platform === 'win32')('a pipe that goes on past the bound: read up to it and refused (in-process, with a small bound)', async () => {
    const fifo = join(tempFolder(), 'endless.fifo');
    execFileSync('mkfifo', [fifo]);
    const writer = spawn('sh', ['-c', 'head -c 100000 /dev/zero > "$0"', fifo], { stdio: 'ignore' });
    onTestFinished(() => void writer.kill());
    expect(() => readText(fifo, 5000)).toThrow(`${fifo}: more than 5,000 bytes, the most that can be read as text`);
  });
});
