// The neural-wasm side of the tabular comparison: the CLI run as a new user would, with its
// defaults, on the CSVs that split.py and mixed_tables.py write:
//   node bin/neural-wasm.js train DIR/<set>/train.csv --seed S --out runs/<label>/<set>-seed-S.json --quiet
//   node bin/neural-wasm.js evaluate --model runs/<label>/<set>-seed-S.json DIR/<set>/test.csv
// for --seed 1..5, and reads the held-out accuracy ("(k of n)", exact) or RMSE (in the target's
// units, as evaluate prints it: 4 significant digits) from evaluate's output. It also keeps what
// train printed about its own split (the training and validation rows' loss, accuracy or RMSE) and
// the network and fit options it chose, to see overfitting. Prints a markdown table and JSON.
//
// The mixed tables (mixed_tables.json) get the flags a user would give them: --target naming the
// target column, --ignore naming a column to leave out (pbc's id). A table the CLI cannot train on
// is reported as failed, with the CLI's message, and the run goes on to the next.
//
//   npm run build   # once: the CLI is dist/cli.js
//   node bench/tabular/cli_baseline.js [--data DIR] [--seeds 1,2,3,4,5] [--json FILE] [--label NAME] [SET ...] [-- TRAIN FLAGS ...]
//
// Flags after -- go to every `train` (e.g. `-- --hidden 32 --epochs 50`), for experiments with
// the CLI's existing flags; without them the run is the CLI's defaults.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const cli = resolve(here, '../../bin/neural-wasm.js');
const MIXED_TABLES = JSON.parse(readFileSync(join(here, 'mixed_tables.json'), 'utf8'));
const ALL_SETS = ['wine', 'breast_cancer', 'iris', 'digits', 'diabetes', ...Object.keys(MIXED_TABLES)];

/** The flags a table needs beyond the defaults: its target and the columns to leave out (none for a bundled set). */
export function tableFlags(set) {
  const table = MIXED_TABLES[set];
  if (!table) return [];
  return ['--target', table.target, ...(table.ignore ? ['--ignore', table.ignore.join(',')] : [])];
}

export function parseArgs(argv) {
  const dash = argv.indexOf('--');
  const own = dash < 0 ? argv : argv.slice(0, dash);
  const options = { data: join(here, 'data'), seeds: [1, 2, 3, 4, 5], json: undefined, label: undefined, sets: [], trainFlags: dash < 0 ? [] : argv.slice(dash + 1) };
  for (let i = 0; i < own.length; i++) {
    const flag = own[i];
    const value = () => {
      if (i + 1 >= own.length) throw new Error(`${flag}: expected a value`);
      return own[++i];
    };
    if (flag === '--data') options.data = resolve(value());
    else if (flag === '--seeds') options.seeds = value().split(',').map(Number);
    else if (flag === '--json') options.json = resolve(value());
    else if (flag === '--label') options.label = value();
    else if (flag.startsWith('--')) throw new Error(`unknown flag ${flag} (train flags go after --)`);
    else options.sets.push(flag);
  }
  if (!options.sets.length) options.sets = ALL_SETS;
  if (options.seeds.some((s) => !Number.isInteger(s) || s < 0)) throw new Error('--seeds: expected whole numbers separated by commas');
  options.label ??= options.trainFlags.length ? options.trainFlags.join(' ') : 'defaults';
  return options;
}

