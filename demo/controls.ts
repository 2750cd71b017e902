// The form in the left column: fills its choices, writes a Settings into it and reads one back
// (with a message naming the first field that is not a usable value).
import { DATASET_NAMES, type DatasetName } from 'neural-wasm/datasets';
import type { Backend, LossName } from 'neural-wasm';
import { LOSS_LABELS } from '../shared/loss-labels';
import { HIDDEN_ACTIVATIONS, INITS, OPTIMIZERS } from '../shared/option-names';
import { lossesFor, type Settings } from './settings';

const DATASET_LABELS: Record<DatasetName, string> = {
  xor: 'XOR (the tutorial)',
  blobs: 'Gaussian blobs',
  moons: 'two moons',
  circles: 'circles',
  spiral: 'spiral (3 classes)',
};

function element<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`the page has no #${id}`);
  return found as T;
}

function fill(select: HTMLSelectElement, values: readonly string[], label: (value: string) => string = (v) => v): void {
  select.replaceChildren(...values.map((value) => new Option(label(value), value)));
}

export class Controls {
  readonly form = element<HTMLFormElement>('controls');
  readonly dataset = element<HTMLSelectElement>('dataset');
  readonly samples = element<HTMLInputElement>('samples');
  readonly noise = element<HTMLInputElement>('noise');
  readonly dataSeed = element<HTMLInputElement>('data-seed');
  readonly hidden = element<HTMLInputElement>('hidden');
  readonly activation = element<HTMLSelectElement>('activation');
  readonly init = element<HTMLSelectElement>('init');
  readonly loss = element<HTMLSelectElement>('loss');
  readonly seed = element<HTMLInputElement>('seed');
  readonly optimizer = element<HTMLSelectElement>('optimizer');
  readonly learningRate = element<HTMLInputElement>('learning-rate');
  readonly batchSize = element<HTMLInputElement>('batch-size');
  readonly epochs = element<HTMLInputElement>('epochs');
  readonly shuffle = element<HTMLInputElement>('shuffle');
  readonly train = element<HTMLButtonElement>('train');
  readonly stop = element<HTMLButtonElement>('stop');
  readonly reset = element<HTMLButtonElement>('reset');
  readonly compare = element<HTMLButtonElement>('compare');
  readonly error = element<HTMLElement>('form-error');
  readonly architecture = element<HTMLElement>('architecture');
  private readonly wasmCore = element<HTMLInputElement>('core-wasm');

  constructor() {
    fill(this.dataset, DATASET_NAMES, (name) => DATASET_LABELS[name as DatasetName] ?? name);
    fill(this.activation, HIDDEN_ACTIVATIONS);
    fill(this.init, INITS);
    fill(this.optimizer, OPTIMIZERS);
  }

  /** The loss choices that fit this many classes (the output layer follows the class count). */
  setClasses(classes: number): void {
    const current = this.loss.value as LossName;
    const losses = lossesFor(classes);
    fill(this.loss, losses, (name) => LOSS_LABELS[name as LossName].brief);
    this.loss.value = losses.includes(current) ? current : losses[0];
  }

  /** The core the WebAssembly choice runs: 'wasm-simd', or 'wasm' where the browser has no SIMD. */
  setWasmBackend(backend: Backend): void {
    this.wasmCore.value = backend;
  }

  write(settings: Settings): void {
    this.dataset.value = settings.dataset;
    this.samples.value = String(settings.samples);
    this.noise.value = String(settings.noise);
    this.dataSeed.value = String(settings.dataSeed);
    this.hidden.value = settings.hidden.join(',');
    this.activation.value = settings.activation;
    this.init.value = settings.init;
    this.seed.value = String(settings.seed);
    this.optimizer.value = settings.optimizer;
    this.learningRate.value = String(settings.learningRate);
    this.batchSize.value = String(settings.batchSize);
    this.epochs.value = String(settings.epochs);
    this.shuffle.checked = settings.shuffle;
    this.form.querySelector<HTMLInputElement>(`input[name="core"][value="${settings.core}"]`)!.checked = true;
    // XOR is always its four points
    const fixedPoints = settings.dataset === 'xor';
    this.samples.disabled = fixedPoints;
    this.noise.disabled = fixedPoints;
    this.dataSeed.disabled = fixedPoints;
    this.loss.value = settings.loss; // after setClasses, which the caller runs first
  }

  /** The settings in the form, or the message of the first unusable field. */
  read(): Settings | string {
    const integer = (input: HTMLInputElement, name: string, min: number, max: number): number | string => {
      const value = Number(input.value);
      return input.value.trim() !== '' && Number.isInteger(value) && value >= min && value <= max
        ? value
        : `${name}: a whole number from ${min} to ${max.toLocaleString('en-US')}`;
    };
    const number = (input: HTMLInputElement, name: string, min: number, max: number, minOpen = false): number | string => {
      const value = Number(input.value);
      const ok = input.value.trim() !== '' && Number.isFinite(value) && (minOpen ? value > min : value >= min) && value <= max;
      return ok ? value : `${name}: a number ${minOpen ? 'above' : 'from'} ${min} ${minOpen ? 'up to' : 'to'} ${max}`;
    };
    const hidden = this.hidden.value.trim() === '' ? [] : this.hidden.value.split(/[\s,]+/).filter(Boolean).map(Number);
    if (!hidden.every((size) => Number.isInteger(size) && size >= 1 && size <= 1024)) {
      return 'hidden layers: sizes from 1 to 1024, comma-separated (empty for none)';
    }
    const fields = {
      samples: integer(this.samples, 'samples', 4, 5000),
      noise: number(this.noise, 'noise', 0, 5),
      dataSeed: integer(this.dataSeed, 'data seed', 0, 2 ** 32 - 1),
      seed: integer(this.seed, 'seed', 0, 2 ** 32 - 1),
      learningRate: number(this.learningRate, 'learning rate', 0, 10, true),
      batchSize: integer(this.batchSize, 'batch size', 1, 5000),
      epochs: integer(this.epochs, 'epochs', 1, 1_000_000),
    };
    for (const value of Object.values(fields)) {
      if (typeof value === 'string') return value;
    }
    const core = this.form.querySelector<HTMLInputElement>('input[name="core"]:checked')?.value as Backend;
    return {
      dataset: this.dataset.value as DatasetName,
      ...(fields as { [K in keyof typeof fields]: number }),
      hidden,
      activation: this.activation.value as Settings['activation'],
      init: this.init.value as Settings['init'],
      loss: this.loss.value as LossName,
      optimizer: this.optimizer.value as Settings['optimizer'],
      shuffle: this.shuffle.checked,
      core,
    };
  }

  /** While a run trains, only Stop works. */
  setTraining(training: boolean): void {
    for (const field of this.form.querySelectorAll<HTMLInputElement | HTMLSelectElement>('fieldset')) {
      field.disabled = training;
    }
    this.train.disabled = training;
    this.compare.disabled = training;
    this.reset.disabled = training;
    this.stop.disabled = !training;
  }
}
