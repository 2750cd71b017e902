// AssemblyScript's portable helpers for the JS build of assembly/, injected by esbuild as
// module-local imports (never globals): the conversions AssemblyScript does with casts, done here
// explicitly, and `assert`. (`unchecked` is rewritten away by scripts/build.js.)
export const i32 = (x) => x | 0;
export const u32 = (x) => x >>> 0;
export const f64 = (x) => +x;
export function assert(condition, message) {
  if (!condition) throw new Error('assertion failed: ' + (message || ''));
  return condition;
}
export const Mathf = Math; // the f32 core calls Mathf (assembly/real-f32.ts); JS computes in doubles
