// --lr-schedule: a schedule's name and its settings in one flag value, `cosine` or
// `step:every=50,factor=0.5`, read into the library's LearningRateSchedule (less its initial rate,
// which is --learning-rate). Each setting is checked here, so a bad one is named by the flag
// before any data is read.
import type { LearningRateSchedule } from 'neural-wasm';
import { type FlagValues, stringFlag } from '../args';
import { UsageError, quote, quoteNumber } from '../errors';

interface Setting {
  integer: boolean;
  low: number;
  high: number;
  /** The low end is excluded (a factor of 0 would stop learning). */
  lowOpen?: boolean;
}

const FACTOR: Setting = { integer: false, low: 0, high: 1, lowOpen: true };
const EPOCHS: Setting = { integer: true, low: 1, high: 2 ** 31 - 1 };
const RATE: Setting = { integer: false, low: 0, high: Number.MAX_VALUE };

// each schedule's settings; the ones the library needs are marked required
const SETTINGS: Record<LearningRateSchedule['name'], { settings: Record<string, Setting>; required: string[] }> = {
  step: { settings: { every: EPOCHS, factor: FACTOR }, required: ['every'] },
  exponential: { settings: { factor: FACTOR }, required: ['factor'] },
  cosine: { settings: { floor: RATE, period: EPOCHS }, required: [] },
  plateau: { settings: { factor: FACTOR, patience: EPOCHS, floor: RATE, minDelta: RATE }, required: [] },
};

export const SCHEDULE_HELP = [
  'step:every=N[,factor=F]      times F (default 0.5) every N epochs',
  'exponential:factor=F         times F every epoch',
  'cosine[:floor=F,period=N]    down to F (default 0) along a cosine over N epochs (default: all)',
  'plateau[:factor=F,patience=N,floor=F,minDelta=F]   times F (0.1) after N (10) epochs without a',
  '                             better validation loss (the training loss without validation rows)',
].map((line) => ' '.repeat(26) + line).join('\n');

export function scheduleFlag(flags: FlagValues, name: string): LearningRateSchedule | undefined {
  const given = stringFlag(flags, name);
  if (given === undefined) return undefined;
  const [scheduleName, list = ''] = given.split(/:(.*)/s);
  if (!Object.hasOwn(SETTINGS, scheduleName)) {
    throw new UsageError(`--${name}: expected one of ${Object.keys(SETTINGS).join(', ')} (with settings after a colon, e.g. step:every=50), got ${quote(given)}`);
  }
  const { settings, required } = SETTINGS[scheduleName as LearningRateSchedule['name']];
  const known = Object.keys(settings);
  const schedule: Record<string, unknown> = { name: scheduleName };
  for (const item of list === '' ? [] : list.split(',')) {
    const [key, text] = item.split('=').map((part) => part.trim());
    if (!known.includes(key)) {
      throw new UsageError(`--${name} ${scheduleName}: expected settings ${known.map((k) => `${k}=...`).join(', ') || '(none)'}, got ${quote(item)}`);
    }
    schedule[key] = settingValue(name, `${scheduleName} ${key}`, text ?? '', settings[key]);
  }
  const missing = required.find((key) => schedule[key] === undefined);
  if (missing !== undefined) throw new UsageError(`--${name} ${scheduleName}: needs ${missing}=..., e.g. ${SETTINGS_EXAMPLE[scheduleName as LearningRateSchedule['name']]}`);
  return schedule as LearningRateSchedule;
}

const SETTINGS_EXAMPLE: Record<LearningRateSchedule['name'], string> = {
  step: 'step:every=50,factor=0.5',
  exponential: 'exponential:factor=0.99',
  cosine: 'cosine:floor=0.0001',
  plateau: 'plateau:factor=0.5,patience=5',
};

function settingValue(flag: string, what: string, text: string, { integer, low, high, lowOpen }: Setting): number {
  const value = Number(text);
  const ok = text !== '' && Number.isFinite(value) && (integer ? /^\+?\d+$/.test(text) : true) && (lowOpen ? value > low : value >= low) && value <= high;
  if (!ok) {
    const expected = integer ? `a whole number from ${low}` : `a number ${lowOpen ? 'above' : 'from'} ${low}`;
    throw new UsageError(`--${flag} ${what}: expected ${expected}${high < 2 ** 31 ? ` to ${high}` : ''}, got ${quoteNumber(text, low, high, lowOpen)}`);
  }
  return value;
}
