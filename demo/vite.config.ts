// The playground's Vite config (`npm run demo`, `npm run demo:build`). The page imports the library
// by its package name, as a user's app would; Vite cannot resolve a package's own name from inside
// it, so the aliases point those names at the built dist/ (npm run build comes first).
import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

const dist = (file: string) => fileURLToPath(new URL(`../dist/${file}`, import.meta.url));
// cross-origin isolation: the page may share WebAssembly memory with workers, so fit's `threads` run
// (a host serving the built playground needs these two headers too)
const headers = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  resolve: {
    alias: [
      { find: /^neural-wasm$/, replacement: dist('index.js') },
      { find: /^neural-wasm\/js$/, replacement: dist('js.js') },
      { find: /^neural-wasm\/baseline$/, replacement: dist('baseline.js') },
      { find: /^neural-wasm\/datasets$/, replacement: dist('datasets.js') },
    ],
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
  },
  worker: { format: 'es' },
  server: { host: '127.0.0.1', headers },
  preview: { host: '127.0.0.1', headers },
});
