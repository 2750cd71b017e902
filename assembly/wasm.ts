// Entry of the WASM build: the portable boundary plus the runtime id src/wasm-core.ts needs to pass
// typed arrays in (idof is AssemblyScript-only, so it stays out of index.ts).
export * from './index';
export const INT32ARRAY_ID = idof<Int32Array>();
