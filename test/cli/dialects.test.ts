// CSV dialects (cli/io/csv-dialect.ts, numerals.ts): the same table written with ';' and decimal
// commas, tabs, '|' (its class names quoted, holding every delimiter and a quote), with a BOM and
// CRLF line ends, trains the model the plain comma file trains, predicts the same (written back in
// the file's dialect) and evaluates the same: with the dialect found in the first lines, or given by
// --delimiter and --decimal. A table read as one column, a number in the other decimal spelling,
// and bad flag values are refused by name.
import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { run, refuses, tempFolder, writeFile, readJson, type Run } from './run';
import { testRandom as random } from '../builds';

// class names that hold a quote and each candidate delimiter: quoted in every dialect
const CLASSES = ['red, "warm"', 'green; cool', 'blue|deep\tsea'];

/** A labelled table's cells: three numeric inputs with two decimals, and a class. */
function table(rows: number): string[][] {
  const next = random(3);
  const cells = [['width', 'height', 'weight', 'colour']];
  for (let i = 0; i < rows; i++) {
    const c = i % 3;
    cells.push([...[c * 2 + next(), 5 - c + next() * 0.5, next() * 10 - 5].map((v) => v.toFixed(2)), CLASSES[c]]);
  }
  return cells;
}

interface Dialect {
  delimiter: string;
  decimal: '.' | ',';
  bom?: boolean;
  crlf?: boolean;
}

/** The cells as a CSV file of this dialect: a cell quoted where it holds the delimiter or a quote. */
function render(cells: readonly string[][], { delimiter, decimal, bom, crlf }: Dialect): string {
  const cell = (text: string) => {
    const spelled = decimal === ',' && /^-?\d+\.\d+$/.test(text) ? text.replace('.', ',') : text;
    return spelled.includes(delimiter) || spelled.includes('"') ? `"${spelled.replace(/"/g, '""')}"` : spelled;
  };
  const end = crlf ? '\r\n' : '\n';
  return (bom ? '\ufeff' : '') + cells.map((row) => row.map(cell).join(delimiter)).join(end) + end;
}

/** predict's output read back: its header and rows, the numbers with a decimal point. */
function readPredictions(text: string, { delimiter, decimal }: Dialect): string[][] {
  const rows: string[][] = parse(text, { delimiter });
  return rows.map((row) => row.map((cell) => (decimal === ',' && /^[-\d]/.test(cell) ? cell.replace(',', '.') : cell)));
}

const ROWS = 60;
const CELLS = table(ROWS);
const COMMAS: Dialect = { delimiter: ',', decimal: '.' };
const TRAIN = ['--epochs', '3', '--seed', '4', '--quiet'];

// what the plain comma file gives: the model, the predictions and evaluate's report
let plain: { folder: string; model: any; predictions: string[][]; evaluated: string };

/** Trains, predicts and evaluates on the table in `dialect`, in a folder of its own, with these flags. */
async function roundTrip(dialect: Dialect, flags: string[] = []) {
  const folder = tempFolder();
  const data = writeFile(folder, 'data.csv', render(CELLS, dialect));
  const model = join(folder, 'model.json');
  const trained = await run(['train', data, ...TRAIN, ...flags, '--out', model]);
  expect(trained.stderr).toBe('');
  expect(trained.code).toBe(0);
  const [predicted, evaluated] = await Promise.all([run(['predict', '--model', model, data, ...flags]), run(['evaluate', '--model', model, data, ...flags])]);
  expect(predicted.stderr + evaluated.stderr).toBe('');
  return { folder, trained, predicted, evaluated, model: readJson(model) };
}

// the parts of a model file the data decides
const learned = (model: any) => ({ inputs: model.inputs, target: model.target, network: model.network });

beforeAll(async () => {
  const { folder, predicted, evaluated, model } = await roundTrip(COMMAS);
  plain = { folder, model, predictions: readPredictions(predicted.stdout, COMMAS), evaluated: evaluated.stdout.replaceAll(folder, 'F') };
  expect(plain.predictions).toHaveLength(ROWS + 1);
  expect(model.target.classes).toEqual([...CLASSES].sort());
});

