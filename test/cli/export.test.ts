// `neural-wasm export`: a model file (f64 or f32) as a standalone ES module that predicts on raw
// rows exactly what `neural-wasm predict --backend js` prints, or as an ONNX model; written whole;
// bad command lines refused before any work, and a model a float32 ONNX model cannot hold refused
// by name, pointing to --precision float64.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { expectRefusal, parseOutput, refuses, run, tempFolder, valuesCsv, writeFile } from './run';
import type { Part } from '../errors';

// how far the default core's (WASM) printed predictions may be from the module's: its exp and tanh
// may differ in the last bit, and at f32 it computes in float32 where the module (as the js core)
// computes between stores in doubles
const WASM_TOLERANCE = { f64: 1e-12, f32: 1e-5 };
// the float64 ONNX model against predict: 1e-12 for an f64 model; an f32 model's float32 weights
// computed in doubles, where the f32 core rounds each layer's values to float32
const FLOAT64_ONNX_TOLERANCE = { f64: 1e-12, f32: 1e-6 };

describe('neural-wasm export', () => {
  it.each(['f64', 'f32'] as const)('precision %s: writes a module with no imports whose predict gives what `neural-wasm predict --backend js` prints, for classes and for values', async (precision) => {
    const folder = tempFolder();
    const prices = writeFile(folder, 'prices.csv', valuesCsv(120));
    for (const [data, rowsCsv] of [['iris', readFileSync(new URL('../../data/iris.csv', import.meta.url), 'utf8')], [prices, readFileSync(prices, 'utf8')]]) {
      const model = join(folder, `model-${data === 'iris' ? 'iris' : 'prices'}.json`);
      const module = join(folder, `model-${data === 'iris' ? 'iris' : 'prices'}.js`);
      expect((await run(['train', data, '--epochs', '20', '--precision', precision, '--quiet', '--out', model])).code).toBe(0);
      const exported = await run(['export', '--model', model, '--out', module]);
      expect(exported.code, exported.stderr).toBe(0);
      expect(exported.stdout).toMatch(/: an ES module of \d+ KB, no imports/);
      const source = readFileSync(module, 'utf8');
      expect(source).not.toMatch(/^\s*import\b/m);
      const rowsFile = writeFile(folder, 'rows.csv', rowsCsv);
      const printed = parseOutput((await run(['predict', '--model', model, rowsFile, '--backend', 'js'])).stdout);
      const onWasm = parseOutput((await run(['predict', '--model', model, rowsFile])).stdout);
      const { predict, columns, precision: modulePrecision } = await import(pathToFileURL(module).href);
      expect(modulePrecision).toBe(precision);
      const table = parseOutput(rowsCsv);
      expect(printed.rows.length).toBe(table.rows.length);
      table.rows.forEach((row, r) => {
        const raw = columns.map((name: string) => Number(row[table.header.indexOf(name)]));
        const answer = predict(raw);
        const cells = answer instanceof Float64Array ? Array.from(answer, String) : [answer.class, ...answer.probabilities.map(String)];
        expect(cells, `row ${r}`).toEqual(printed.rows[r]);
        const numbers = answer instanceof Float64Array ? [...answer] : answer.probabilities;
        const wasmNumbers = onWasm.rows[r].slice(answer instanceof Float64Array ? 0 : 1).map(Number);
        numbers.forEach((value: number, c: number) => expect(Math.abs(value - wasmNumbers[c])).toBeLessThanOrEqual(WASM_TOLERANCE[precision] * Math.max(1, Math.abs(value))));
      });
    }
  });

  it.each(['f64', 'f32'] as const)('precision %s: --out m.onnx writes an ONNX model that ONNX Runtime runs on raw rows: the classes and probabilities `neural-wasm predict` prints', async (precision) => {
    const ort = await import('onnxruntime-web');
    ort.env.wasm.numThreads = 1;
    const folder = tempFolder();
    const model = join(folder, 'iris.json');
    const onnxFile = join(folder, 'iris.onnx');
    await run(['train', 'iris', '--epochs', '30', '--precision', precision, '--quiet', '--out', model]);
    const exported = await run(['export', '--model', model, '--out', onnxFile, '--precision', 'float64']);
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stdout).toMatch(/iris\.onnx: an ONNX model of \d+ KB \(opset 17\)/);
    const irisCsv = readFileSync(new URL('../../data/iris.csv', import.meta.url), 'utf8');
    const table = parseOutput(irisCsv);
    const printed = parseOutput((await run(['predict', '--model', model, writeFile(folder, 'rows.csv', irisCsv)])).stdout);
    const raw = table.rows.map((row) => row.slice(0, 4).map(Number));
    const session = await ort.InferenceSession.create(readFileSync(onnxFile));
    const result = await session.run({ input: new ort.Tensor('float64', Float64Array.from(raw.flat()), [raw.length, 4]) });
    const classes = ['setosa', 'versicolor', 'virginica'];
    const labels = Array.from(result.label.data as BigInt64Array, Number);
    const probabilities = result.probabilities.data as Float64Array;
    printed.rows.forEach(([name, ...p], r) => {
      expect(classes[labels[r]]).toBe(name);
      p.forEach((value, c) => expect(Math.abs(probabilities[r * 3 + c] - Number(value))).toBeLessThanOrEqual(FLOAT64_ONNX_TOLERANCE[precision]));
    });
  });

  it('a model of a mixed table (text categories, missing values): the ONNX model takes the numbers as `input` and the text as `categories`, and gives what `neural-wasm predict` prints, an unseen or missing category too', async () => {
    const ort = await import('onnxruntime-web');
    ort.env.wasm.numThreads = 1;
    const folder = tempFolder();
    const line = (i: number) => {
      const colour = ['red', 'green', 'blue'][i % 3];
      const size = i % 5 === 0 ? '' : String((i * 37) % 100);
      const weight = ((i * 13) % 17) / 4;
      return `${colour},${size},${weight},${(colour === 'red' ? 20 : 0) + Number(size || 50) + weight * 5 > 60 ? 'big' : 'small'}`;
    };
    const csv = ['colour,size,weight,class', ...Array.from({ length: 150 }, (_, i) => line(i))].join('\n');
    const model = join(folder, 'mixed.json');
    const onnxFile = join(folder, 'mixed.onnx');
    expect((await run(['train', writeFile(folder, 'mixed.csv', csv), '--epochs', '30', '--quiet', '--out', model])).code).toBe(0);
    const exported = await run(['export', '--model', model, '--out', onnxFile, '--precision', 'float64']);
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stdout).toContain('it takes input [rows, 2] (numbers, NaN if missing) and categories [rows, 1] (text)');
    const asked = ['red,40,1', 'green,,2', ',70,3', 'purple,10,0.5', 'NA,,1'];
    const printed = parseOutput((await run(['predict', '--model', model, writeFile(folder, 'rows.csv', ['colour,size,weight', ...asked].join('\n'))])).stdout);
    const cells = asked.map((row) => row.split(','));
    const session = await ort.InferenceSession.create(readFileSync(onnxFile));
    const result = await session.run({
      input: new ort.Tensor('float64', Float64Array.from(cells.flatMap(([, size, weight]) => [size === '' ? NaN : Number(size), Number(weight)])), [cells.length, 2]),
      categories: new ort.Tensor('string', cells.map(([colour]) => colour), [cells.length, 1]),
    });
    const classes = ['big', 'small'];
    const probabilities = result.probabilities.data as Float64Array;
    printed.rows.forEach(([name, ...p], r) => {
      expect(classes[Number(result.label.data[r])]).toBe(name);
      p.forEach((value, c) => expect(Math.abs(probabilities[r * 2 + c] - Number(value))).toBeLessThanOrEqual(FLOAT64_ONNX_TOLERANCE.f64));
    });
  });

  it.each(['f64', 'f32'] as const)("precision %s: a model a float32 ONNX model cannot hold (trained on values near 1e39) is one line naming the value and --precision float64, exit 1, nothing written; --precision float64 exports it", async (precision) => {
    const ort = await import('onnxruntime-web');
    ort.env.wasm.numThreads = 1;
    const folder = tempFolder();
    const lines = ['a,b,y', ...Array.from({ length: 40 }, (_, r) => `${(1 + (r % 7) / 3) * 1e39},${(r % 5) - 2},${r % 2 ? 'p' : 'q'}`)];
    const data = writeFile(folder, 'large.csv', lines.join('\n') + '\n');
    const model = join(folder, 'model.json');
    const onnxFile = join(folder, 'model.onnx');
    const trained = await run(['train', data, '--epochs', '5', '--precision', precision, '--quiet', '--out', model]);
    expect(trained.code, trained.stderr).toBe(0);
    const refused = await run(['export', '--model', model, '--out', onnxFile]);
    expectRefusal(refused, 1, [model, 'inputs.scaling.offset', "'a'", /\b\d(\.\d+)?e\+39\b/, "float32's range", '--precision', 'float64']);
    expect(existsSync(onnxFile)).toBe(false);
    const exported = await run(['export', '--model', model, '--out', onnxFile, '--precision', 'float64']);
    expect(exported.code, exported.stderr).toBe(0);
    const printed = parseOutput((await run(['predict', '--model', model, data])).stdout);
    const raw = lines.slice(1).map((line) => line.split(',').slice(0, 2).map(Number));
    const session = await ort.InferenceSession.create(readFileSync(onnxFile));
    const result = await session.run({ input: new ort.Tensor('float64', Float64Array.from(raw.flat()), [raw.length, 2]) });
    const probabilities = result.probabilities.data as Float64Array;
    printed.rows.forEach(([, ...p], r) => p.forEach((value, c) => expect(Math.abs(probabilities[r * 2 + c] - Number(value))).toBeLessThanOrEqual(FLOAT64_ONNX_TOLERANCE[precision])));
  });

  it('refuses a missing --model or --out, another format, a bad encoding, an --out that is the model; nothing is written', async () => {
    const folder = tempFolder();
    const model = join(folder, 'model.json');
    await run(['train', 'iris', '--epochs', '2', '--quiet', '--out', model]);
    const out = join(folder, 'out.js');
    const cases: [string[], Part[]][] = [
      [['export', '--out', out], ['missing', '--model', 'neural-wasm export --help']],
      [['export', '--model', model], ['missing', '--out', 'neural-wasm export --help']],
      [['export', '--model', model, '--out', out, '--format', 'pdf'], ['--format', 'js', 'onnx', '"pdf"']],
      [['export', '--model', model, '--out', out, '--format', 'onnx', '--encoding', 'decimal'], ['--encoding', '--format', 'js']],
      [['export', '--model', model, '--out', out, '--precision', 'float64'], ['--precision', '--format', 'onnx']],
      [['export', '--model', model, '--out', out, '--encoding', 'hex'], ['--encoding', 'base64', 'decimal', '"hex"']],
      [['export', '--model', model, '--out', model], ['--out', model, 'overwrite', '--model', model]],
      [['export', 'model.json'], ['export', 'file argument', 'model.json', '--model', '--out']],
    ];
    for (const [args, parts] of cases) await refuses(args, 2, parts);
    expect(existsSync(out)).toBe(false);
    expect(JSON.parse(readFileSync(model, 'utf8')).format).toBe('neural-wasm-model');
  });
});
