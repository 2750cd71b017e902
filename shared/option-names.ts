// The library's names for its choices, as lists both apps offer and check (the library exports
// them as types only). Records, so that the compiler reports a name the library adds or drops.
import type { ActivationName, InitName, LossName, OptimizerName, Precision } from 'neural-wasm';

export type HiddenActivation = Exclude<ActivationName, 'softmax'>;

const names = <T extends string>(record: Record<T, true>) => Object.keys(record) as T[];

export const ACTIVATIONS = names<ActivationName>({ sigmoid: true, tanh: true, relu: true, leakyRelu: true, linear: true, softmax: true });
/** Softmax is for an output layer only. */
export const HIDDEN_ACTIVATIONS = ACTIVATIONS.filter((name): name is HiddenActivation => name !== 'softmax');
export const LOSSES = names<LossName>({ mse: true, binaryCrossEntropy: true, crossEntropy: true });
export const INITS = names<InitName>({ uniform: true, xavier: true, he: true });
export const OPTIMIZERS = names<OptimizerName>({ sgd: true, momentum: true, adam: true });
export const PRECISIONS = names<Precision>({ f64: true, f32: true });
