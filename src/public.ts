// What both entry points export besides NeuralNetwork.
export { InputShapeError } from './errors.js';
export type { Backend } from './core.js';
export type { FitResult } from './fit.js';
export type { FitAsyncOptions, Evaluation, Weights, WeightsInput } from './network.js';
export type {
  NetworkOptions, FitOptions, FitProgress, OptimizerOptions, ActivationName, LossName, InitName, OptimizerName,
  EarlyStopOptions, LearningRateSchedule, MonitorName, ValidationData, Precision,
} from './options.js';
export type { Row, Rows, Matrix, Targets } from './data.js';
export type { ModelJSON } from './model-json.js';
