// `npm run bench [-- --quick]`: every workload on every contender with tinybench, one table of
// medians, spreads and ratios against the WASM build, written with the machine's description to
// bench/RESULTS.md (the quick run writes bench/RESULTS-quick.md, so it never replaces a full run).
import { Bench } from 'tinybench';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { xorTasks, mnistTasks, predictTasks, COLD_START, REFERENCE } from './contenders.js';
import { machine, printTable, writeResults } from './report.js';

const quick = process.argv.includes('--quick');
const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
const MNIST_WEIGHTS = 784 * 128 + 128 * 10;
const settings = quick
  ? { xor: { epochs: 6000, tfEpochs: 60 }, xorMs: 500, mnist: { samples: 2048, epochs: 1, brainSamples: 256, slowSamples: 512 }, iterations: 2, predictMs: 300, coldStarts: 3 }
  : { xor: { epochs: 6000, tfEpochs: 600 }, xorMs: 3000, mnist: { samples: 8192, epochs: 2, brainSamples: 2048, slowSamples: 2048 }, iterations: 5, predictMs: 2000, coldStarts: 10 };

const rows = [];

// Runs tasks (see contenders.js) and adds one row per task: `rate` is units per second at the median.
// Runs of a few milliseconds get `time` (and a warm-up of a fifth of it, for the JIT and V8's
// WASM tier-up); long runs get `iterations` after one warm-up run.
async function measure(workload, tasks, { iterations, time = 0, unit, extra }) {
  for (const task of tasks) {
    const bench = new Bench({ iterations, time, warmupIterations: 1, warmupTime: time / 5, throws: true });
    bench.add(task.name, task.run, {
      beforeAll: task.beforeAll, afterAll: task.afterAll, beforeEach: task.beforeEach, afterEach: task.afterEach,
    });
    await bench.run();
    const { latency } = bench.tasks[0].result;
    const rate = (task.units * 1000) / latency.p50;
    rows.push({ workload, contender: task.name, note: task.note, median: latency.p50, spread: latency.mad, runs: latency.samplesCount, rate, unit, extra: extra?.(rate) });
    process.stderr.write(`  ${workload}: ${task.name}: ${fmtRate(rate)} ${unit}\n`);
  }
}

const fmtRate = (r) => (r >= 100 ? Math.round(r).toLocaleString('en-US') : r.toPrecision(3));
const want = (name) => !only || only.split(',').includes(name);

process.stderr.write(`neural-wasm benchmark (${quick ? 'quick' : 'full'} run)\n`);
if (want('xor')) await measure('xor-tutorial', xorTasks(settings.xor), { iterations: 5, time: settings.xorMs, unit: 'updates/s' });
if (want('mnist')) {
  await measure('dense-mnist-shape', mnistTasks(settings.mnist), {
    iterations: settings.iterations, unit: 'samples/s',
    extra: (rate) => `${((6 * rate * MNIST_WEIGHTS) / 1e9).toFixed(2)} GFLOP/s`,
  });
}
if (want('predict')) await measure('predict-one', await predictTasks(), { iterations: 10, time: settings.predictMs, unit: 'calls/s' });
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
  await measure('cold-start', tasks, { iterations: settings.coldStarts, unit: 'starts/s' });
}

// the bytes a browser loads for each entry point: its module, the chunks it imports, its .wasm
function gzipped(files) {
  return files.reduce((sum, f) => sum + gzipSync(readFileSync(`dist/${f}`), { level: 9 }).length, 0);
}
function moduleFiles(entry) {
  const chunks = [...readFileSync(`dist/${entry}`, 'utf8').matchAll(/from\s*"\.\/(chunk-[\w-]+\.js)"/g)].map((m) => m[1]);
  return [entry, ...new Set(chunks)];
}
const sizes = {
  'neural-wasm (SIMD browsers)': gzipped([...moduleFiles('index.js'), 'neural-wasm-simd.wasm']),
  'neural-wasm (browsers without SIMD)': gzipped([...moduleFiles('index.js'), 'neural-wasm.wasm']),
  'neural-wasm/js': gzipped(moduleFiles('js.js')),
};
const memory = JSON.parse(execFileSync(process.execPath, ['bench/memory.js', String(settings.mnist.samples)], { encoding: 'utf8' }));

printTable(rows, REFERENCE);
const file = quick ? 'bench/RESULTS-quick.md' : 'bench/RESULTS.md';
writeResults(file, { rows, reference: REFERENCE, settings, quick, machine: machine(), sizes, memory, distFiles: readdirSync('dist') });
process.stderr.write(`\nwrote ${file}\n`);