/** Asserts that a round trip gave what the comma file gives, its predictions written in `dialect`. */
function expectSameAsPlain(result: { folder: string; predicted: Run; evaluated: Run; model: any }, dialect: Dialect): void {
  expect(learned(result.model)).toEqual(learned(plain.model));
  expect(readPredictions(result.predicted.stdout, dialect)).toEqual(plain.predictions);
  expect(result.evaluated.stdout.replaceAll(result.folder, 'F')).toBe(plain.evaluated);
}

const FOUND: [string, Dialect, string][] = [
  ["';' with decimal commas", { delimiter: ';', decimal: ',' }, "read with ';' between cells and decimal commas"],
  ["';' with decimal points", { delimiter: ';', decimal: '.' }, "read with ';' between cells,"],
  ['tab', { delimiter: '\t', decimal: '.' }, 'read with tab between cells,'],
  ["'|'", { delimiter: '|', decimal: '.' }, "read with '|' between cells,"],
  ["';' with decimal commas, a BOM and CRLF line ends", { delimiter: ';', decimal: ',', bom: true, crlf: true }, "read with ';' between cells and decimal commas"],
  ['tab with decimal commas, a BOM and CRLF line ends', { delimiter: '\t', decimal: ',', bom: true, crlf: true }, 'read with tab between cells and decimal commas'],
];

describe.concurrent('a dialect found in the first lines', () => {
  for (const [name, dialect, said] of FOUND) {
    it(`${name}: the comma file's model, predictions (written in the dialect) and evaluation; train says how it read the file`, async () => {
      const result = await roundTrip(dialect);
      expectSameAsPlain(result, dialect);
      expect(result.trained.stdout.split('\n')[0]).toContain(said);
      // read back with the dialect's delimiter above; its numbers spelled with its decimal separator
      const probabilities = (parse(result.predicted.stdout, { delimiter: dialect.delimiter }) as string[][]).slice(1).flatMap((row) => row.slice(1));
      const [spelled, other] = dialect.decimal === ',' ? [/^\d,\d/, '.'] : [/^\d\.\d/, ','];
      expect(probabilities.filter((cell) => spelled.test(cell))).not.toHaveLength(0);
      expect(probabilities.filter((cell) => cell.includes(other))).toEqual([]);
    });
  }

  it('a comma file with a BOM and CRLF line ends: as before, and train says nothing of its dialect', async () => {
    const result = await roundTrip({ ...COMMAS, bom: true, crlf: true });
    expectSameAsPlain(result, COMMAS);
    expect(result.trained.stdout).not.toContain('read with');
  });

  it("values predicted from standard input with decimal commas are written with them, and read back as the comma file's", async () => {
    const next = random(9);
    const cells = [['a', 'b', 'price']];
    for (let i = 0; i < 40; i++) {
      const [a, b] = [next() * 10, next() * 5];
      cells.push([a, b, 3 * a - 2 * b + next()].map((v) => v.toFixed(2)));
    }
    const semicolons: Dialect = { delimiter: ';', decimal: ',' };
    const folder = tempFolder();
    const [commaModel, semicolonModel] = [join(folder, 'comma.json'), join(folder, 'semicolon.json')];
    await Promise.all([
      run(['train', writeFile(folder, 'comma.csv', render(cells, COMMAS)), ...TRAIN, '--out', commaModel]),
      run(['train', writeFile(folder, 'semicolon.csv', render(cells, semicolons)), ...TRAIN, '--out', semicolonModel]),
    ]);
    expect(learned(readJson(semicolonModel))).toEqual(learned(readJson(commaModel)));
    const [fromComma, fromSemicolon] = await Promise.all([
      run(['predict', '--model', commaModel], render(cells, COMMAS)),
      run(['predict', '--model', semicolonModel], render(cells, semicolons)),
    ]);
    expect(fromSemicolon.stderr).toBe('');
    expect(fromSemicolon.stdout).toMatch(/^price\n-?\d+,\d+\n/);
    expect(readPredictions(fromSemicolon.stdout, semicolons)).toEqual(readPredictions(fromComma.stdout, COMMAS));
  });
});

