// `neural-wasm predict` and `neural-wasm evaluate` on a model trained once for the whole file.
import { beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { NeuralNetwork } from 'neural-wasm';
import { BIN, expectRefusal, run, tempFolder, writeFile, readJson, classesCsv, parseOutput, scaleRow, csvInputs, trainedModel } from './run';
import { testRandom } from '../builds';

let folder: string;
let model: string;
let data: string;
const csv = classesCsv(60, 3, 5);

beforeAll(async () => {
  ({ folder, data, model } = await trainedModel(csv, 40, 'colours.csv'));
});

describe('neural-wasm predict', () => {
  it('reads rows from a file or from standard input and writes the same CSV, one row per input row', async () => {
    const [fromFile, fromStdin, fromDash] = await Promise.all([
      run(['predict', '--model', model, data]),
      run(['predict', '--model', model], csv),
      run(['predict', '--model', model, '-'], csv),
    ]);
    expect(fromFile.code, fromFile.stderr).toBe(0);
    expect(fromStdin.code, fromStdin.stderr).toBe(0);
    expect(fromStdin.stdout).toBe(fromFile.stdout);
    expect(fromDash.stdout).toBe(fromFile.stdout);
    expect(parseOutput(fromFile.stdout).rows).toHaveLength(60);
  });

  it('takes the input columns by name, in any order, ignoring other columns; --out writes the same CSV', async () => {
    const reordered = ['note,weight,height,width', ...csv.trim().split('\n').slice(1).map((line) => {
      const [w, h, kg] = line.split(',');
      return `x,${kg},${h},${w}`;
    })].join('\n');
    const out = join(folder, 'predictions.csv');
    const [plain, shuffled] = await Promise.all([run(['predict', '--model', model, data]), run(['predict', '--model', model, '--out', out], reordered)]);
    expect(shuffled.code, shuffled.stderr).toBe(0);
    expect(shuffled.stdout).toBe('');
    expect(readFileSync(out, 'utf8')).toBe(plain.stdout);
  });

  it('gives the same predictions on the pure-JS build, to rounding', async () => {
    const [wasm, js] = await Promise.all([run(['predict', '--model', model, data]), run(['predict', '--model', model, data, '--backend', 'js'])]);
    const a = parseOutput(wasm.stdout).rows;
    const b = parseOutput(js.stdout).rows;
    a.forEach((row, r) => {
      expect(b[r][0]).toBe(row[0]);
      row.slice(1).forEach((p, c) => expect(Math.abs(Number(p) - Number(b[r][c + 1]))).toBeLessThan(1e-12));
    });
  });
});

describe('neural-wasm evaluate', () => {
  it('reports the loss and accuracy the library computes in-process, and a confusion matrix of every row', async () => {
    const { code, stdout, stderr } = await run(['evaluate', '--model', model, data]);
    expect(code, stderr).toBe(0);
    const file = readJson(model);
    const net = await NeuralNetwork.fromJSON(file.network);
    const inputs = csvInputs(csv, 3).map((row) => scaleRow(row, file.inputs.scaling));
    const labels = csv.trim().split('\n').slice(1).map((line) => file.target.classes.indexOf(line.split(',')[3]));
    const targets = labels.map((label) => [0, 1, 2].map((c) => (c === label ? 1 : 0)));
    const { loss, accuracy } = net.evaluate(inputs, targets);
    const correct = Math.round(accuracy * 60);
    expect(stdout).toContain(`(60 rows): loss ${loss.toPrecision(4)}, accuracy ${Number((accuracy * 100).toFixed(1))}% (${correct} of 60)`);
    const lines = stdout.split('\n');
    const header = lines.findIndex((line) => line.startsWith('true \\ predicted'));
    expect(lines[header].split(/\s+/).slice(-3)).toEqual(['blue', 'green', 'red']);
    const matrix = lines.slice(header + 1, header + 4).map((line) => line.trim().split(/\s+/).slice(1).map(Number));
    expect(matrix.map((row) => row.reduce((a, b) => a + b))).toEqual([20, 20, 20]);
    expect(matrix[0][0] + matrix[1][1] + matrix[2][2]).toBe(correct);
  });

  it('evaluates a model on a built-in set by name', async () => {
    const folder = tempFolder();
    const irisModel = join(folder, 'iris.json');
    await run(['train', 'iris', '--quiet', '--out', irisModel]);
    const { code, stdout, stderr } = await run(['evaluate', '--model', irisModel, 'iris']);
    expect(code, stderr).toBe(0);
    expect(stdout).toMatch(/^iris \(150 rows\): loss [\d.]+, accuracy (9\d(\.\d)?|100)% \(\d+ of 150\)$/m);
  });

  it('a class the model does not know is an error naming the file, line and column', async () => {
    const bad = writeFile(tempFolder(), 'labelled.csv', 'width,height,weight,colour\n1,2,3,red\n1,2,3,purple\n');
    expectRefusal(await run(['evaluate', '--model', model, bad]), 1, [bad, 'line 3', "'colour'", 'unknown class', '"purple"', 'blue', 'green', 'red']);
  });
});

// Control characters: C0 (ESC among them) but the newline, DEL and C1 (0x9b is a one-byte CSI).
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

describe('text from files on the terminal', () => {
  it('class names, column names and training metadata with escape sequences print with each control character as U+FFFD', async () => {
    const folder = tempFolder();
    // clear the screen, retitle the terminal, recolour (C0 and C1 CSI), ring the bell
    const classes = ['\u001b[2Jred', '\u001b]0;owned\u0007green', 'blue\u009b31m'];
    const rows = classesCsv(60, 3, 5).replace(/\b(red|green|blue)$/gm, (name) => `"${classes[['red', 'green', 'blue'].indexOf(name)]}"`);
    const labelled = writeFile(folder, 'escapes.csv', rows.replace('width,', '"wi\u001b[1mdth",'));
    const out = join(folder, 'model.json');
    const trained = await run(['train', labelled, '--epochs', '5', '--quiet', '--out', out]);
    expect(trained.code, trained.stderr).toBe(0);
    expect(trained.stdout).not.toMatch(CONTROL);
    expect(trained.stdout).toContain('\ufffd[2Jred');
    expect(trained.stdout).toContain('wi\ufffd[1mdth');
    const file = readJson(out);
    expect(file.target.classes).toContain('\u001b[2Jred'); // the model keeps its names as they are
    writeFileSync(out, JSON.stringify({ ...file, training: { ...file.training, data: '\u001b]0;owned\u0007data.csv' } }));
    const evaluated = await run(['evaluate', '--model', out, labelled]);
    expect(evaluated.code, evaluated.stderr).toBe(0);
    expect(evaluated.stdout).not.toMatch(CONTROL);
    expect(evaluated.stdout).toContain('trained on \ufffd]0;owned\ufffddata.csv');
    expect(evaluated.stdout).toContain('blue\ufffd31m');
    // an error message that quotes a name from the file: one line, no control characters
    const other = writeFile(folder, 'other.csv', 'a,b\n1,2\n');
    const failed = await run(['evaluate', '--model', out, other]);
    expectRefusal(failed, 1, [other, "'wi\ufffd[1mdth'", 'a, b']);
    expect(failed.stderr).not.toMatch(CONTROL);
  });
});

// the bidirectional controls, which reorder what a terminal shows
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

// util-linux's script runs a command on a pseudo-terminal (its standard output a terminal) and copies what it shows
const SCRIPT = spawnSync('script', ['--version'], { encoding: 'utf8' }).stdout?.includes('util-linux') ?? false;

describe('text from files on the terminal: file names, bidi controls, predict', () => {
  it('a data file named with an escape sequence and a bidi override: train and evaluate print its name with them as U+FFFD', async () => {
    const folder = tempFolder();
    const labelled = writeFile(folder, 'd\u001b[31m\u202eevil.csv', classesCsv(60, 3, 5).replace(/\bred$/gm, 'r\u2067ed'));
    const out = join(folder, 'model.json');
    const trained = await run(['train', labelled, '--epochs', '5', '--quiet', '--out', out]);
    expect(trained.code, trained.stderr).toBe(0);
    const evaluated = await run(['evaluate', '--model', out, labelled]);
    expect(evaluated.code, evaluated.stderr).toBe(0);
    for (const { stdout } of [trained, evaluated]) {
      expect(stdout).not.toMatch(CONTROL);
      expect(stdout).not.toMatch(BIDI);
      expect(stdout).toContain(`${folder}/d\ufffd[31m\ufffdevil.csv`);
      expect(stdout).toContain('r\ufffded');
    }
  });

  it.skipIf(!SCRIPT)("predict on a terminal (a pseudo-terminal, through util-linux's script): the model's names with control characters as U+FFFD; to a pipe, as they are", async () => {
    const folder = tempFolder();
    // clear the screen, write the clipboard (OSC 52), NUL, C1 NEL, and a right-to-left override
    const classes = ['\u001b[2J\u001b[Hred', '\u001b]52;c;ZWNobyBoaQ==\u0007green', 'bl\u0000ue\u0085\u202e'];
    const rows = classesCsv(60, 3, 5).replace(/\b(red|green|blue)$/gm, (name) => `"${classes[['red', 'green', 'blue'].indexOf(name)]}"`);
    const labelled = writeFile(folder, 'escapes.csv', rows.replace(',colour', ',"col\u001b[8mour"'));
    const out = join(folder, 'model.json');
    const trained = await run(['train', labelled, '--epochs', '5', '--quiet', '--out', out]);
    expect(trained.code, trained.stderr).toBe(0);
    const command = [process.execPath, BIN, 'predict', '--model', out, labelled].map((part) => `'${part}'`).join(' ');
    const shown = spawnSync('script', ['-q', '-e', '-c', command, '/dev/null'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    expect(shown.status, shown.stderr).toBe(0);
    const lines = shown.stdout.split('\r\n');
    expect(lines[0]).toBe('col\ufffd[8mour,p_\ufffd[2J\ufffd[Hred,p_\ufffd]52;c;ZWNobyBoaQ==\ufffdgreen,p_bl\ufffdue\ufffd\ufffd');
    expect(lines.length).toBeGreaterThan(60);
    expect(shown.stdout.replace(/\r\n/g, '\n')).not.toMatch(CONTROL);
    expect(shown.stdout).not.toMatch(BIDI);
    const piped = await run(['predict', '--model', out, labelled]);
    expect(piped.stdout.split('\n')[0]).toBe(`col\u001b[8mour,p_${classes.join(',p_')}`);
  });
});

describe('a confusion matrix of many classes', () => {
  it('past 30 classes: the most frequent confusions and the classes of lowest accuracy, counted as predict predicts', async () => {
    const folder = tempFolder();
    // 40 classes around a circle, neighbours overlapping: many confusions
    const random = testRandom(7);
    const lines = ['x,y,kind'];
    for (let i = 0; i < 400; i++) {
      const c = i % 40;
      const angle = (2 * Math.PI * (c + random() * 1.5)) / 40;
      lines.push(`${Math.cos(angle).toFixed(4)},${Math.sin(angle).toFixed(4)},k${String(c).padStart(2, '0')}`);
    }
    const labelled = writeFile(folder, 'circle.csv', lines.join('\n') + '\n');
    const out = join(folder, 'model.json');
    const trained = await run(['train', labelled, '--epochs', '30', '--quiet', '--out', out]);
    expect(trained.code, trained.stderr).toBe(0);
    expect(trained.stdout).toContain('confusions, validation rows: 40 classes, too many for a matrix');
    expect(trained.stdout).not.toContain('true \\ predicted');

    const { code, stdout, stderr } = await run(['evaluate', '--model', out, labelled]);
    expect(code, stderr).toBe(0);
    expect(stdout.split('\n').length).toBeLessThan(50);
    // what predict says of each row, counted here
    const truth = lines.slice(1).map((line) => line.split(',')[2]);
    const predicted = parseOutput((await run(['predict', '--model', out, labelled])).stdout).rows.map((row) => row[0]);
    const pairs = new Map<string, number>();
    const perClass = new Map<string, { right: number; total: number }>();
    truth.forEach((t, r) => {
      const tally = perClass.get(t) ?? { right: 0, total: 0 };
      perClass.set(t, { right: tally.right + (predicted[r] === t ? 1 : 0), total: tally.total + 1 });
      if (predicted[r] !== t) pairs.set(`${t} ${predicted[r]}`, (pairs.get(`${t} ${predicted[r]}`) ?? 0) + 1);
    });
    const wrongRows = [...pairs.values()].reduce((a, b) => a + b, 0);
    expect(wrongRows).toBeGreaterThan(20);
    expect(stdout).toContain(`confusions: 40 classes, too many for a matrix\nthe 20 most frequent of ${pairs.size} (a true class predicted as another; ${wrongRows} rows in all):`);

    const section = (from: string) => {
      const all = stdout.split('\n');
      const start = all.findIndex((line) => line.startsWith(from));
      const end = all.findIndex((line, i) => i > start && !/^k\d\d\s/.test(line));
      return all.slice(start + 1, end).map((line) => line.trim().split(/\s+/));
    };
    const shown = section('true ');
    expect(shown).toHaveLength(20);
    const counts = shown.map(([t, p, n]) => {
      expect(Number(n)).toBe(pairs.get(`${t} ${p}`));
      return Number(n);
    });
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    const hidden = [...pairs].filter(([pair]) => !shown.some(([t, p]) => `${t} ${p}` === pair));
    expect(Math.max(...hidden.map(([, n]) => n))).toBeLessThanOrEqual(counts.at(-1)!);

    expect(stdout).toContain('lowest accuracy by class (10 of the 40 classes with rows):');
    const worst = section('class ');
    expect(worst).toHaveLength(10);
    const share = ({ right, total }: { right: number; total: number }) => right / total;
    worst.forEach(([name, , right, , total]) => expect(`${right} of ${total}`).toBe(`(${perClass.get(name)!.right} of ${perClass.get(name)!.total})`));
    const worstShown = Math.max(...worst.map(([name]) => share(perClass.get(name)!)));
    [...perClass].filter(([name]) => !worst.some(([shownName]) => shownName === name)).forEach(([, tally]) => expect(share(tally)).toBeGreaterThanOrEqual(worstShown));
  });
});
