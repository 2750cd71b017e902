// `npm run bench [-- --quick]`: every workload on every contender with tinybench, one table of
// medians, spreads and ratios against the WASM build, written with the machine's description to
// bench/RESULTS.md (the quick run writes bench/RESULTS-quick.md, so it never replaces a full run).
import { Bench } from 'tinybench';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { xorTasks, mnistTasks, predictTasks, COLD_START, REFERENCE, OURS, THREADED, F32, TF_BACKENDS, tfName, useTf } from './contenders.js';
import { timeToAccuracyTasks } from './time-to-accuracy.js';
import { machine, printTable, writeResults, updateReadme } from './report.js';

const quick = process.argv.includes('--quick');
const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
const MNIST_WEIGHTS = 784 * 128 + 128 * 10;
const settings = quick
  ? { xor: { epochs: 6000, tfEpochs: 60 }, xorMs: 100, mnist: { samples: 2048, epochs: 1, brainSamples: 256, slowSamples: 512 }, predictMs: 60, rounds: 3, accuracy: { target: 0.93, maxEpochs: 30, rounds: 1 } }
  : { xor: { epochs: 6000, tfEpochs: 600 }, xorMs: 300, mnist: { samples: 8192, epochs: 2, brainSamples: 2048, slowSamples: 2048 }, predictMs: 200, rounds: 8, accuracy: { target: 0.93, maxEpochs: 30, rounds: 2 } };

const rows = [];

// Runs tasks (see contenders.js) in interleaved rounds, each task a short tinybench run per round,
// and pools each task's samples: this shared machine's speed drifts over minutes, and contenders
// measured one after another would see different machines. Short runs get `time` per round (after
// a warm-up of a fifth of it in the first round, for the JIT and V8's WASM tier-up); long runs get
// `iterations` per round after one warm-up run. One row per task: `rate` is units per second at
// the pooled median.
async function measure(workload, tasks, { rounds, iterations, time = 0, unit, extra, warmup = true }) {
  const samples = tasks.map(() => []);
  for (let round = 0; round < rounds; round++) {
    for (const [k, task] of tasks.entries()) {
      const first = round === 0 && warmup;
      const bench = new Bench({
        iterations, time, warmup: first, warmupIterations: 1, warmupTime: time / 5, throws: true, retainSamples: true,
      });
      bench.add(task.name, task.run, {
        beforeAll: task.beforeAll, afterAll: task.afterAll, beforeEach: task.beforeEach, afterEach: task.afterEach,
      });
      await bench.run();
      samples[k].push(...bench.tasks[0].result.latency.samples);
    }
  }
  for (const [k, task] of tasks.entries()) {
    const sorted = samples[k].sort((a, b) => a - b);
    const median = quantile(sorted, 0.5);
    const spread = quantile(sorted.map((x) => Math.abs(x - median)).sort((a, b) => a - b), 0.5);
    const rate = (task.units * 1000) / median;
    rows.push({ workload, contender: task.name, note: task.note, median, spread, runs: sorted.length, rate, unit, extra: extra?.(rate) });
    process.stderr.write(`  ${workload}: ${task.name}: ${fmtRate(rate)} ${unit}\n`);
  }
}

function quantile(sorted, q) {
  const at = (sorted.length - 1) * q;
  const below = Math.floor(at);
  return sorted[below] + (sorted[Math.min(below + 1, sorted.length - 1)] - sorted[below]) * (at - below);
}

const fmtRate = (r) => (r >= 100 ? Math.round(r).toLocaleString('en-US') : r.toPrecision(3));
const want = (name) => !only || only.split(',').includes(name);

