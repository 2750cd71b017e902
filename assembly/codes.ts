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
export const FIT_EARLY_STOPPED = 1; // the tutorial's thresholds held
export const FIT_DIVERGED = 2;
export const FIT_PATIENCE_STOPPED = 3; // the monitored metric stopped improving

// what early stopping and reduce-on-plateau watch, per epoch
export const MONITOR_LOSS = 0;
export const MONITOR_ACCURACY = 1;
export const MONITOR_VAL_LOSS = 2;
export const MONITOR_VAL_ACCURACY = 3;

// learning-rate schedules
export const SCHEDULE_CONSTANT = 0;
export const SCHEDULE_STEP = 1; // initial * factor^floor(epoch / every)
export const SCHEDULE_EXPONENTIAL = 2; // initial * factor^epoch
export const SCHEDULE_COSINE = 3; // floor + (initial - floor) * (1 + cos(pi * epoch / every)) / 2
export const SCHEDULE_PLATEAU = 4; // times factor after `every` epochs without improvement, to floor

// The most f64 values one array of the core can hold: AssemblyScript's largest block (1 GiB less
// its 64-byte header), 2^27 - 8; the f32 core keeps the same limit (its arrays are then half
// that). src/ checks every size against it before it calls in.
export const MAX_ARRAY_VALUES = 134217720;
