// The playground page: wires the form to the data set, the network and the two plots. Train runs
// fitAsync in a worker; its progress reports feed the loss chart, and once per animation frame the
// regions are redrawn from the network's current weights. A finished run marks its held-out points
// and best epoch, and says why it stopped.
import { classOutput, dataset, type Dataset } from 'neural-wasm/datasets';
import type { Backend, FitProgress, FitResult } from 'neural-wasm';
import { wasmBackend } from '../shared/backends';
import { percent, duration } from '../shared/format';
import { Controls } from './controls';
import { RegionsPlot } from './regions';
import { LossChart } from './loss-chart';
import { TimesTable } from './times-table';
import { createNetwork, train, type Network } from './training';
import { defaultSettings, patienceOf, summarize, type Settings } from './settings';
import { describeStop } from './stop-summary';

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

// the core of the WebAssembly choice: the one 'neural-wasm' loads in this browser (should it fail
// to load, the first network's error says why)
const wasmCore = await wasmBackend().catch((): Backend => 'wasm-simd');

const controls = new Controls();
const regions = new RegionsPlot(byId<HTMLCanvasElement>('regions'));
const chartBox = byId<HTMLElement>('loss-chart');
const chart = new LossChart(chartBox);
const times = new TimesTable(byId<HTMLTableElement>('times'));
const status = {
  state: byId('status'),
  backend: byId('backend'),
  epoch: byId('epoch'),
  loss: byId('loss-value'),
  accuracy: byId('accuracy'),
  valLoss: byId('val-loss'),
  valAccuracy: byId('val-accuracy'),
  rate: byId('rate'),
  elapsed: byId('elapsed'),
  summary: byId('stop-summary'),
};
// the status fields a run has only with validation data, or with a schedule
const validationFields = [...document.querySelectorAll<HTMLElement>('#status-line .validation-only')];
const rateField = byId('rate-field');

// the status word of a finished run; the summary under the status line says more
const STATUS_WORDS: Record<FitResult['stopReason'], string> = {
  completed: 'trained',
  earlyStop: 'trained',
  noImprovement: 'stopped early',
  diverged: 'diverged',
  callback: 'stopped',
  aborted: 'aborted',
};

let data: Dataset;
let net: Network | undefined; // the network on show: untrained after Reset, training, or trained
let latest: FitProgress | undefined;
let runStart = 0;
let running: AbortController | undefined;
let frame = 0;
let generation = 0; // counts Resets and runs: a network created for an older one is dropped

function makeData(settings: Settings): Dataset {
  const made = dataset(settings.dataset, { samples: settings.samples, noise: settings.noise, seed: settings.dataSeed });
  regions.setData(made);
  return made;
}

function setState(text: string, kind: 'ready' | 'training' | 'done' | 'error' = 'ready'): void {
  status.state.textContent = text;
  status.state.dataset.kind = kind;
}

function showError(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  controls.error.textContent = message;
  setState('error', 'error');
}

function showArchitecture(): void {
  const settings = controls.read();
  if (typeof settings === 'string') return;
  const { units, activation } = classOutput(data.classNames.length);
  const output = `${units} ${activation} output${units === 1 ? '' : 's'}`;
  controls.architecture.textContent = `2 inputs → ${settings.hidden.length ? settings.hidden.join(' → ') + ` ${settings.activation} → ` : ''}${output}`;
}

/** Draws the plots and the status from the network's current weights, at most once a frame. */
function scheduleDraw(): void {
  if (frame) return;
  frame = requestAnimationFrame(() => {
    frame = 0;
    draw();
  });
}

function draw(): void {
  const shown = net;
  regions.draw(shown ? (grid) => shown.predict(grid) : undefined);
  chart.redraw();
  if (latest) {
    status.epoch.textContent = `${latest.epoch.toLocaleString('en-US')} / ${latest.epochs.toLocaleString('en-US')}`;
    status.loss.textContent = latest.loss.toPrecision(4);
    status.accuracy.textContent = percent(latest.accuracy, true);
    if (latest.valLoss !== undefined) status.valLoss.textContent = latest.valLoss.toPrecision(4);
    if (latest.valAccuracy !== undefined) status.valAccuracy.textContent = percent(latest.valAccuracy, true);
    status.rate.textContent = formatRate(latest.learningRate);
  }
  if (running) status.elapsed.textContent = duration(performance.now() - runStart, 2);
}

/** A rate as the status shows it: 0.00125, 1.25e-7. */
function formatRate(rate: number): string {
  return Number(rate.toPrecision(3)).toString();
}

