// For TypeScript's checks of the JS build: AssemblyScript's portable types (f64, i32, unchecked...).
/// <reference path="../node_modules/assemblyscript/std/portable/index.d.ts" />
// not in AssemblyScript's portable declarations; the JS build defines them as false
declare const ASC_FEATURE_SIMD: bool;
declare const ASC_FEATURE_THREADS: bool;
