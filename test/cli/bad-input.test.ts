// Bad input: one clear line on standard error naming the file (and line and column where there is
// one), a non-zero exit code, nothing on standard output, and an existing --out file left intact.
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run, tempFolder, writeFile, readJson, classesCsv } from './run';

let folder: string;
let model: string;

beforeAll(async () => {
  folder = tempFolder();
  model = join(folder, 'model.json');
  const trained = await run(['train', writeFile(folder, 'good.csv', classesCsv(30, 2)), '--epochs', '5', '--quiet', '--out', model]);
  if (trained.code !== 0) throw new Error(trained.stderr);
});

async function fails(args: string[], message: string | RegExp, code = 1, input = ''): Promise<void> {
  const result = await run(args, input);
  expect(result.stdout).toBe('');
  expect(result.stderr.endsWith('\n')).toBe(true);
  expect(result.stderr.trim().split('\n')).toHaveLength(1);
  if (typeof message === 'string') expect(result.stderr).toBe(`neural-wasm: ${message}\n`);
  else expect(result.stderr).toMatch(message);
  expect(result.code).toBe(code);
}

describe.concurrent('bad input', () => {
  it('a missing file: the data, the rows to predict, the labelled rows, the model', async () => {
    const missing = join(folder, 'nothing-here.csv');
    await fails(['train', missing], `${missing}: no such file`);
    await fails(['predict', '--model', model, missing], `${missing}: no such file`);
    await fails(['evaluate', '--model', model, missing], `${missing}: no such file`);
    await fails(['predict', '--model', join(folder, 'no-model.json'), missing], `${join(folder, 'no-model.json')}: no such file`);
  });

  it('a cell that is not a number names the file, line and column, in train, predict and evaluate', async () => {
    const bad = writeFile(folder, 'word.csv', 'width,height,weight,colour\n1,2,3,yes\n1,2,3,no\n4,tall,6,yes\n');
    const where = `${bad}, line 4, column 'height'`;
    await fails(['train', bad], `${where}: expected a number, got "tall"`);
    await fails(['predict', '--model', model, bad], `${where}: expected a number, got "tall"`);
    await fails(['evaluate', '--model', model, bad], `${where}: expected a number, got "tall"`);
    const empty = writeFile(folder, 'empty-cell.csv', 'width,height,weight,colour\n1,2,3,yes\n1,,3,no\n');
    await fails(['train', empty], `${empty}, line 3, column 'height': expected a number, got an empty cell`);
    await fails(['predict', '--model', model], `standard input, line 3, column 'height': expected a number, got "x"`, 1, 'width,height,weight\n1,2,3\n1,x,3\n');
    // a number beyond the largest double says so
    const huge = writeFile(folder, 'huge.csv', `width,height,weight,colour\n1,2,3,yes\n1,${'9'.repeat(1000)},3,no\n1,2,1e999,no\n`);
    await fails(['train', huge], `${huge}, line 3, column 'height': expected a number, got "${'9'.repeat(40)}…" (1000 characters), too large`);
    await fails(['predict', '--model', model, huge], `${huge}, line 3, column 'height': expected a number, got "${'9'.repeat(40)}…" (1000 characters), too large`);
  });

  it('a row with the wrong number of columns names the file and line', async () => {
    const short = writeFile(folder, 'short.csv', 'width,height,weight,colour\n1,2,3,yes\n1,2,no\n');
    await fails(['train', short], `${short}, line 3: expected 4 columns (as the header row), got 3`);
    await fails(['predict', '--model', model, short], `${short}, line 3: expected 4 columns (as the header row), got 3`);
    const long = writeFile(folder, 'long.csv', 'width,height,weight,colour\n1,2,3,4,yes\n');
    await fails(['train', long], `${long}, line 2: expected 4 columns (as the header row), got 5`);
  });

  it('an unknown column: --target, --features, or an input the model needs', async () => {
    const good = join(folder, 'good.csv');
    await fails(['train', good, '--target', 'price'], `${good}: has no column 'price' (named by --target); its columns are width, height, weight, colour`);
    await fails(['train', good, '--features', 'width,depth'], `${good}: has no column 'depth' (named by --features); its columns are width, height, weight, colour`);
    const other = writeFile(folder, 'other.csv', 'width,depth,weight\n1,2,3\n');
    await fails(['predict', '--model', model, other], `${other}: has no column 'height' (one of the model's inputs); its columns are width, depth, weight`);
    await fails(['evaluate', '--model', model, join(folder, 'other.csv')], /other\.csv: has no column 'height'/);
  });

  it('a model file that is not one: not JSON, another JSON, a bare library network, inconsistent', async () => {
    const rows = join(folder, 'good.csv');
    const text = writeFile(folder, 'text.json', 'width,height\n1,2\n');
    await fails(['predict', '--model', text, rows], new RegExp(`^neural-wasm: ${text}: not a neural-wasm model file \\(not JSON: .*\\)\\n$`));
    const other = writeFile(folder, 'package.json', '{"name": "something"}');
    await fails(['predict', '--model', other, rows], `${other}: not a neural-wasm model file (expected "format": "neural-wasm-model")`);
    const bare = writeFile(folder, 'bare.json', JSON.stringify(readJson(model).network));
    await fails(['evaluate', '--model', bare, rows], new RegExp(`^neural-wasm: ${bare}: not a neural-wasm model file \\(this is a bare network from toJSON\\(\\);`));
    const file = readJson(model);
    const { method, offset, scale } = file.inputs.scaling;
    const twoInputs = { columns: ['width', 'height'], scaling: { method, offset: offset.slice(0, 2), scale: scale.slice(0, 2) } };
    const fewer = writeFile(folder, 'fewer.json', JSON.stringify({ ...file, inputs: twoInputs }));
    await fails(['predict', '--model', fewer, rows], `${fewer}: not a neural-wasm model file (the network takes 3 inputs but 2 input columns are named)`);
    const broken = writeFile(folder, 'broken.json', JSON.stringify({ ...file, network: { ...file.network, weights: [[[1]]] } }));
    await fails(['predict', '--model', broken, rows], new RegExp(`^neural-wasm: ${broken}: not a valid model file: model\\.weights`));
  });

  it('empty data, a header only, unclosed quotes, a target of one class', async () => {
    const empty = writeFile(folder, 'empty.csv', '');
    await fails(['train', empty], `${empty}: is empty (expected a header row, then rows of data)`);
    const header = writeFile(folder, 'header.csv', 'a,b\n');
    await fails(['train', header], `${header}: has a header row but no rows of data`);
    const quote = writeFile(folder, 'quote.csv', 'a,b\n1,"2\n');
    await fails(['train', quote], new RegExp(`^neural-wasm: ${quote}, line 2: not valid CSV: `));
    const one = writeFile(folder, 'one.csv', 'a,b\n1,x\n2,x\n');
    await fails(['train', one], `${one}, column 'b': the target has only one class, "x": there is nothing to tell apart`);
  });

  it('a bad command line exits with 2: unknown command or flag, bad values, missing arguments', async () => {
    await fails(['fit'], "unknown command 'fit': expected train, predict, evaluate, export or import (see neural-wasm --help)", 2);
    await fails(['train', 'moons', '--epoch', '5'], 'unknown flag --epoch (see neural-wasm train --help)', 2);
    await fails(['train', 'moons', '--epochs', 'ten'], '--epochs: expected a whole number from 1 to 2147483647, got "ten"', 2);
    await fails(['train', 'moons', '--backend', 'gpu'], '--backend: expected one of wasm-simd, wasm, js, got "gpu"', 2);
    await fails(['train', 'moons', '--layers', '3,8,1'], '--layers starts with 3 inputs, but the data has 2 input columns', 2);
    await fails(['train', 'iris', '--target', 'species'], '--target applies to CSV files; the built-in iris has its own columns', 2);
    await fails(['train'], 'missing the data set (a CSV file, - or a built-in name) (see neural-wasm train --help)', 2);
    await fails(['predict', join(folder, 'good.csv')], 'missing --model FILE (see neural-wasm predict --help)', 2);
    await fails(['train', 'moons', '--out', join(folder, 'no-folder', 'm.json')], `--out ${join(folder, 'no-folder', 'm.json')}: the folder ${join(folder, 'no-folder')} does not exist`, 2);
  });

  it("the library's names are checked by the CLI, named by the flag (a bad command line: 2)", async () => {
    await fails(['train', 'moons', '--activation', 'swish', '--epochs', '1'], '--activation: expected one of sigmoid, tanh, relu, leakyRelu, linear, softmax (or a list of them), got "swish"', 2);
  });

  it('an existing --out file is never left half-written: kept whole when training fails, replaced whole when it succeeds', async () => {
    const own = tempFolder();
    const out = join(own, 'model.json');
    writeFileSync(out, 'the previous model');
    const bad = writeFile(own, 'bad.csv', 'a,b,c\n1,2,x\n3,oops,y\n');
    await fails(['train', bad, '--out', out], `${bad}, line 3, column 'b': expected a number, got "oops"`);
    expect(readFileSync(out, 'utf8')).toBe('the previous model');
    const good = await run(['train', 'xor', '--epochs', '10', '--out', out]);
    expect(good.code, good.stderr).toBe(0);
    expect(readJson(out).format).toBe('neural-wasm-model');
    // the temporary file was renamed over the target: nothing else is left in the folder
    expect(readdirSync(own).sort()).toEqual(['bad.csv', 'model.json']);
  });
});
