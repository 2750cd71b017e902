// A fit's settings written into the core's record (assembly/fit-settings.ts names the slots; the
// core reads them in assembly/training.ts).
import * as slots from '../assembly/fit-settings.js';
import type { FitSettings } from './fit-options.js';

/**
 * Fills the core's settings record for a fit (assembly/fit-settings.ts names the slots; the core
 * reads them in assembly/training.ts), run in calls of at most `chunk` epochs.
 */
export function writeFitSettings(record: Float64Array, s: FitSettings, chunk: number, validationRows: number): void {
  record[slots.SLOT_BATCH_SIZE] = s.batchSize;
  record[slots.SLOT_SHUFFLE] = s.shuffle ? 1 : 0;
  record[slots.SLOT_OPTIMIZER] = s.optimizer;
  record[slots.SLOT_LEARNING_RATE] = s.learningRate;
  record[slots.SLOT_MOMENTUM] = s.momentum;
  record[slots.SLOT_BETA1] = s.beta1;
  record[slots.SLOT_BETA2] = s.beta2;
  record[slots.SLOT_EPSILON] = s.epsilon;
  record[slots.SLOT_L2] = s.l2;
  record[slots.SLOT_STOP_LOSS] = s.stopLoss;
  record[slots.SLOT_STOP_ACCURACY] = s.stopAccuracy;
  record[slots.SLOT_CHUNK] = chunk;
  record[slots.SLOT_EPOCHS] = s.epochs;
  record[slots.SLOT_VALIDATION_ROWS] = validationRows;
  record[slots.SLOT_MONITOR] = s.monitor;
  record[slots.SLOT_PATIENCE] = s.patience;
  record[slots.SLOT_MIN_DELTA] = s.minDelta;
  record[slots.SLOT_RESTORE_BEST] = s.restoreBest ? 1 : 0;
  record[slots.SLOT_SCHEDULE] = s.schedule.kind;
  record[slots.SLOT_SCHEDULE_FACTOR] = s.schedule.factor;
  record[slots.SLOT_SCHEDULE_EVERY] = s.schedule.every;
  record[slots.SLOT_SCHEDULE_FLOOR] = s.schedule.floor;
  record[slots.SLOT_SCHEDULE_MONITOR] = s.schedule.monitor;
  record[slots.SLOT_SCHEDULE_MIN_DELTA] = s.schedule.minDelta;
  record[slots.SLOT_CLIP_NORM] = s.clipNorm;
}
