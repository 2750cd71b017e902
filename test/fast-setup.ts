// The fast tests' one step before they run (vitest.fast.config.ts): dist/ brought up to date, as
// `npm run build` does it (nothing when nothing changed, a second or two after a change in src/ or
// cli/, the WASM cores' 40 s after one in assembly/), for the files src/ loads beside itself and
// the tests that run what a user runs (a Node process over dist/).
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export default function setup(): void {
  execFileSync(process.execPath, ['scripts/build.js'], { cwd: fileURLToPath(new URL('..', import.meta.url)), stdio: 'inherit' });
}
