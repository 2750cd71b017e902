// The numbers that cross the boundary between the TypeScript layer and the core, in one place:
// src/ maps option names onto them, the core switches on them.

// activations
export const SIGMOID = 0;
export const TANH = 1;
export const RELU = 2;
export const LEAKY_RELU = 3;
export const LINEAR = 4;
export const SOFTMAX = 5;

// losses
export const MSE = 0;
export const BINARY_CROSS_ENTROPY = 1;
export const CROSS_ENTROPY = 2;

// initialisers
export const INIT_UNIFORM = 0; // U[-1, 1) for weights and biases, as the tutorial
export const INIT_XAVIER = 1; // Glorot uniform, zero biases
export const INIT_HE = 2; // He uniform, zero biases

// optimizers
export const SGD = 0;
export const MOMENTUM = 1;
export const ADAM = 2;

// state of a fit after a run of epochs
export const FIT_RUNNING = 0;
export const FIT_EARLY_STOPPED = 1;
export const FIT_DIVERGED = 2;

// The most f64 values one array of the core can hold: AssemblyScript's largest block (1 GiB less
// its 64-byte header), 2^27 - 8. src/ checks every size against it before it calls in.
export const MAX_ARRAY_VALUES = 134217720;
