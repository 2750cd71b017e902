// neural-wasm/model: a network with its preprocessing (input columns and scaling, class names or
// value scaling): the model file the CLI writes, loaded with one call, predicting on raw rows.
export {
  Model, checkModelFile, classProbabilities, outputWidth, MODEL_FILE_FORMAT, MODEL_FILE_VERSION,
  type ClassPrediction, type ModelFile, type NetworkLoader, type RawRow, type Target,
} from './model-file.js';
export { fitScaling, scaled, unscaled, SCALING_METHODS, type NumberTable, type Scaling, type ScalingMethod } from './scaling.js';