describe.concurrent('a dialect given by --delimiter and --decimal', () => {
  const GIVEN: [string, Dialect, string[]][] = [
    ["--delimiter ';' --decimal ,", { delimiter: ';', decimal: ',' }, ['--delimiter', ';', '--decimal', ',']],
    ['--delimiter tab', { delimiter: '\t', decimal: '.' }, ['--delimiter', 'tab']],
    ['--delimiter \\t (as typed)', { delimiter: '\t', decimal: '.' }, ['--delimiter', '\\t']],
    ["--delimiter '|'", { delimiter: '|', decimal: '.' }, ['--delimiter', '|']],
    ["--delimiter ':', a character no file is looked at for", { delimiter: ':', decimal: '.' }, ['--delimiter', ':']],
    ['--decimal , on a comma file, its numbers quoted ("1,25")', { delimiter: ',', decimal: ',' }, ['--decimal', ',']],
  ];
  for (const [name, dialect, flags] of GIVEN) {
    it(`${name}: the comma file's model, predictions and evaluation`, async () => {
      expectSameAsPlain(await roundTrip(dialect, flags), dialect);
    });
  }

  it('predict reads the given dialect from standard input too', async () => {
    const semicolons: Dialect = { delimiter: ';', decimal: ',' };
    const predicted = await run(['predict', '--model', join(plain.folder, 'model.json'), '--delimiter', ';', '--decimal', ','], render(CELLS, semicolons));
    expect(predicted.stderr).toBe('');
    expect(readPredictions(predicted.stdout, semicolons)).toEqual(plain.predictions);
  });
});

describe.concurrent('decimal commas', () => {
  // a one-input model (x -> y): what a cell reads as is what it predicts
  let model: string;
  let folder: string;
  beforeAll(async () => {
    folder = tempFolder();
    model = join(folder, 'model.json');
    const rows = Array.from({ length: 30 }, (_, i) => `${i * 100},${i % 2}`);
    const trained = await run(['train', writeFile(folder, 'xy.csv', ['x,y', ...rows].join('\n') + '\n'), ...TRAIN, '--out', model]);
    expect(trained.stderr).toBe('');
  });
  const predict = (rows: string[], flags: string[] = []) => run(['predict', '--model', model, ...flags], ['x', ...rows].join('\n') + '\n');

  it("'.' between thousands (1.234,5 and 1.234.567) reads as the same number written without it", async () => {
    const [grouped, plainNumbers] = await Promise.all([
      predict(['1.234,5', '1.234.567', '-2.000,25', '1,5e3'], ['--decimal', ',']),
      predict(['1234,5', '1234567', '-2000,25', '1500'], ['--decimal', ',']),
    ]);
    expect(grouped.stderr).toBe('');
    expect(grouped.stdout).toBe(plainNumbers.stdout);
  });

  it('1.234 with decimal commas may be 1234 or 1.234: refused, naming both readings and the flag', async () => {
    const data = writeFile(folder, 'one-group.csv', 'x\n1.234\n1,5\n');
    const refused = await refuses(['predict', '--model', model, data, '--decimal', ','], 1, [data, 'line 2', "'x'", '"1.234"', '1234', '1.234', '--decimal ,', 'decimal comma']);
    expect(refused.stderr).toBe(`neural-wasm: ${data}, line 2, column 'x': expected a number with a decimal comma (--decimal ,), got "1.234", which may be 1234 or 1.234: write 1234 or 1,234\n`); // docs/cli.md's example
  });

  it('a decimal point where decimal commas are read, given or found in the first lines, is refused by line and column', async () => {
    await refuses(['predict', '--model', model, '--decimal', ','], 1, ['standard input', 'line 3', "'x'", '"2.5"', 'decimal comma', '--decimal ,'], 'x\n1,5\n2.5\n');
    // past the first lines (100 looked at)
    const found = writeFile(folder, 'found.csv', ['x;z', ...Array.from({ length: 120 }, () => '1,5;1'), '2.5;2'].join('\n') + '\n');
    await refuses(['predict', '--model', model, found], 1, [found, 'line 122', "'x'", '"2.5"', 'decimal comma', 'first lines']);
  });

  it('a decimal comma met after the first lines (which had none, or only 1,234: 1.234 or 1234?) is refused with the flag that reads it', async () => {
    const late = writeFile(folder, 'late.csv', ['x;z', ...Array.from({ length: 150 }, (_, i) => `${i};1`), '2,5;1'].join('\n') + '\n');
    const refused = await refuses(['predict', '--model', model, late], 1, [late, 'line 152', "'x'", '"2,5"', 'a number', '--decimal ,']);
    expect(refused.stderr).toBe(`neural-wasm: ${late}, line 152, column 'x': expected a number, got "2,5" (with a decimal comma? give --decimal ,)\n`); // docs/cli.md's example
    // 1,234 names both its readings: 1.234 with a decimal comma, 1234 with a thousands comma (read nowhere)
    const ambiguous = writeFile(folder, 'ambiguous.csv', 'x;z\n1,234;1\n5;1\n');
    await refuses(['predict', '--model', model, ambiguous], 1, [ambiguous, 'line 2', "'x'", '"1,234"', 'a number', '--decimal ,', '1.234', '1234']);
    // given, both read
    const given = await run(['predict', '--model', model, late, '--decimal', ',']);
    expect(given.stderr).toBe('');
    expect(given.stdout.trim().split('\n')).toHaveLength(152);
  });

  it('evaluate reads a class written with a decimal comma (1,0) as the number class 1', async () => {
    const data = writeFile(folder, 'classes.csv', 'x;y\n100;0,0\n200;1,0\n300;1\n');
    const evaluated = await run(['evaluate', '--model', model, data, '--decimal', ',']);
    expect(evaluated.stderr).toBe('');
    expect(evaluated.stdout).toContain('(3 rows)');
  });
});

