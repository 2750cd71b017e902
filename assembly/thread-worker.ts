// Entry of the threads build's worker module: the dense kernels and the loop that waits for their
// jobs, over the memory the main module shares (imported). It must hold no data of its own: an
// instance writes its data into memory when it starts, which here is the main module's memory.
export { workerLoop } from './threads';
