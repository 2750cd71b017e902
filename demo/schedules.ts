// The learning-rate schedules the form offers (the library's, and 'constant' for a plain number),
// each with the one or two parameters it shows when chosen: their labels, ranges and starting
// values, and how a choice becomes fit's learningRate option.
import type { LearningRateSchedule } from 'neural-wasm';

export type ScheduleName = 'constant' | LearningRateSchedule['name'];

export interface ScheduleParameter {
  /** The library's name of the option, and the end of its input's id (`step-factor`). */
  key: 'factor' | 'every' | 'floor' | 'patience';
  label: string;
  title: string;
  integer: boolean;
  min: number;
  /** Whether `min` itself is out of range (a factor of 0 would end training). */
  minOpen?: boolean;
  max: number;
  /** Where the field starts when its schedule is chosen, from the run's epochs and rate. */
  start(epochs: number, learningRate: number): number;
}

/** A schedule as the form holds it: its name and its parameters' values by key. */
export interface ScheduleChoice {
  name: ScheduleName;
  values: Partial<Record<ScheduleParameter['key'], number>>;
}

export const CONSTANT: ScheduleChoice = { name: 'constant', values: {} };

const factor = (title: string, start: ScheduleParameter['start']): ScheduleParameter => ({
  key: 'factor', label: 'factor', title, integer: false, min: 0, minOpen: true, max: 1, start,
});

export const SCHEDULES: Record<ScheduleName, { label: string; parameters: ScheduleParameter[] }> = {
  constant: { label: 'constant', parameters: [] },
  step: {
    label: 'step',
    parameters: [
      factor('The rate is multiplied by this every few epochs', () => 0.5),
      // a quarter of the run: three drops, to an eighth of the rate by the end
      {
        key: 'every', label: 'every (epochs)', title: 'Epochs between two drops of the rate', integer: true, min: 1, max: 1_000_000,
        start: (epochs) => Math.max(1, Math.round(epochs / 4)),
      },
    ],
  },
  exponential: {
    label: 'exponential',
    parameters: [
      // the factor that brings the rate to a tenth of itself by the last epoch
      factor('The rate is multiplied by this after every epoch', (epochs) => Number((0.1 ** (1 / epochs)).toPrecision(4))),
    ],
  },
  cosine: {
    label: 'cosine',
    parameters: [
      {
        key: 'floor', label: 'floor', title: 'The rate the cosine comes down to at the last epoch', integer: false, min: 0,
        max: Infinity, // up to the learning rate: checked against it by the form
        start: () => 0,
      },
    ],
  },
  plateau: {
    label: 'plateau',
    parameters: [
      factor('The rate is multiplied by this when the loss stops improving', () => 0.5),
      {
        key: 'patience', label: 'after (epochs)', integer: true, min: 0, max: 1_000_000,
        title: 'Epochs without an improvement of the monitored loss (the validation loss when there is validation data) before the rate drops',
        start: () => 10,
      },
    ],
  },
};

export const SCHEDULE_NAMES = Object.keys(SCHEDULES) as ScheduleName[];

/**
 * fit's learningRate: the number, or the schedule starting from it. The schedule's `initial` is
 * always given: left out, the library would start from the optimizer's default rate, not the form's.
 */
export function learningRateOption(learningRate: number, schedule: ScheduleChoice): number | LearningRateSchedule {
  if (schedule.name === 'constant') return learningRate;
  return { name: schedule.name, initial: learningRate, ...schedule.values } as LearningRateSchedule;
}

/** A choice in a few words for the runs table: "step ×0.5 every 50", "cosine to 0.001"; '' for constant. */
export function describeSchedule(schedule: ScheduleChoice): string {
  const v = schedule.values;
  switch (schedule.name) {
    case 'constant':
      return '';
    case 'step':
      return `step ×${v.factor} every ${v.every}`;
    case 'exponential':
      return `exponential ×${v.factor}`;
    case 'cosine':
      return `cosine to ${v.floor}`;
    case 'plateau':
      return `plateau ×${v.factor} after ${v.patience}`;
  }
}