describe.concurrent('a table read as one column', () => {
  it('with a --delimiter that does not split it: names the delimiter used and the one that splits its header', async () => {
    const folder = tempFolder();
    const data = writeFile(folder, 'data.csv', render(CELLS, { delimiter: ';', decimal: ',' }));
    const model = join(plain.folder, 'model.json');
    const parts = [data, 'one column', "','", '--delimiter', "';'", '4 columns'];
    const refused = await refuses(['train', data, '--delimiter', ','], 1, parts);
    expect(refused.stderr).toBe(`neural-wasm: ${data}: read as one column with ',' as the delimiter (--delimiter); ';' splits its header into 4 columns: give --delimiter ';'\n`); // docs/cli.md's example
    await refuses(['predict', '--model', model, data, '--delimiter', ','], 1, parts);
    await refuses(['evaluate', '--model', model, data, '--delimiter', ','], 1, parts);
    const tabs = writeFile(folder, 'tabs.csv', render(CELLS, { delimiter: '\t', decimal: '.' }));
    await refuses(['train', tabs, '--delimiter', '|'], 1, [tabs, 'one column', "'|'", '--delimiter tab', '4 columns']);
  });

  it('split by none of , ; tab |: the reason, the delimiter used and the ones looked for', async () => {
    const folder = tempFolder();
    const data = writeFile(folder, 'colons.csv', 'a:b:y\n1:2:0\n3:4:1\n');
    await refuses(['train', data], 1, [data, 'one column', "','", "';'", 'tab', "'|'", '--delimiter', 'no input columns']);
  });

  it('is read where the command needs one column only: predict with a one-input model', async () => {
    const folder = tempFolder();
    const model = join(folder, 'model.json');
    await run(['train', writeFile(folder, 'xy.csv', 'x,y\n1,0\n2,1\n3,0\n4,1\n'), ...TRAIN, '--out', model]);
    const predicted = await run(['predict', '--model', model], 'x\n1\n2.5\n');
    expect(predicted.stderr).toBe('');
    expect(predicted.stdout.trim().split('\n')).toHaveLength(3);
  });
});

describe.concurrent('bad flag values', () => {
  const folder = tempFolder();
  const data = writeFile(folder, 'data.csv', render(CELLS, COMMAS));
  const model = join(folder, 'model.json');
  const commands = [['train', data], ['predict', '--model', model, data], ['evaluate', '--model', model, data]];

  it('--delimiter: more than one character, none, a quote, a line break, a digit or a sign of numbers (2: a bad command line)', async () => {
    for (const command of commands) {
      for (const value of ['ab', '', '"', '\n', '5', '.', '-']) await refuses([...command, '--delimiter', value], 2, ['--delimiter', JSON.stringify(value)]);
    }
  });

  it("--decimal: anything but '.' and ','", async () => {
    for (const command of commands) {
      for (const value of [';', '', 'comma']) await refuses([...command, '--decimal', value], 2, ['--decimal', JSON.stringify(value), "'.'", "','"]);
    }
  });

  it('either on a built-in set, which is not a CSV file', async () => {
    await refuses(['train', 'iris', '--delimiter', ';'], 2, ['--delimiter', 'iris', 'CSV']);
    await refuses(['evaluate', '--model', join(plain.folder, 'model.json'), 'moons', '--decimal', ','], 2, ['--decimal', 'moons', 'CSV']);
  });
});
