// For TypeScript's checks of the JS build: AssemblyScript's portable types (f64, i32, unchecked...).
/// <reference path="../node_modules/assemblyscript/std/portable/index.d.ts" />
