// Real-world tables in the CLI: text columns taken as categories, missing cells filled, an id column
// left out, columns declared by flag, rows without a target left out; and the model that comes out
// predicts the same in `neural-wasm predict`, Model#predict and the standalone module.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NeuralNetwork as JsNetwork } from 'neural-wasm/js';
import { Model, type ClassPrediction } from 'neural-wasm/model';
import { toStandalone } from 'neural-wasm/export';
import { testRandom } from '../builds';
import { parse } from 'csv-parse/sync';
import { parseOutput, readJson, refuses, run, tempFolder, writeFile } from './run';

// passengers: a name (all distinct), a class (text), an age with missing cells spelled four ways,
// a fare, a port (text, some missing); the target survived (yes/no) follows class, age and fare
function passengers(rows: number, seed = 3): string {
  const random = testRandom(seed);
  const lines = ['name,class,age,fare,port,survived'];
  const missing = ['', 'NA', '?', 'NaN'];
  for (let r = 0; r < rows; r++) {
    const cls = ['first', 'second', 'third'][Math.floor(random() * 3)];
    const age = Math.round(random() * 70 + 1);
    const fare = (random() * 100).toFixed(2);
    const port = random() < 0.1 ? missing[r % 4] : ['S', 'C', 'Q'][Math.floor(random() * 3)];
    const score = (cls === 'first' ? 1.5 : cls === 'second' ? 0.3 : -1) - age / 40 + Number(fare) / 80 + (random() - 0.5);
    lines.push(`"Passenger ${r}, Mr.",${cls},${random() < 0.15 ? missing[r % 4] : age},${fare},${port},${score > 0 ? 'yes' : 'no'}`);
  }
  return `${lines.join('\n')}\n`;
}

async function trained(csv: string, flags: string[] = []) {
  const folder = tempFolder();
  const data = writeFile(folder, 'passengers.csv', csv);
  const out = join(folder, 'model.json');
  const result = await run(['train', data, '--epochs', '30', '--backend', 'js', '--out', out, ...flags]);
  expect(result.code, result.stderr).toBe(0);
  return { folder, data, out, stdout: result.stdout, file: readJson(out) };
}

