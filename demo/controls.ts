// The form in the left column: fills its choices, writes a Settings into it and reads one back
// (with a message naming the first field that is not a usable value, or a combination that is not).
import { DATASET_NAMES, type DatasetName } from 'neural-wasm/datasets';
import type { Backend, LossName } from 'neural-wasm';
import { LOSS_LABELS } from '../shared/loss-labels';
import { HIDDEN_ACTIVATIONS, INITS, OPTIMIZERS } from '../shared/option-names';
import { SCHEDULES, SCHEDULE_NAMES, type ScheduleChoice, type ScheduleName, type ScheduleParameter } from './schedules';
import { lossesFor, type Settings } from './settings';

const DATASET_LABELS: Record<DatasetName, string> = {
  xor: 'XOR (the tutorial)',
  blobs: 'Gaussian blobs',
  moons: 'two moons',
  circles: 'circles',
  spiral: 'spiral (3 classes)',
};

// the validation shares offered: a few round ones are all a toy data set needs, and none is a wrong value
const VALIDATION_SHARES = [0, 0.1, 0.2, 0.3];
const MAX_DROPOUT = 0.95;

function element<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`the page has no #${id}`);
  return found as T;
}

function fill(select: HTMLSelectElement, values: readonly string[], label: (value: string) => string = (v) => v): void {
  select.replaceChildren(...values.map((value) => new Option(label(value), value)));
}

/** A field's whole number, or the message saying what it should be. */
function integer(input: HTMLInputElement, name: string, min: number, max: number): number | string {
  const value = Number(input.value);
  return input.value.trim() !== '' && Number.isInteger(value) && value >= min && value <= max
    ? value
    : `${name}: a whole number from ${min} to ${max.toLocaleString('en-US')}`;
}

/** A field's number, or the message saying what it should be. */
function number(input: HTMLInputElement, name: string, min: number, max: number, minOpen = false): number | string {
  const value = Number(input.value);
  const ok = input.value.trim() !== '' && Number.isFinite(value) && (minOpen ? value > min : value >= min) && value <= max;
  return ok ? value : `${name}: a number ${minOpen ? 'above' : 'from'} ${min} ${minOpen ? 'up to' : 'to'} ${max}`;
}

export class Controls {
  readonly form = element<HTMLFormElement>('controls');
  readonly dataset = element<HTMLSelectElement>('dataset');
  readonly samples = element<HTMLInputElement>('samples');
  readonly noise = element<HTMLInputElement>('noise');
  readonly dataSeed = element<HTMLInputElement>('data-seed');
  readonly validation = element<HTMLSelectElement>('validation');
  readonly hidden = element<HTMLInputElement>('hidden');
  readonly dropout = element<HTMLInputElement>('dropout');
  readonly activation = element<HTMLSelectElement>('activation');
  readonly init = element<HTMLSelectElement>('init');
  readonly loss = element<HTMLSelectElement>('loss');
  readonly seed = element<HTMLInputElement>('seed');
  readonly optimizer = element<HTMLSelectElement>('optimizer');
  readonly learningRate = element<HTMLInputElement>('learning-rate');
  readonly schedule = element<HTMLSelectElement>('schedule');
  readonly batchSize = element<HTMLInputElement>('batch-size');
  readonly epochs = element<HTMLInputElement>('epochs');
  readonly patience = element<HTMLInputElement>('patience');
  readonly shuffle = element<HTMLInputElement>('shuffle');
  readonly train = element<HTMLButtonElement>('train');
  readonly stop = element<HTMLButtonElement>('stop');
  readonly reset = element<HTMLButtonElement>('reset');
  readonly compare = element<HTMLButtonElement>('compare');
  readonly error = element<HTMLElement>('form-error');
  readonly architecture = element<HTMLElement>('architecture');
  private readonly wasmCore = element<HTMLInputElement>('core-wasm');
  /** Each schedule's group of parameter fields (shown when it is chosen), and the fields by key. */
  private readonly scheduleGroups = new Map<ScheduleName, { group: HTMLElement; inputs: Map<ScheduleParameter, HTMLInputElement> }>();

  constructor() {
    fill(this.dataset, DATASET_NAMES, (name) => DATASET_LABELS[name as DatasetName] ?? name);
    fill(this.validation, VALIDATION_SHARES.map(String), (share) => (share === '0' ? 'none' : `${Math.round(100 * Number(share))}%`));
    fill(this.activation, HIDDEN_ACTIVATIONS);
    fill(this.init, INITS);
    fill(this.optimizer, OPTIMIZERS);
    fill(this.schedule, SCHEDULE_NAMES, (name) => SCHEDULES[name as ScheduleName].label);
    this.buildScheduleFields(element('schedule-parameters'));
    // a schedule starts from values that suit the run's epochs and rate as they are when it is chosen
    this.schedule.addEventListener('change', () => {
      this.startSchedule(this.schedule.value as ScheduleName);
      this.showSchedule();
    });
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
    this.validation.value = String(settings.validationShare);
    this.hidden.value = settings.hidden.join(',');
    this.dropout.value = String(settings.dropout);
    this.activation.value = settings.activation;
    this.init.value = settings.init;
    this.seed.value = String(settings.seed);
    this.optimizer.value = settings.optimizer;
    this.learningRate.value = String(settings.learningRate);
    this.batchSize.value = String(settings.batchSize);
    this.epochs.value = String(settings.epochs);
    this.patience.value = settings.patience === undefined ? '' : String(settings.patience);
    this.shuffle.checked = settings.shuffle;
    this.form.querySelector<HTMLInputElement>(`input[name="core"][value="${settings.core}"]`)!.checked = true;
    this.schedule.value = settings.schedule.name;
    this.startSchedule(settings.schedule.name);
    for (const [parameter, input] of this.scheduleGroups.get(settings.schedule.name)?.inputs ?? []) {
      const value = settings.schedule.values[parameter.key];
      if (value !== undefined) input.value = String(value);
    }
    this.showSchedule();
    // XOR is always its four points, every one of them needed: none can be held out
    const fixedPoints = settings.dataset === 'xor';
    this.samples.disabled = fixedPoints;
    this.noise.disabled = fixedPoints;
    this.dataSeed.disabled = fixedPoints;
    this.validation.disabled = fixedPoints;
    this.loss.value = settings.loss; // after setClasses, which the caller runs first
  }

