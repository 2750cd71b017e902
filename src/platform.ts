// Node or a browser: the few places that differ (reading the .wasm, starting a worker) ask here.
export const isNode = typeof process === 'object' && typeof process.versions?.node === 'string';

/**
 * A Node built-in module, fetched without an `import` a bundler would try to resolve for browsers
 * (Vite warns about, and stubs, every `node:` import it sees). Node >= 20.16.
 */
export const nodeModule: NodeJS.Process['getBuiltinModule'] = (id: string) => process.getBuiltinModule(id);
