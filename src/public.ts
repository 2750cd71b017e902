// What both entry points export besides NeuralNetwork.
export { InputShapeError } from './errors.js';
export type { Backend } from './core.js';
export type { FitResult } from './fit.js';
export type { FitAsyncOptions, Evaluation, Weights, WeightsInput } from './network.js';
export type { ActivationName, LossName, InitName, OptimizerName } from './names.js';
export type { NetworkOptions, Precision } from './network-options.js';
export type { FitOptions, FitProgress, OptimizerOptions, EarlyStopOptions, LearningRateSchedule, MonitorName, ValidationData } from './fit-options.js';
export type { Row, Rows, Matrix, Targets } from './data.js';
export type { ModelJSON } from './network-json.js';
