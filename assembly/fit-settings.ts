// The settings of a fit, as they cross from src/ to the core: one f64 slot each in one record (a
// Float64Array the core owns and src/ fills before beginFit). The slots are named here once;
// src/options.ts fills them (writeFitSettings, where the defaults are) and training.ts reads them
// (readFitSettings). A new setting is a slot here and one line on each side.
export const SLOT_BATCH_SIZE = 0;
export const SLOT_SHUFFLE = 1; // 1 or 0
export const SLOT_OPTIMIZER = 2; // codes.ts: SGD, MOMENTUM, ADAM
export const SLOT_LEARNING_RATE = 3;
export const SLOT_MOMENTUM = 4;
export const SLOT_BETA1 = 5;
export const SLOT_BETA2 = 6;
export const SLOT_EPSILON = 7;
export const SLOT_L2 = 8;
export const SLOT_STOP_LOSS = 9; // NaN: not given
export const SLOT_STOP_ACCURACY = 10; // NaN: not given
export const SLOT_CHUNK = 11; // most epochs per runEpochs call (the history arrays' length)
export const SLOT_EPOCHS = 12; // the fit's epochs (when to restore the best weights; cosine's default period)
export const SLOT_VALIDATION_ROWS = 13; // rows of validation data the fit takes over; 0: none
export const SLOT_MONITOR = 14; // codes.ts: MONITOR_*, for early stopping with patience
export const SLOT_PATIENCE = 15; // epochs without improvement before stopping; -1: no patience
export const SLOT_MIN_DELTA = 16; // the least change that counts as an improvement
export const SLOT_RESTORE_BEST = 17; // 1: end with the best epoch's weights
export const SLOT_SCHEDULE = 18; // codes.ts: SCHEDULE_*
export const SLOT_SCHEDULE_FACTOR = 19; // step, exponential and plateau: the factor
export const SLOT_SCHEDULE_EVERY = 20; // step: epochs per step; cosine: the period; plateau: patience
export const SLOT_SCHEDULE_FLOOR = 21; // cosine and plateau: the lowest rate
export const SLOT_SCHEDULE_MONITOR = 22; // plateau: codes.ts MONITOR_*
export const SLOT_SCHEDULE_MIN_DELTA = 23; // plateau: the least change that counts as an improvement
export const SLOT_CLIP_NORM = 24; // the gradient's largest global norm; 0: no clipping
export const FIT_SETTINGS_SLOTS = 25;