  /** The settings in the form, or the message of the first unusable field or combination. */
  read(): Settings | string {
    const hidden = this.hidden.value.trim() === '' ? [] : this.hidden.value.split(/[\s,]+/).filter(Boolean).map(Number);
    if (!hidden.every((size) => Number.isInteger(size) && size >= 1 && size <= 1024)) {
      return 'hidden layers: sizes from 1 to 1024, comma-separated (empty for none)';
    }
    const fields = {
      samples: integer(this.samples, 'samples', 4, 5000),
      noise: number(this.noise, 'noise', 0, 5),
      dataSeed: integer(this.dataSeed, 'data seed', 0, 2 ** 32 - 1),
      dropout: number(this.dropout, 'dropout', 0, MAX_DROPOUT),
      seed: integer(this.seed, 'seed', 0, 2 ** 32 - 1),
      learningRate: number(this.learningRate, 'learning rate', 0, 10, true),
      batchSize: integer(this.batchSize, 'batch size', 1, 5000),
      epochs: integer(this.epochs, 'epochs', 1, 1_000_000),
    };
    for (const value of Object.values(fields)) {
      if (typeof value === 'string') return value;
    }
    const numbers = fields as { [K in keyof typeof fields]: number };
    if (numbers.dropout > 0 && hidden.length === 0) return 'dropout: 0 for a network without hidden layers (it drops hidden outputs)';
    const patience = this.patience.value.trim() === '' ? undefined : integer(this.patience, 'patience (empty for off)', 1, 1_000_000);
    if (typeof patience === 'string') return patience;
    const schedule = this.readSchedule(numbers.learningRate);
    if (typeof schedule === 'string') return schedule;
    const core = this.form.querySelector<HTMLInputElement>('input[name="core"]:checked')?.value as Backend;
    return {
      dataset: this.dataset.value as DatasetName,
      ...numbers,
      hidden,
      activation: this.activation.value as Settings['activation'],
      init: this.init.value as Settings['init'],
      loss: this.loss.value as LossName,
      optimizer: this.optimizer.value as Settings['optimizer'],
      shuffle: this.shuffle.checked,
      validationShare: this.validation.disabled ? 0 : Number(this.validation.value),
      patience,
      schedule,
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

  // One group of labelled fields per schedule, ids `<schedule>-<key>` (step-factor, step-every, ...).
  private buildScheduleFields(container: HTMLElement): void {
    for (const name of SCHEDULE_NAMES) {
      const { parameters } = SCHEDULES[name];
      if (parameters.length === 0) continue;
      const group = document.createElement('div');
      group.className = 'pairs';
      group.dataset.schedule = name;
      const inputs = new Map<ScheduleParameter, HTMLInputElement>();
      for (const parameter of parameters) {
        const label = document.createElement('label');
        label.title = parameter.title;
        const input = document.createElement('input');
        input.id = `${name}-${parameter.key}`;
        input.type = 'number';
        input.step = parameter.integer ? '1' : 'any';
        input.min = String(parameter.min);
        if (Number.isFinite(parameter.max)) input.max = String(parameter.max);
        label.append(`${parameter.label} `, input);
        group.append(label);
        inputs.set(parameter, input);
      }
      container.append(group);
      this.scheduleGroups.set(name, { group, inputs });
    }
  }

  private startSchedule(name: ScheduleName): void {
    const epochs = Math.max(1, Number(this.epochs.value) || 1);
    const rate = Number(this.learningRate.value) || 0.1;
    for (const [parameter, input] of this.scheduleGroups.get(name)?.inputs ?? []) input.value = String(parameter.start(epochs, rate));
  }

  private showSchedule(): void {
    for (const [name, { group }] of this.scheduleGroups) group.hidden = name !== this.schedule.value;
  }

  private readSchedule(learningRate: number): ScheduleChoice | string {
    const name = this.schedule.value as ScheduleName;
    const values: ScheduleChoice['values'] = {};
    for (const [parameter, input] of this.scheduleGroups.get(name)?.inputs ?? []) {
      const what = `${SCHEDULES[name].label} ${parameter.label.replace(/ \(.*\)$/, '')}`;
      // the cosine's floor is a rate the schedule comes down to: at most the one it starts from
      const max = parameter.key === 'floor' ? learningRate : parameter.max;
      const value = parameter.integer
        ? integer(input, what, parameter.min, max)
        : number(input, parameter.key === 'floor' ? `${what} (up to the learning rate)` : what, parameter.min, max, parameter.minOpen);
      if (typeof value === 'string') return value;
      values[parameter.key] = value;
    }
    return { name, values };
  }
}
