// The names the options take, and the core's code for each (assembly/codes.ts): what crosses into
// the core is always a code, never a name.
import * as codes from '../assembly/codes.js';

export const ACTIVATIONS = {
  sigmoid: codes.SIGMOID,
  tanh: codes.TANH,
  relu: codes.RELU,
  leakyRelu: codes.LEAKY_RELU,
  linear: codes.LINEAR,
  softmax: codes.SOFTMAX,
} as const;
export const LOSSES = {
  mse: codes.MSE,
  binaryCrossEntropy: codes.BINARY_CROSS_ENTROPY,
  crossEntropy: codes.CROSS_ENTROPY,
} as const;
export const INITS = { uniform: codes.INIT_UNIFORM, xavier: codes.INIT_XAVIER, he: codes.INIT_HE } as const;
export const OPTIMIZERS = { sgd: codes.SGD, momentum: codes.MOMENTUM, adam: codes.ADAM } as const;

export type ActivationName = keyof typeof ACTIVATIONS;
export type LossName = keyof typeof LOSSES;
export type InitName = keyof typeof INITS;
export type OptimizerName = keyof typeof OPTIMIZERS;
export const MONITORS = {
  loss: codes.MONITOR_LOSS,
  accuracy: codes.MONITOR_ACCURACY,
  valLoss: codes.MONITOR_VAL_LOSS,
  valAccuracy: codes.MONITOR_VAL_ACCURACY,
} as const;
export const SCHEDULES = {
  step: codes.SCHEDULE_STEP,
  exponential: codes.SCHEDULE_EXPONENTIAL,
  cosine: codes.SCHEDULE_COSINE,
  plateau: codes.SCHEDULE_PLATEAU,
} as const;
