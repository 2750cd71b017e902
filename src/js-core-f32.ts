// The JS core at precision 'f32': assembly/ built with its real.ts swapped for real-f32.ts (the
// build's f32 plugin does that for every assembly/ module imported from this file), so it holds
// its values in Float32Arrays. Between stores it computes in JS's doubles, so its results are
// close to, not the same bits as, the f32 WASM cores'.
import * as portable from '../assembly/index.js';
import { portableCore } from './portable-core.js';

export const jsCoreF32 = portableCore(portable, 'f32');
