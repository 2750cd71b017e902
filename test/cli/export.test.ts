// `neural-wasm export`: a model file as a standalone ES module that predicts on raw rows exactly
// what `neural-wasm predict` prints, written whole; bad command lines refused before any work.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseOutput, run, tempFolder, valuesCsv, writeFile } from './run';

describe('neural-wasm export', () => {
  it('writes a module with no imports whose predict gives what `neural-wasm predict` prints, for classes and for values', async () => {
    const folder = tempFolder();
    const prices = writeFile(folder, 'prices.csv', valuesCsv(120));
    for (const [data, rowsCsv] of [['iris', readFileSync(new URL('../../data/iris.csv', import.meta.url), 'utf8')], [prices, readFileSync(prices, 'utf8')]]) {
      const model = join(folder, 'model.json');
      const module = join(folder, `model-${data === 'iris' ? 'iris' : 'prices'}.js`);
      expect((await run(['train', data, '--epochs', '20', '--quiet', '--out', model])).code).toBe(0);
      const exported = await run(['export', '--model', model, '--out', module]);
      expect(exported.code, exported.stderr).toBe(0);
      expect(exported.stdout).toMatch(/: an ES module of \d+ KB, no imports/);
      const source = readFileSync(module, 'utf8');
      expect(source).not.toMatch(/^\s*import\b/m);
      const rowsFile = writeFile(folder, 'rows.csv', rowsCsv);
      const printed = parseOutput((await run(['predict', '--model', model, rowsFile, '--backend', 'js'])).stdout);
      const { predict, columns } = await import(pathToFileURL(module).href);
      const table = parseOutput(rowsCsv);
      table.rows.slice(0, 60).forEach((row, r) => {
        const raw = columns.map((name: string) => Number(row[table.header.indexOf(name)]));
        const answer = predict(raw);
        const cells = answer instanceof Float64Array ? Array.from(answer, String) : [answer.class, ...answer.probabilities.map(String)];
        expect(cells).toEqual(printed.rows[r]);
      });
    }
  });

  it('--out m.onnx writes an ONNX model that ONNX Runtime runs on raw rows: the classes and probabilities `neural-wasm predict` prints', async () => {
    const ort = await import('onnxruntime-web');
    ort.env.wasm.numThreads = 1;
    const folder = tempFolder();
    const model = join(folder, 'iris.json');
    const onnxFile = join(folder, 'iris.onnx');
    await run(['train', 'iris', '--epochs', '30', '--quiet', '--out', model]);
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
      p.forEach((value, c) => expect(Math.abs(probabilities[r * 3 + c] - Number(value))).toBeLessThan(1e-12));
    });
  });

  it('refuses a missing --model or --out, another format, a bad encoding, an --out that is the model; nothing is written', async () => {
    const folder = tempFolder();
    const model = join(folder, 'model.json');
    await run(['train', 'iris', '--epochs', '2', '--quiet', '--out', model]);
    const out = join(folder, 'out.js');
    const cases: [string[], string][] = [
      [['export', '--out', out], 'missing --model FILE (see neural-wasm export --help)'],
      [['export', '--model', model], 'missing --out FILE (see neural-wasm export --help)'],
      [['export', '--model', model, '--out', out, '--format', 'pdf'], '--format: expected one of js, onnx, got "pdf"'],
      [['export', '--model', model, '--out', out, '--format', 'onnx', '--encoding', 'decimal'], '--encoding applies to --format js'],
      [['export', '--model', model, '--out', out, '--precision', 'float64'], '--precision applies to --format onnx'],
      [['export', '--model', model, '--out', out, '--encoding', 'hex'], '--encoding: expected one of base64, decimal, got "hex"'],
      [['export', '--model', model, '--out', model], '--out'],
      [['export', 'model.json'], 'export takes no file argument, got model.json (give --model FILE and --out FILE)'],
    ];
    for (const [args, message] of cases) {
      const { code, stderr } = await run(args);
      expect(code, stderr).toBe(2);
      expect(stderr).toContain(message);
    }
    expect(existsSync(out)).toBe(false);
    expect(JSON.parse(readFileSync(model, 'utf8')).format).toBe('neural-wasm-model');
  });
});
