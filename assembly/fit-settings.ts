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
export const FIT_SETTINGS_SLOTS = 12;