process.stderr.write(`neural-wasm benchmark (${quick ? 'quick' : 'full'} run)\n`);
if (want('xor')) await measure('xor-tutorial', xorTasks(settings.xor), { rounds: settings.rounds, iterations: 1, time: settings.xorMs, unit: 'updates/s' });
if (want('mnist')) {
  await measure('dense-mnist-shape', mnistTasks(settings.mnist), {
    rounds: Math.ceil(settings.rounds / 2), iterations: 1, unit: 'samples/s',
    extra: (rate) => `${((6 * rate * MNIST_WEIGHTS) / 1e9).toFixed(2)} GFLOP/s`,
  });
}
if (want('predict')) await measure('predict-one', await predictTasks(), { rounds: settings.rounds, iterations: 10, time: settings.predictMs, unit: 'calls/s' });
if (want('accuracy')) {
  // runs of many seconds each: no warm-up run (each is a whole training, JIT warm-up included, as a user meets it)
  const { target, maxEpochs, rounds } = settings.accuracy;
  let tasks;
  try {
    const [[name, Network]] = OURS;
    const ours = [
      [name, Network, 1],
      ...THREADED.slice(0, 1).map(([threadedName, threads]) => [threadedName, Network, threads]),
      ...F32.slice(0, 2).map(([f32Name, f32Network, threads]) => [f32Name, f32Network, threads, 'f32']),
    ];
    tasks = timeToAccuracyTasks({ target, maxEpochs, ours, tfBackends: TF_BACKENDS, tfName, useTf });
  } catch (error) {
    // the digits come from the package `mnist` (a devDependency)
    process.stderr.write(`  time-to-accuracy: not measured (${error.message})\n`);
  }
  if (tasks) await measure('time-to-accuracy', tasks, { rounds, iterations: 1, unit: 'runs/s', warmup: false });
}
if (want('cold')) {
  const tasks = COLD_START.map(([name, which]) => ({
    name,
    units: 1,
    // each run is a new process; its own measurement (import to network) replaces the process's time
    run: () => {
      const out = execFileSync(process.execPath, ['bench/cold-start.js', which], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
      return { overriddenDuration: Number(out.trim().split('\n').at(-1)) };
    },
  }));
  await measure('cold-start', tasks, { rounds: settings.rounds, iterations: 1, unit: 'starts/s' });
}

// the bytes a browser loads for each entry point: its module, the chunks it imports, its .wasm
function gzipped(files) {
  return files.reduce((sum, f) => sum + gzipSync(readFileSync(`dist/${f}`), { level: 9 }).length, 0);
}
// an entry and every chunk it reaches, through `from "./chunk-…"` and bare `import "./chunk-…"`
function moduleFiles(entry) {
  const files = new Set([entry]);
  for (const file of files) {
    for (const m of readFileSync(`dist/${file}`, 'utf8').matchAll(/(?:from|import)\s*"\.\/(chunk-[\w-]+\.js)"/g)) files.add(m[1]);
  }
  return [...files];
}
const sizes = {
  'neural-wasm (SIMD browsers)': gzipped([...moduleFiles('index.js'), 'neural-wasm-simd.wasm']),
  'neural-wasm (SIMD and threads: cross-origin-isolated pages)': gzipped([...moduleFiles('index.js'), 'neural-wasm-threads.wasm', 'neural-wasm-thread-worker.wasm', 'thread-worker.js']),
  'neural-wasm (browsers without SIMD)': gzipped([...moduleFiles('index.js'), 'neural-wasm.wasm']),
  "neural-wasm, precision 'f32' (SIMD browsers)": gzipped([...moduleFiles('index.js'), 'neural-wasm-f32-simd.wasm']),
  "neural-wasm, precision 'f32' (SIMD and threads)": gzipped([...moduleFiles('index.js'), 'neural-wasm-f32-threads.wasm', 'neural-wasm-f32-thread-worker.wasm', 'thread-worker.js']),
  'neural-wasm/js': gzipped(moduleFiles('js.js')),
};
const memoryAt = (precision) => JSON.parse(execFileSync(process.execPath, ['bench/memory.js', String(settings.mnist.samples), precision], { encoding: 'utf8' }));
const memory = { ...memoryAt('f64'), f32: memoryAt('f32') };

printTable(rows, REFERENCE);
const file = quick ? 'bench/RESULTS-quick.md' : 'bench/RESULTS.md';
writeResults(file, { rows, reference: REFERENCE, settings, quick, machine: machine(), sizes, memory, distFiles: readdirSync('dist') });
if (!quick && !only) updateReadme({ rows, reference: REFERENCE, sizes });
process.stderr.write(`\nwrote ${file}${!quick && !only ? ' and the README speed table' : ''}\n`);
