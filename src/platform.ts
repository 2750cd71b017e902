// Node or a browser: the few places that differ (reading the .wasm, starting a worker, counting
// cores) ask here.
export const isNode = typeof process === 'object' && typeof process.versions?.node === 'string';

/**
 * A Node built-in module, fetched without an `import` a bundler would try to resolve for browsers
 * (Vite warns about, and stubs, every `node:` import it sees). Node >= 20.16.
 */
export const nodeModule: NodeJS.Process['getBuiltinModule'] = (id: string) => process.getBuiltinModule(id);

// the most threads a fit may ask for (the core's limit too: assembly/threads.ts)
export const MAX_THREADS = 64;

/** The cores the platform reports: what `threads: 'auto'` uses. */
export function availableThreads(): number {
  const count = isNode ? nodeModule('node:os').availableParallelism() : (globalThis.navigator?.hardwareConcurrency ?? 1);
  return Math.max(1, Math.min(count, MAX_THREADS));
}
