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

/**
 * The next task of the event loop, by a way no engine throttles: setImmediate (Node), else a
 * MessageChannel message (a timer, even of 0 ms, waits a second or more in a hidden tab).
 */
export function nextTask(): Promise<void> {
  if (typeof setImmediate === 'function') return new Promise((resolve) => setImmediate(resolve));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/**
 * In engines without Symbol.dispose (Safari 18), a class's `[Symbol.dispose]` method lands under the
 * key 'undefined': moved to the key esbuild's and Babel's compiled `using` look for instead.
 */
export function disposableWithoutSymbol(prototype: { dispose(): void }): void {
  if (typeof Symbol.dispose === 'symbol') return;
  delete (prototype as unknown as Record<string, unknown>)['undefined'];
  Object.defineProperty(prototype, Symbol.for('Symbol.dispose'), { value: prototype.dispose, writable: true, configurable: true });
}