describe('neural-wasm train on a table of mixed columns', () => {
  it('takes text as categories, fills missing cells, leaves the id out, and says so', async () => {
    const { stdout, file } = await trained(passengers(300));
    expect(file.inputs.columns).toEqual(['class', 'age', 'fare', 'port']);
    expect(file.inputs.types).toEqual(['categorical', 'numeric', 'numeric', 'categorical']);
    expect(file.inputs.levels).toEqual([['first', 'second', 'third'], null, null, ['C', 'Q', 'S']]);
    expect(typeof file.inputs.fill[1]).toBe('number');
    expect(['C', 'Q', 'S']).toContain(file.inputs.fill[3]);
    // one input per level and per number: 3 + 1 + 1 + 3
    expect(file.network.layers[0]).toBe(8);
    expect(stdout).toMatch(/^columns: 2 numeric, 2 categorical \(class: 3 levels, port: 3 levels\); left out: name \(an id or a name/m);
    expect(stdout).toMatch(/^missing cells filled: age \d+ \(median [\d.]+\), port \d+ \(most frequent "[CQS]"\)$/m);
    // it learnt: the validation rows beat always answering the commoner class
    const accuracy = Number(/^validation \(\d+ rows\): .*accuracy ([\d.]+)%/m.exec(stdout)![1]);
    expect(accuracy).toBeGreaterThan(75);
  });

  it('predict and evaluate take missing cells and unseen levels; the CLI, Model#predict and the standalone module agree bit for bit (js core)', async () => {
    const { folder, out, file } = await trained(passengers(200));
    const rows = 'name,class,age,fare,port\nA,first,NA,50,S\nB,fourth,30,,?\nC,second,45,12.5,Z\nD,,,,\n';
    const predicted = await run(['predict', '--model', out, '--backend', 'js', writeFile(folder, 'new.csv', rows)]);
    expect(predicted.code, predicted.stderr).toBe(0);
    const printed = parseOutput(predicted.stdout).rows;
    const model = await Model.fromJSON(JsNetwork, file);
    const module = await import(`data:text/javascript;base64,${Buffer.from(toStandalone(model)).toString('base64')}`);
    const values = [['first', 'NA', '50', 'S'], ['fourth', '30', '', '?'], ['second', '45', '12.5', 'Z'], ['', '', '', '']];
    values.forEach((row, r) => {
      const answer = model.predict(row) as ClassPrediction;
      expect(printed[r]).toEqual([answer.class, ...answer.probabilities.map(String)]);
      expect(module.predict(row)).toEqual(answer);
      // by name, with missing as null or absent
      expect(model.predict({ class: row[0] || null, age: row[1] === 'NA' ? null : Number(row[1]) || undefined, fare: row[2] ? Number(row[2]) : NaN, port: row[3] })).toEqual(answer);
    });
    const evaluated = await run(['evaluate', '--model', out, writeFile(folder, 'labelled.csv', passengers(60, 9))]);
    expect(evaluated.code, evaluated.stderr).toBe(0);
    expect(evaluated.stdout).toMatch(/\(60 rows\): loss [\d.]+, accuracy/);
  });

  it('predict --keep carries columns of the rows beside the predictions, as they are (a true answer of the prediction\'s name as <name>_given); a kept column not there, or named twice, is refused', async () => {
    const { folder, out } = await trained(passengers(150));
    const labelled = writeFile(folder, 'labelled.csv', passengers(20, 7));
    const plain = parseOutput((await run(['predict', '--model', out, '--backend', 'js', labelled])).stdout);
    const kept = await run(['predict', '--model', out, '--backend', 'js', '--keep', 'name,survived,port', labelled]);
    expect(kept.code, kept.stderr).toBe(0);
    // (a CSV parser: the names hold the delimiter, quoted)
    const [header, ...rows] = parse(kept.stdout) as string[][];
    expect(header).toEqual(['name', 'survived_given', 'port', 'survived', 'p_no', 'p_yes']);
    const given = (parse(passengers(20, 7)) as string[][]).slice(1);
    rows.forEach((row, r) => {
      const source = given[r];
      // the cells as the file has them (a name holding the delimiter, a port missing as NA or ''), then the same predictions
      expect(row.slice(0, 3)).toEqual([source[0], source[5], source[4]]);
      expect(row.slice(3)).toEqual(plain.rows[r]);
    });
    expect(rows.every((row) => row[0].includes(','))).toBe(true);
    expect(rows.map((row) => row[2])).toContain('NA');
    await refuses(['predict', '--model', out, '--keep', 'name,ticket', labelled], 1, ['labelled.csv', "'ticket'", '--keep', 'name, class, age']);
    await refuses(['predict', '--model', out, '--keep', 'name,name', labelled], 2, ['--keep', '"name"', 'twice']);
  });

  it('--categorical, --numeric and --ignore name the columns; a column in two of them, or not there, is refused', async () => {
    const { file } = await trained(passengers(120), ['--categorical', 'fare', '--ignore', 'port,age']);
    expect(file.inputs.columns).toEqual(['class', 'fare']);
    expect(file.inputs.types).toEqual(['categorical', 'categorical']);
    const data = writeFile(tempFolder(), 'p.csv', passengers(40));
    await refuses(['train', data, '--numeric', 'class'], 1, [data, "'class'", 'a number', /"(first|second|third)"/]);
    await refuses(['train', data, '--numeric', 'age', '--ignore', 'age'], 2, ['--ignore', '"age"', '--numeric']);
    await refuses(['train', data, '--ignore', 'colour'], 1, [data, "'colour'", '--ignore']);
    await refuses(['train', 'moons', '--categorical', 'x'], 2, ['--categorical', 'CSV files', 'moons']);
  });

  it('--missing drop leaves out rows with a missing input, --missing error stops at the first; rows without a target are left out', async () => {
    const csv = 'a,b,y\n1,red,p\n2,,q\n,blue,p\n4,red,\n5,blue,q\n6,red,p\n7,blue,q\n8,red,p\n';
    const folder = tempFolder();
    const data = writeFile(folder, 'gaps.csv', csv);
    const imputed = await run(['train', data, '--epochs', '2', '--validation-split', '0', '--quiet']);
    expect(imputed.code, imputed.stderr).toBe(0);
    expect(imputed.stdout).toMatch(/gaps\.csv: 7 rows/);
    expect(imputed.stdout).toMatch(/^rows left out: 1 without a target$/m);
    const dropped = await run(['train', data, '--epochs', '2', '--validation-split', '0', '--quiet', '--missing', 'drop']);
    expect(dropped.code, dropped.stderr).toBe(0);
    expect(dropped.stdout).toMatch(/gaps\.csv: 5 rows/);
    expect(dropped.stdout).toMatch(/^rows left out: 1 without a target, 2 with a missing input \(--missing drop\)$/m);
    await refuses(['train', data, '--missing', 'error'], 1, [data, 'line 3', "'b'", 'missing', '--missing error']);
    await refuses(['train', data, '--missing', 'fill'], 2, ['--missing', 'impute', 'drop', 'error', '"fill"']);
  });

  it('values: a regression on a table with a text column and missing cells', async () => {
    const random = testRandom(5);
    const lines = ['size,colour,price'];
    for (let r = 0; r < 200; r++) {
      const colour = ['red', 'green', 'blue'][r % 3];
      const size = random() * 10;
      lines.push(`${r % 17 === 0 ? 'NA' : size.toFixed(3)},${colour},${(size * 3 + (colour === 'red' ? 10 : 0) + random()).toFixed(3)}`);
    }
    const { stdout, file } = await trained(`${lines.join('\n')}\n`, ['--epochs', '100']);
    expect(file.target.kind).toBe('values');
    expect(file.inputs.types).toEqual(['numeric', 'categorical']);
    const rmse = Number(/^validation \(\d+ rows\): .*RMSE price ([\d.]+)/m.exec(stdout)![1]);
    // predicting the mean gives about 10; a row whose size is missing (1 in 17) costs up to 15
    expect(rmse).toBeLessThan(5);
  });

  it('a cell spelled as a number that cannot be read is refused, never taken as a category', async () => {
    const data = writeFile(tempFolder(), 'versions.csv', 'a,b,y\n1,1.2.3,p\n2,2.0.1,q\n');
    await refuses(['train', data], 1, [data, 'line 2', "'b'", 'a number', '"1.2.3"', '--categorical']);
    const ok = await run(['train', data, '--categorical', 'b', '--epochs', '1', '--validation-split', '0', '--quiet']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(readFileSync(data, 'utf8')).toContain('1.2.3');
  });
});
