// neural-wasm/model: a network with its preprocessing (input columns and scaling, class names or
// value scaling): fitted on raw rows here or by the CLI, kept in one model file format, loaded with
// one call, predicting on raw rows.
export { Model, checkModelFile, MODEL_FILE_FORMAT, MODEL_FILE_VERSION, type ClassPrediction, type ModelFile, type NetworkLoader } from './model-file.js';
export {
  fitPreprocessing, encodeRows, encodeAnswers, outputLayer, outputWidth, classProbabilities, classOrder, classIndex,
  decimalNumber, MAX_AUTO_CLASSES, TASKS,
  type Preprocessing, type PreprocessingOptions, type Encoded, type Target, type RawRow, type Answer, type Task,
} from './preprocessing.js';
export { encodeClasses } from './classes.js';
export { fitScaling, noScaling, scaled, unscaled, SCALING_METHODS, type NumberTable, type Scaling, type ScalingMethod } from './scaling.js';
