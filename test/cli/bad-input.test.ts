// Bad input: one clear line on standard error naming the file (and line and column where there is
// one), a non-zero exit code, nothing on standard output, and an existing --out file left intact.
// Each refusal is checked for what its message names (the file, line, column, flag, the value as it
// came, the expectation), not its wording; docs/cli.md's examples are checked word for word.
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run, refuses, tempFolder, writeFile, readJson, classesCsv } from './run';

let folder: string;
let model: string;

beforeAll(async () => {
  folder = tempFolder();
  model = join(folder, 'model.json');
  const trained = await run(['train', writeFile(folder, 'good.csv', classesCsv(30, 2)), '--epochs', '5', '--quiet', '--out', model]);
  if (trained.code !== 0) throw new Error(trained.stderr);
});

describe.concurrent('bad input', () => {
  it('a missing file: the data, the rows to predict, the labelled rows, the model', async () => {
    const missing = join(folder, 'nothing-here.csv');
    await refuses(['train', missing], 1, [missing, 'no such file']);
    await refuses(['predict', '--model', model, missing], 1, [missing, 'no such file']);
    await refuses(['evaluate', '--model', model, missing], 1, [missing, 'no such file']);
    const noModel = join(folder, 'no-model.json');
    await refuses(['predict', '--model', noModel, missing], 1, [noModel, 'no such file']);
  });

  it('a cell that is not a number names the file, line and column, in train, predict and evaluate', async () => {
    const bad = writeFile(folder, 'word.csv', 'width,height,weight,colour\n1,2,3,yes\n1,2,3,no\n4,tall,6,yes\n');
    const tall = [bad, 'line 4', "'height'", 'a number', '"tall"'];
    // a column declared numeric (a text column is otherwise categorical), and a model's numeric input
    const trained = await refuses(['train', bad, '--numeric', 'height'], 1, tall);
    expect(trained.stderr).toBe(`neural-wasm: ${bad}, line 4, column 'height': expected a number, got "tall"\n`); // docs/cli.md's example
    await refuses(['predict', '--model', model, bad], 1, tall);
    await refuses(['evaluate', '--model', model, bad], 1, tall);
    // a missing cell with --missing error (it is filled by default)
    const empty = writeFile(folder, 'empty-cell.csv', 'width,height,weight,colour\n1,2,3,yes\n1,,3,no\n');
    await refuses(['train', empty, '--missing', 'error'], 1, [empty, 'line 3', "'height'", 'missing', '--missing error']);
    await refuses(['predict', '--model', model], 1, ['standard input', 'line 3', "'height'", 'a number', '"x"'], 'width,height,weight\n1,2,3\n1,x,3\n');
    // a number beyond the largest double says so
    const huge = writeFile(folder, 'huge.csv', `width,height,weight,colour\n1,2,3,yes\n1,${'9'.repeat(1000)},3,no\n1,2,1e999,no\n`);
    const tooLarge = [huge, 'line 3', "'height'", 'a number', `"${'9'.repeat(40)}…"`, '1000 characters', 'too large'];
    await refuses(['train', huge], 1, tooLarge);
    await refuses(['predict', '--model', model, huge], 1, tooLarge);
  });

  it('a row longer than any table has (a file without line ends) is refused where it stops, not read on', async () => {
    const long = writeFile(folder, 'one-line.csv', 'a,b\n' + '9'.repeat(16 * 2 ** 20 + 10));
    await refuses(['train', long], 1, [long, 'line 2', '16,777,216 bytes']);
  });

  it('a row with the wrong number of columns names the file and line', async () => {
    const short = writeFile(folder, 'short.csv', 'width,height,weight,colour\n1,2,3,yes\n1,2,no\n');
    const trained = await refuses(['train', short], 1, [short, 'line 3', 'columns', 'header row', '4', '3']);
    expect(trained.stderr).toBe(`neural-wasm: ${short}, line 3: expected 4 columns (as the header row), got 3\n`); // docs/cli.md's example
    await refuses(['predict', '--model', model, short], 1, [short, 'line 3', 'columns', 'header row', '4', '3']);
    const long = writeFile(folder, 'long.csv', 'width,height,weight,colour\n1,2,3,4,yes\n');
    await refuses(['train', long], 1, [long, 'line 2', 'columns', 'header row', '4', '5']);
  });

  it('an unknown column: --target, --features, or an input the model needs', async () => {
    const good = join(folder, 'good.csv');
    const columns = ['width', 'height', 'weight', 'colour'];
    const trained = await refuses(['train', good, '--target', 'price'], 1, [good, "'price'", '--target', ...columns]);
    expect(trained.stderr).toMatch(`neural-wasm: ${good}: has no column 'price' (named by --target)`); // docs/cli.md's example
    await refuses(['train', good, '--features', 'width,depth'], 1, [good, "'depth'", '--features', ...columns]);
    const other = writeFile(folder, 'other.csv', 'width,depth,weight\n1,2,3\n');
    await refuses(['predict', '--model', model, other], 1, [other, "'height'", 'model', 'width', 'depth', 'weight']);
    await refuses(['evaluate', '--model', model, join(folder, 'other.csv')], 1, [other, "'height'", 'model', 'width', 'depth', 'weight']);
  });

  it('a model file that is not one: not JSON, another JSON, a bare library network, inconsistent', async () => {
    const rows = join(folder, 'good.csv');
    const text = writeFile(folder, 'text.json', 'width,height\n1,2\n');
    await refuses(['predict', '--model', text, rows], 1, [text, 'neural-wasm model file', 'JSON']);
    const other = writeFile(folder, 'package.json', '{"name": "something"}');
    await refuses(['predict', '--model', other, rows], 1, [other, 'neural-wasm model file', '"format": "neural-wasm-model"']);
    const bare = writeFile(folder, 'bare.json', JSON.stringify(readJson(model).network));
    await refuses(['evaluate', '--model', bare, rows], 1, [bare, 'neural-wasm model file', 'bare network', 'toJSON()']);
    const file = readJson(model);
    const { method, offset, scale } = file.inputs.scaling;
    const twoInputs = { columns: ['width', 'height'], scaling: { method, offset: offset.slice(0, 2), scale: scale.slice(0, 2) } };
    const fewer = writeFile(folder, 'fewer.json', JSON.stringify({ ...file, inputs: twoInputs }));
    await refuses(['predict', '--model', fewer, rows], 1, [fewer, 'neural-wasm model file', '3 inputs', '2 input columns']);
    const broken = writeFile(folder, 'broken.json', JSON.stringify({ ...file, network: { ...file.network, weights: [[[1]]] } }));
    await refuses(['predict', '--model', broken, rows], 1, [broken, 'model file', 'model.weights', 'one entry per weight layer', '2', '1 entry']);
  });

  it('empty data, a header only, unclosed quotes, a target of one class', async () => {
    const empty = writeFile(folder, 'empty.csv', '');
    await refuses(['train', empty], 1, [empty, 'empty', 'header row']);
    const header = writeFile(folder, 'header.csv', 'a,b\n');
    await refuses(['train', header], 1, [header, 'header row', 'no rows']);
    const quote = writeFile(folder, 'quote.csv', 'a,b\n1,"2\n');
    await refuses(['train', quote], 1, [quote, 'line 2', 'CSV']);
    const one = writeFile(folder, 'one.csv', 'a,b\n1,x\n2,x\n');
    await refuses(['train', one], 1, [one, "'b'", 'one class', '"x"']);
  });

  it('a bad command line exits with 2: unknown command or flag, bad values, missing arguments', async () => {
    await refuses(['fit'], 2, ['command', "'fit'", 'train', 'predict', 'evaluate', 'export', 'import', 'neural-wasm --help']);
    await refuses(['train', 'moons', '--epoch', '5'], 2, ['unknown', '--epoch', 'neural-wasm train --help']);
    await refuses(['train', 'moons', '--epochs', 'ten'], 2, ['--epochs', 'whole number', '1 to 2147483647', '"ten"']);
    await refuses(['train', 'moons', '--backend', 'gpu'], 2, ['--backend', 'wasm-simd', 'wasm', 'js', '"gpu"']);
    await refuses(['train', 'moons', '--layers', '3,8,1'], 2, ['--layers', '3 inputs', '2 input columns']);
    await refuses(['train', 'iris', '--target', 'species'], 2, ['--target', 'CSV', 'iris']);
    await refuses(['train'], 2, ['missing', 'data set', 'neural-wasm train --help']);
    await refuses(['predict', join(folder, 'good.csv')], 2, ['missing', '--model', 'neural-wasm predict --help']);
    const noFolder = join(folder, 'no-folder');
    await refuses(['train', 'moons', '--out', join(noFolder, 'm.json')], 2, ['--out', join(noFolder, 'm.json'), noFolder, 'does not exist']);
  });

  it("the library's names are checked by the CLI, named by the flag (a bad command line: 2)", async () => {
    const names = ['sigmoid', 'tanh', 'relu', 'leakyRelu', 'linear', 'softmax'];
    await refuses(['train', 'moons', '--activation', 'swish', '--epochs', '1'], 2, ['--activation', ...names, '"swish"']);
  });

  it('an existing --out file is never left half-written: kept whole when training fails, replaced whole when it succeeds', async () => {
    const own = tempFolder();
    const out = join(own, 'model.json');
    writeFileSync(out, 'the previous model');
    const bad = writeFile(own, 'bad.csv', 'a,b,c\n1,2,x\n3,oops,y\n');
    await refuses(['train', bad, '--numeric', 'b', '--out', out], 1, [bad, 'line 3', "'b'", 'a number', '"oops"']);
    expect(readFileSync(out, 'utf8')).toBe('the previous model');
    const good = await run(['train', 'xor', '--epochs', '10', '--out', out]);
    expect(good.code, good.stderr).toBe(0);
    expect(readJson(out).format).toBe('neural-wasm-model');
    // the temporary file was renamed over the target: nothing else is left in the folder
    expect(readdirSync(own).sort()).toEqual(['bad.csv', 'model.json']);
  });
});
