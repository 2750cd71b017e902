// Entry of the threads build: the WASM build's boundary, plus the calls that run the workers.
export * from './wasm';
export { threadControl, setThreads } from './threads';
