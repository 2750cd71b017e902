// neural-wasm/import: models made by other libraries as NeuralNetworks (an entry point of its own,
// so none of it reaches the pages that only train and predict).
export {
  fromTensorFlowJS, tensorFlowJSWeightGroups, type TensorFlowJSWeightGroup, type NetworkClass, type TensorFlowJSModel, type TensorFlowJSArtifacts, type TensorFlowJSFiles,
  type TensorFlowJSWeightSpec, type TensorFlowJSImportOptions,
} from './tfjs-import.js';
