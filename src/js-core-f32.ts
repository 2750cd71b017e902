// The JS core at precision 'f32': assembly/ built with its real.ts swapped for real-f32.ts, so it
// holds its values in Float32Arrays. 'virtual:assembly-f32' is that build, made by the plugins of
// scripts/assembly-js.js (the package's build, and vitest's fast tests); without them it does not
// resolve. Between stores it computes in JS's doubles, so its results are close to, not the same
// bits as, the f32 WASM cores'.
import * as portable from 'virtual:assembly-f32';
import { portableCore } from './portable-core.js';

export const jsCoreF32 = portableCore(portable, 'f32');
