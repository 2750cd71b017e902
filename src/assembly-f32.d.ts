// For tsc and editors: 'virtual:assembly-f32' (src/js-core-f32.ts) is assembly/ compiled with
// real-f32.ts as its real.ts (scripts/assembly-js.js), so it exports what assembly/index.ts does,
// from the same source. Only the type of the reals differs: RealArray is Float32Array there, which
// these declarations, read from the f64 source, cannot say (src/core.ts's RealArray holds either).
declare module 'virtual:assembly-f32' {
  const f32Core: typeof import('../assembly/index.js');
  export = f32Core;
}
