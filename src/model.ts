// neural-wasm/model: a network with its preprocessing (input columns and scaling, class names or
// value scaling): fitted on raw rows here or by the CLI, kept in one model file format, loaded with
// one call, predicting on raw rows. (The rules the CLI shares with it beyond these, such as how a
// model file is checked or a value scaled, it imports from src/ itself: they are not public API.)
export { Model, type ClassPrediction, type ClassEvaluation, type ValueEvaluation, type Prediction, type ModelFile, type NetworkLoader } from './model-file.js';
export type { TrainOptions, TrainingRecord, MissingPolicy, NetworkMaker } from './train.js';
export type { ColumnChoice, RawValue } from './columns.js';
export {
  fitPreprocessing, encodeRows, encodeAnswers, outputLayer,
  type Preprocessing, type PreprocessingOptions, type Encoded, type Target, type RawRow, type Answer, type Task,
} from './preprocessing.js';
export { classOrder } from './classes.js';
export type { NumberTable, Scaling, ScalingMethod } from './scaling.js';
