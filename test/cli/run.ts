// Runs the `neural-wasm` command as a user does (node bin/neural-wasm.js ...), in a subprocess, and
// makes small CSV files for it in a temporary folder.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { testRandom as random } from '../builds';
import { missingParts, type Part } from '../errors';

export const BIN = fileURLToPath(new URL('../../bin/neural-wasm.js', import.meta.url));

export interface Run {
  /** The exit code; -1 when a signal ended the process. */
  code: number;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  /** Variables added to the environment. */
  env?: Record<string, string>;
  /** Flags for node itself, such as --max-old-space-size=32. */
  nodeArgs?: string[];
  /** A file descriptor for standard output instead of a pipe (nothing is collected then). */
  stdout?: number;
}

/** Starts the command with `args` (for tests that watch it run, or signal it). */
export function start(args: readonly string[], options: RunOptions = {}): ChildProcess {
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), BIN, ...args], {
    env: { ...process.env, ...options.env },
    stdio: ['pipe', options.stdout ?? 'pipe', 'pipe'],
  });
  // a command that ends without reading its standard input closes it under our feet
  child.stdin!.on('error', () => {});
  return child;
}

/** Resolves when the command ends, with what it wrote. */
export function finished(child: ChildProcess): Promise<Run> {
  let [stdout, stderr] = ['', ''];
  child.stdout?.setEncoding('utf8').on('data', (text: string) => (stdout += text));
  child.stderr!.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  return new Promise((resolve) => child.on('close', (code, signal) => resolve({ code: code ?? -1, signal, stdout, stderr })));
}

/** Runs the command with `args`; `input` goes to its standard input (which is closed either way). */
export function run(args: readonly string[], input = '', options: RunOptions = {}): Promise<Run> {
  const child = start(args, options);
  const done = finished(child);
  child.stdin!.end(input);
  return done;
}

/**
 * Asserts a refusal as the CLI makes one (cli/errors.ts): nothing on standard output, one line
 * `neural-wasm: <message>` on standard error whose message names every part (see test/errors.ts:
 * the flag, the value as it came, the file, line and column, the expectation's key words, in any
 * order and in any words), and exit `code`: 2 for a bad command line, 1 for bad data or files.
 */
export function expectRefusal(result: Run, code: 1 | 2, parts: readonly Part[]): void {
  const line = /^neural-wasm: ([^\n]*)\n$/.exec(result.stderr);
  expect({ code: result.code, stdout: result.stdout, oneLine: line !== null }, result.stderr).toEqual({ code, stdout: '', oneLine: true });
  expect(missingParts(line![1], parts), result.stderr).toEqual([]);
}

/** Runs the command (`input` on its standard input) and asserts it is refused so; returns the run. */
export async function refuses(args: readonly string[], code: 1 | 2, parts: readonly Part[], input = ''): Promise<Run> {
  const result = await run(args, input);
  expectRefusal(result, code, parts);
  return result;
}

// every temporary folder a test file made, removed when its process ends (a test that fails too)
const made: string[] = [];
process.once('exit', () => {
  for (const folder of made) rmSync(folder, { recursive: true, force: true });
});

export function tempFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'neural-wasm-cli-'));
  made.push(folder);
  return folder;
}

export function writeFile(folder: string, name: string, text: string): string {
  const path = join(folder, name);
  writeFileSync(path, text);
  return path;
}

/** A model trained (briefly) on `csv`, in a new temporary folder beside its data file. */
export async function trainedModel(csv: string, epochs = 3, dataName = 'data.csv'): Promise<{ folder: string; data: string; model: string }> {
  const folder = tempFolder();
  const data = writeFile(folder, dataName, csv);
  const model = join(folder, 'model.json');
  const trained = await run(['train', data, '--epochs', String(epochs), '--quiet', '--out', model]);
  if (trained.code !== 0) throw new Error(trained.stderr);
  return { folder, data, model };
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