function run(args) {
  try {
    return execFileSync(process.execPath, [cli, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    error.command = args[0];
    throw error;
  }
}

// "name (n rows): loss L, accuracy 95.6% (43 of 45)" or "..., RMSE progression 80.57"
export function parseMetrics(line) {
  const loss = Number(line.match(/: loss ([-\d.e+]+|NaN|Infinity)/)?.[1]);
  const accuracy = line.match(/accuracy [\d.]+% \((\d[\d,]*) of (\d[\d,]*)\)/);
  if (accuracy) {
    const [right, rows] = [accuracy[1], accuracy[2]].map((n) => Number(n.replaceAll(',', '')));
    return { metric: 'accuracy %', value: (100 * right) / rows, right, rows, loss };
  }
  const rmse = line.match(/RMSE \S+ ([-\d.e+]+)/);
  if (rmse) return { metric: 'RMSE', value: Number(rmse[1]), loss };
  throw new Error(`no accuracy or RMSE in: ${line}`);
}

export function runOnce(set, seed, options) {
  const folder = join(here, 'runs', options.label.replace(/[^\w.=-]+/g, '_'));
  mkdirSync(folder, { recursive: true });
  const model = join(folder, `${set}-seed-${seed}.json`);
  const started = performance.now();
  const trained = run(['train', join(options.data, set, 'train.csv'), '--seed', String(seed), '--out', model, '--quiet', ...tableFlags(set), ...options.trainFlags]);
  const trainSeconds = (performance.now() - started) / 1000;
  const evaluated = run(['evaluate', '--model', model, join(options.data, set, 'test.csv')]);
  const lines = trained.split('\n');
  const find = (prefix) => lines.find((l) => l.startsWith(prefix));
  const test = parseMetrics(evaluated.split('\n').find((l) => / rows\): loss /.test(l)));
  const trainingLine = find('training (');
  const validationLine = find('validation (');
  const epochs = Number(find('trained ')?.match(/trained (\d+)(?: of \d+)? epochs?/)?.[1]);
  return {
    seed,
    test: test.value,
    right: test.right,
    rows: test.rows,
    training: trainingLine ? parseMetrics(trainingLine).value : undefined,
    validation: validationLine ? parseMetrics(validationLine).value : undefined,
    validationLoss: validationLine ? parseMetrics(validationLine).loss : undefined,
    epochs,
    trainSeconds,
    // the lines in which train says what it chose: the split, the network, the fit options
    setup: lines.filter((l) => /^(network |\d+ rows train|all \d+ rows train|(sgd|momentum|adam), )/.test(l)),
  };
}

export function summary(values) {
  const defined = values.filter((v) => v !== undefined && !Number.isNaN(v));
  if (!defined.length) return undefined;
  return { mean: defined.reduce((a, b) => a + b, 0) / defined.length, min: Math.min(...defined), max: Math.max(...defined) };
}

const cell = (s) => (s === undefined ? '' : s.min === s.max ? s.mean.toFixed(1) : `${s.mean.toFixed(1)} (${s.min.toFixed(1)} to ${s.max.toFixed(1)})`);

// which command failed and the CLI's one-line message (its stderr), else the error's own
export function failure(error, seed) {
  const said = String(error.stderr ?? '').trim().split('\n')[0] || error.message.split('\n')[0];
  return `${error.command ?? 'reading the results'} (seed ${seed}): ${said}`;
}

function runSet(set, options) {
  const runs = [];
  for (const seed of options.seeds) {
    try {
      runs.push(runOnce(set, seed, options));
    } catch (error) {
      return { error: failure(error, seed) };   // the other seeds would fail alike
    }
  }
  return runs;
}

function main() {
  const options = parseArgs(process.argv.slice(2));
  const report = { tool: 'neural-wasm CLI', label: options.label, trainFlags: options.trainFlags, seeds: options.seeds, sets: {} };
  for (const set of options.sets) {
    const runs = runSet(set, options);
    if (runs.error) {
      report.sets[set] = { error: runs.error };
      console.error(`${set}: failed, ${runs.error}`);
      continue;
    }
    const metric = runs[0].right === undefined ? 'RMSE' : 'accuracy %';
    report.sets[set] = {
      metric,
      setup: runs[0].setup,
      test: { values: runs.map((r) => r.test), ...summary(runs.map((r) => r.test)) },
      // train's own split of train.csv: the rows it fit (training) and the rows it held out (validation)
      training: summary(runs.map((r) => r.training)),
      validation: summary(runs.map((r) => r.validation)),
      epochs: runs.map((r) => r.epochs),
      trainSeconds: runs.reduce((a, r) => a + r.trainSeconds, 0),
      runs: runs.map(({ setup, ...rest }) => rest),
    };
  }
  const model = `neural-wasm CLI, ${options.label}`;
  const table = [
    '| data set | metric | model | test result: mean (range over seeds) | train\'s own split: training / validation rows |',
    '|---|---|---|---|---|',
    ...Object.entries(report.sets).map(([set, s]) =>
      s.error
        ? `| ${set} | | ${model} | failed: ${s.error} | |`
        : `| ${set} | ${s.metric}${s.metric === 'RMSE' ? ', lower is better' : ''} | ${model} | ${cell(s.test)} | ${cell(s.training)} / ${cell(s.validation)} |`,
    ),
  ];
  console.log(table.join('\n'));
  console.log();
  for (const [set, s] of Object.entries(report.sets)) if (!s.error) console.log(`${set}: ${s.setup.join('; ')}`);
  console.log();
  const text = JSON.stringify(report, null, 1);
  console.log(text);
  if (options.json) {
    mkdirSync(dirname(options.json), { recursive: true });
    writeFileSync(options.json, `${text}\n`);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
