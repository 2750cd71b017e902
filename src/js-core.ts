// The JS core: assembly/ compiled as plain JS (scripts/build.js injects the portable helpers).
import * as portable from '../assembly/index.js';
import { portableCore } from './portable-core.js';

export const jsCore = portableCore(portable, 'f64');
