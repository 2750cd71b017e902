// Builds dist/: the WASM core (asc), then both entry points with esbuild. The JS entry bundles
// assembly/ itself, with the portable helpers injected as module-local imports.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';

rmSync('dist', { recursive: true, force: true });
execFileSync('npx', ['asc', '--config', 'asconfig.json', '--target', 'release'], { stdio: 'inherit' });
await build({
  entryPoints: ['src/index.ts', 'src/js.ts'],
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'neutral',
  target: 'es2022',
  external: ['node:*'],
  inject: ['scripts/portable.js'],
  logLevel: 'warning',
});
execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
