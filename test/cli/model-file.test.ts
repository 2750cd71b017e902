// Model files are checked when loaded: a name given twice (an input column, a class) would make
// predict read one column for two inputs or merge two classes, so it is refused in one line; the
// training metadata is only shown, and only when it is well-formed.
import { beforeAll, describe, expect, it } from 'vitest';
import { refuses, run, writeFile, readJson, classesCsv, trainedModel } from './run';

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
