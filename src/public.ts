// What both entry points export besides NeuralNetwork.
export { InputShapeError } from './errors';
export type { Backend } from './core';
export type { FitResult, Evaluation, Weights, WeightsInput } from './network';
export type {
  NetworkOptions, FitOptions, FitProgress, OptimizerOptions, ActivationName, LossName, InitName, OptimizerName,
} from './options';
export type { Row, Rows, Matrix, Targets } from './data';
export type { ModelJSON } from './model-json';
