// Runs the `neural-wasm` command as a user does (node bin/neural-wasm.js ...), in a subprocess, and
// makes small CSV files for it in a temporary folder.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { testRandom as random } from '../builds';

const BIN = fileURLToPath(new URL('../../bin/neural-wasm.js', import.meta.url));

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the command with `args`; `input` goes to its standard input (which is closed either way). */
export function run(args: readonly string[], input = '', cwd?: string): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [BIN, ...args], { cwd, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
    child.stdin!.end(input);
  });
}

export function tempFolder(): string {
  return mkdtempSync(join(tmpdir(), 'neural-wasm-cli-'));
}

export function writeFile(folder: string, name: string, text: string): string {
  const path = join(folder, name);
  writeFileSync(path, text);
  return path;
}

export function readJson(path: string): any {
  return JSON.parse(readFileSync(path, 'utf8'));
}

/**
 * A small labelled CSV: three numeric features and a named class that depends on them
 * ('red' / 'green' / 'blue', or 'yes' / 'no' for two classes), `rows` rows.
 */
export function classesCsv(rows: number, classes: 2 | 3, seed = 1): string {
  const next = random(seed);
  const names = classes === 2 ? ['no', 'yes'] : ['red', 'green', 'blue'];
  const lines = ['width,height,weight,colour'];
  for (let i = 0; i < rows; i++) {
    const c = i % classes;
    const row = [c * 2 + next(), 5 - c + next() * 0.5, next() * 10];
    lines.push([...row.map((v) => v.toFixed(3)), names[c]].join(','));
  }
  return lines.join('\n') + '\n';
}

/** A small regression CSV: price = 3 a - 2 b + 5 c^2 plus noise. */
export function valuesCsv(rows: number, seed = 2): string {
  const next = random(seed);
  const lines = ['a,b,c,price'];
  for (let i = 0; i < rows; i++) {
    const [a, b, c] = [next() * 10, next() * 5, next()];
    lines.push([a, b, c, 3 * a - 2 * b + 5 * c * c + next()].map((v) => v.toFixed(3)).join(','));
  }
  return lines.join('\n') + '\n';
}

/** Parses the simple CSV predict writes (no quoted cells in these tests). */
export function parseOutput(text: string): { header: string[]; rows: string[][] } {
  const [header, ...rows] = text.trim().split('\n').map((line) => line.split(','));
  return { header, rows };
}

/** A row scaled as the model file says: (x - offset) / scale. */
export function scaleRow(row: readonly number[], scaling: { offset: number[]; scale: number[] }): number[] {
  return row.map((x, c) => (x - scaling.offset[c]) / scaling.scale[c]);
}

/** The numbers of a CSV's first `width` columns, skipping the header. */
export function csvInputs(text: string, width: number): number[][] {
  return text.trim().split('\n').slice(1).map((line) => line.split(',').slice(0, width).map(Number));
}