/** Drops the network on show, and empties the status and the chart for a run of these settings. */
function clearRun(settings: Settings): void {
  net?.dispose();
  net = undefined;
  latest = undefined;
  // the core too: it shows again once the next network is made, which tells a test a Reset is over
  const fields = [status.backend, status.epoch, status.loss, status.accuracy, status.valLoss, status.valAccuracy, status.rate, status.elapsed];
  for (const field of fields) field.textContent = '–';
  status.summary.textContent = '';
  const validated = settings.validationShare > 0;
  for (const field of validationFields) field.hidden = !validated;
  rateField.hidden = settings.schedule.name === 'constant';
  regions.setHeldOut(undefined);
  chart.start(settings.epochs, validated);
}

/** An untrained network from the settings in the form, with its (random) regions. */
async function reset(): Promise<void> {
  controls.error.textContent = '';
  const settings = controls.read();
  if (typeof settings === 'string') return showError(settings);
  const mine = ++generation;
  clearRun(settings);
  try {
    const created = await createNetwork(settings, data);
    if (mine !== generation) return created.dispose();
    net = created;
    status.backend.textContent = net.backend;
    setState('ready');
  } catch (error) {
    showError(error);
  }
  showArchitecture();
  scheduleDraw();
}

/** Trains a new network from the settings on one core; resolves false if stopped or failed. */
async function run(settings: Settings): Promise<boolean> {
  ++generation;
  clearRun(settings);
  const stopper = new AbortController();
  running = stopper;
  try {
    net = await createNetwork(settings, data);
    status.backend.textContent = net.backend;
    setState('training…', 'training');
    runStart = performance.now();
    const { result, milliseconds } = await train(net, data, settings, stopper.signal, (progress) => {
      latest = progress;
      chart.add(progress);
      scheduleDraw();
    });
    chart.finish(result);
    regions.setHeldOut(result.validationRows);
    // the last epoch's figures, as the chart and the tutorial's fit() report them
    const at = result.epochs - 1;
    const last = { loss: result.loss[at] ?? NaN, accuracy: result.accuracy[at] ?? 0 };
    const lastValidation = result.valLoss && { valLoss: result.valLoss[at], valAccuracy: result.valAccuracy?.[at] };
    latest = { epoch: result.epochs, epochs: settings.epochs, ...last, ...lastValidation, learningRate: result.learningRate[at] ?? NaN };
    draw();
    status.elapsed.textContent = duration(milliseconds, 2);
    times.add({
      backend: net.backend,
      settings: summarize(settings, data.classNames.length),
      epochs: result.epochs,
      stopReason: result.stopReason,
      ...last,
      milliseconds,
      samplesPerSecond: (result.epochs * data.inputs.length) / (milliseconds / 1000),
      ...lastValidation,
      bestEpoch: result.bestEpoch,
      threads: result.threads,
    });
    status.summary.textContent = describeStop(result, patienceOf(settings));
    setState(STATUS_WORDS[result.stopReason], 'done');
    // stopping early by patience is a finished run too: Compare goes on to the other core
    return result.stopReason === 'completed' || result.stopReason === 'noImprovement';
  } catch (error) {
    // Stop pressed before the worker started: fitAsync rejects at once with the abort
    if (stopper.signal.aborted) setState('aborted', 'done');
    else showError(error);
    return false;
  } finally {
    running = undefined;
  }
}

async function trainWith(cores: Backend[]): Promise<void> {
  controls.error.textContent = '';
  const settings = controls.read();
  if (typeof settings === 'string') return showError(settings);
  controls.setTraining(true);
  try {
    for (const core of cores) {
      if (!(await run({ ...settings, core }))) break;
    }
  } finally {
    controls.setTraining(false);
  }
}

function onDatasetChange(): void {
  const current = controls.read();
  const settings = defaultSettings(controls.dataset.value as Settings['dataset'], typeof current === 'string' ? wasmCore : current.core);
  data = makeData(settings);
  controls.setClasses(data.classNames.length);
  controls.write(settings);
  void reset();
}

function onDataChange(): void {
  const settings = controls.read();
  if (typeof settings === 'string') return showError(settings);
  data = makeData(settings);
  void reset();
}

controls.form.addEventListener('submit', (event) => {
  event.preventDefault();
  const settings = controls.read();
  void trainWith([typeof settings === 'string' ? wasmCore : settings.core]);
});
controls.compare.addEventListener('click', () => void trainWith([wasmCore, 'js']));
controls.stop.addEventListener('click', () => running?.abort());
controls.reset.addEventListener('click', () => void reset());
controls.dataset.addEventListener('change', onDatasetChange);
for (const input of [controls.samples, controls.noise, controls.dataSeed]) input.addEventListener('change', onDataChange);
controls.form.addEventListener('input', showArchitecture);

window.addEventListener('resize', () => {
  regions.resize();
  chart.resize();
  scheduleDraw();
});

// the tutorial's XOR network to start with
controls.setWasmBackend(wasmCore);
const initial = defaultSettings('xor', wasmCore);
data = makeData(initial);
controls.setClasses(data.classNames.length);
controls.write(initial);
void reset();
