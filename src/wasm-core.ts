// The WASM cores: 'wasm-simd' from dist/neural-wasm-simd.wasm, 'wasm' from dist/neural-wasm.wasm,
// and at precision 'f32' from dist/neural-wasm-f32-simd.wasm and dist/neural-wasm-f32.wasm (read
// from disk in Node, fetched next to this module in a browser), instantiated here, their exports
// adapted to the Core interface: typed arrays go in through __newArray and come back as live views
// of linear memory.
import type { Backend, Core, RealArray } from './core.js';
import type { Precision } from './network-options.js';
import { isNode, nodeModule } from './platform.js';
import { ThreadPool, threadsSupported, type ThreadExports } from './threads.js';

export interface WasmExports {
  memory: WebAssembly.Memory;
  INT32ARRAY_ID: WebAssembly.Global | number;
  /** A new Int32Array of class `id` in the core's memory, holding `values`. */
  __newArray(id: number, values: ArrayLike<number>): number;
  __collect(): void;
  [name: string]: any;
}


// The little of @assemblyscript/loader the core needs, written out (the loader is 9 KB of a page's
// download): the one import, abort; arrays in, views out. AssemblyScript's layouts (its
// std/assembly/rt/common.ts): an object's size in bytes sits at -4; a typed array's header is its
// buffer, dataStart and byteLength, a u32 each; class id 1 is ArrayBuffer. Strings are UTF-16.
// A pointer is a u32 that reaches JS as a signed i32 past 2 GiB: each is read as unsigned (`>>> 0`).
const ARRAYBUFFER_ID = 1;
const TYPED_ARRAY_HEADER = 12;

function coreImports(memory: () => WebAssembly.Memory): WebAssembly.Imports {
  const text = (pointer: number) => {
    const buffer = memory().buffer;
    const at = pointer >>> 0;
    const units = new Uint32Array(buffer)[(at - 4) >>> 2] >>> 1;
    return String.fromCharCode(...new Uint16Array(buffer, at, units));
  };
  return {
    env: {
      // an assert in the core (a bug): the message the loader gave it
      abort(message: number, file: number, line: number, column: number): never {
        throw new Error(`abort: ${text(message)} at ${text(file)}:${line}:${column}`);
      },
    },
  };
}

/**
 * A core's instance from its bytes or its fetched Response, with __newArray (exported for the
 * tests); `compiled` is given its module.
 */
export async function instantiateCore(source: BufferSource | Response, compiled?: (module: WebAssembly.Module) => void): Promise<WasmExports> {
  let memory: WebAssembly.Memory | undefined;
  const imports = coreImports(() => memory!);
  let instance: WebAssembly.Instance;
  if (typeof Response === 'function' && source instanceof Response) {
    if (!source.ok) throw new Error(`could not fetch ${source.url}: HTTP ${source.status}`);
    // streaming compiles while it downloads, but needs the server to say application/wasm
    const made = typeof WebAssembly.instantiateStreaming === 'function' && source.headers.get('Content-Type')?.startsWith('application/wasm')
      ? await WebAssembly.instantiateStreaming(source, imports)
      : await WebAssembly.instantiate(await source.arrayBuffer(), imports);
    instance = made.instance;
    compiled?.(made.module);
  } else {
    const made = await WebAssembly.instantiate(source as BufferSource, imports);
    instance = made.instance;
    compiled?.(made.module);
  }
  const e = instance.exports as unknown as WasmExports;
  memory = e.memory;
  return {
    ...e,
    __newArray(id, values) {
      const bytes = values.length * 4; // Int32Array: the only array the core takes
      const buffer = e.__new(bytes, ARRAYBUFFER_ID) >>> 0;
      e.__pin(buffer);
      const array = e.__new(TYPED_ARRAY_HEADER, id) >>> 0;
      e.__unpin(buffer);
      const words = new Uint32Array(e.memory.buffer);
      words[array >>> 2] = buffer;
      words[(array + 4) >>> 2] = buffer;
      words[(array + 8) >>> 2] = bytes;
      new Int32Array(e.memory.buffer, buffer, values.length).set(values);
      return array;
    },
  };
}

/** A live view of the core's typed array at `pointer` (its header: buffer, dataStart, byteLength). */
export function coreArrayView<T extends Float64Array | Float32Array>(
  e: WasmExports, pointer: number, Type: { new (buffer: ArrayBuffer, offset: number, length: number): T; BYTES_PER_ELEMENT: number },
): T {
  const words = new Uint32Array(e.memory.buffer);
  const at = pointer >>> 0;
  return new Type(e.memory.buffer, words[(at + 4) >>> 2], words[(at + 8) >>> 2] / Type.BYTES_PER_ELEMENT);
}

/** The two WASM cores, by their names in the library's one vocabulary (Backend). */
export type WasmBackend = Extract<Backend, 'wasm-simd' | 'wasm'>;

// the smallest module with a v128 instruction (as wasm-feature-detect's probe): valid iff SIMD works
const SIMD_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11,
]);

export function simdSupported(): boolean {
  return typeof WebAssembly === 'object' && WebAssembly.validate(SIMD_PROBE);
}

/** What 'neural-wasm' runs on: WASM with SIMD where WebAssembly has it, else without. */
export function defaultWasmBackend(): WasmBackend {
  return simdSupported() ? 'wasm-simd' : 'wasm';
}

// the .wasm files, by what is in them, at each precision
type WasmFile = 'wasm' | 'wasm-simd' | 'wasm-threads' | 'thread-worker';

async function wasmSource(file: WasmFile, precision: Precision): Promise<BufferSource | Response> {
  // literal URLs, so bundlers see every file
  const url =
    precision === 'f32'
      ? file === 'wasm-threads'
        ? new URL('./neural-wasm-f32-threads.wasm', import.meta.url)
        : file === 'thread-worker'
          ? new URL('./neural-wasm-f32-thread-worker.wasm', import.meta.url)
          : file === 'wasm-simd'
            ? new URL('./neural-wasm-f32-simd.wasm', import.meta.url)
            : new URL('./neural-wasm-f32.wasm', import.meta.url)
      : file === 'wasm-threads'
        ? new URL('./neural-wasm-threads.wasm', import.meta.url)
        : file === 'thread-worker'
          ? new URL('./neural-wasm-thread-worker.wasm', import.meta.url)
          : file === 'wasm-simd'
            ? new URL('./neural-wasm-simd.wasm', import.meta.url)
            : new URL('./neural-wasm.wasm', import.meta.url);
  if (isNode) {
    const { readFile } = nodeModule('node:fs/promises');
    return readFile(url);
  }
  return fetch(url);
}

async function compileWorkerModule(precision: Precision): Promise<WebAssembly.Module> {
  const source = await wasmSource('thread-worker', precision);
  if (typeof Response === 'function' && source instanceof Response) {
    if (!source.ok) throw new Error(`could not fetch ${source.url}: HTTP ${source.status}`);
    return WebAssembly.compile(await source.arrayBuffer());
  }
  return WebAssembly.compile(source as BufferSource);
}

// WebAssembly memory stops at 4 GiB (65,536 pages of 64 KiB).
const MEMORY_LIMIT = 2 ** 32;
// Collect once the memory let go reaches an eighth of the heap (at least 64 KiB): a collection
// sweeps everything live, so this keeps a dispose O(1) on average however many networks live, and
// the heap within about 8/7 of what is live.
const COLLECT_FLOOR = 64 * 1024;

const NO_WEBASSEMBLY =
  'this engine has no WebAssembly (node --jitless, --no-expose-wasm, or a page whose policy forbids it): ' +
  "use the pure-JS build, 'neural-wasm/js'";

const OUT_OF_MEMORY =
  'the WASM core ran out of memory (WebAssembly memory stops at 4 GiB): ' +
  "use a smaller network or data set, or the pure-JS build 'neural-wasm/js'";

/**
 * A call that allocates. When linear memory cannot grow, the allocator traps ('unreachable')
 * before it changes anything, and the core's calls make everything they need before they keep any
 * of it, so the core is as it was: collect everything let go and try once more, then give up with
 * a RangeError. Any other trap is a bug in the core; it is reported as such.
 */
function allocating<A extends unknown[], R>(e: WasmExports, call: (...args: A) => R): (...args: A) => R {
  return (...args) => {
    try {
      return call(...args);
    } catch (error) {
      if (!isOutOfMemory(error)) throw coreFailure(error);
      collectNow(e);
      try {
        return call(...args);
      } catch (again) {
        if (!isOutOfMemory(again)) throw coreFailure(again);
        // the parameters kept for a network of their size (assembly/network.ts: spare) go too
        if (e.releaseSpareParams()) {
          collectNow(e);
          try {
            return call(...args);
          } catch (last) {
            if (!isOutOfMemory(last)) throw coreFailure(last);
          }
        }
        throw new RangeError(OUT_OF_MEMORY, { cause: again });
      }
    }
  };
}

function isOutOfMemory(error: unknown): boolean {
  return error instanceof WebAssembly.RuntimeError && /unreachable/.test(error.message);
}

function coreFailure(error: unknown): unknown {
  if (!(error instanceof WebAssembly.RuntimeError)) return error;
  return new Error(`the WASM core failed (${error.message}): please report this with the call that caused it`, { cause: error });
}

function collectNow(e: WasmExports): void {
  e.__collect();
  e.collected();
}

/** The Core over an instance's exports (exported for the tests, which count its collections). */
export function adaptWasmExports(e: WasmExports, name: WasmBackend, precision: Precision, threads?: ThreadPool): Core {
  const int32ArrayId = typeof e.INT32ARRAY_ID === 'number' ? e.INT32ARRAY_ID : e.INT32ARRAY_ID.value;
  const view = (pointer: number) => coreArrayView(e, pointer, Float64Array);
  // the network's values: the core's reals
  const real: (pointer: number) => RealArray =
    precision === 'f32' ? (pointer) => coreArrayView(e, pointer, Float32Array) : view;
  return {
    backend: name,
    precision,
    createNetwork: allocating(e, (layers, activations, loss, init, seedLo, seedHi) =>
      // the minimal runtime collects only on __collect, so these arrays need no pinning
      e.createNetwork(e.__newArray(int32ArrayId, layers), e.__newArray(int32ArrayId, activations), loss, init, seedLo, seedHi),
    ),
    disposeNetwork: allocating(e, e.disposeNetwork),
    networkBytes: e.networkBytes,
    networkParams: (net) => real(e.networkParams(net)),
    rngState: (net, word) => e.rngState(net, word) >>> 0, // u32 comes back as a signed i32
    setRngState: e.setRngState,
    reserveData: allocating(e, e.reserveData),
    releaseData: e.releaseData,
    dataInputs: (net) => real(e.dataInputs(net)),
    dataTargets: (net) => real(e.dataTargets(net)),
    dataOutputs: (net) => real(e.dataOutputs(net)),
    reserveValidation: allocating(e, e.reserveValidation),
    validationInputs: (net) => real(e.validationInputs(net)),
    validationTargets: (net) => real(e.validationTargets(net)),
    networkDropout: (net) => view(e.networkDropout(net)),
    predict: allocating(e, e.predict),
    evaluate: allocating(e, e.evaluate),
    lastAccuracy: e.lastAccuracy,
    fitSettings: () => view(e.fitSettings()),
    beginFit: allocating(e, e.beginFit),
    runEpochs: e.runEpochs,
    fitStatus: e.fitStatus,
    historyLoss: (net) => view(e.historyLoss(net)),
    historyAccuracy: (net) => view(e.historyAccuracy(net)),
    historyValidationLoss: (net) => view(e.historyValidationLoss(net)),
    historyValidationAccuracy: (net) => view(e.historyValidationAccuracy(net)),
    historyLearningRate: (net) => view(e.historyLearningRate(net)),
    fitBestEpoch: e.fitBestEpoch,
    endFit: e.endFit,
    collect: () => {
      if (e.droppedBytes() >= Math.max(COLLECT_FLOOR, e.memory.buffer.byteLength / 8)) collectNow(e);
    },
    useThreads: (count) => threads?.use(count),
    startThreads: async (count) => threads?.started(count),
    threadsInUse: () => threads?.inUse() ?? 1,
    memoryBytes: () => e.memory.buffer.byteLength,
    memoryLimit: MEMORY_LIMIT,
  };
}

const loading = new Map<string, Promise<Core>>();

/**
 * A WASM core (src/load-core.ts: loadCore) at a precision, instantiated once per page, process or
 * worker. Where memory can be shared with workers (Node; cross-origin-isolated pages), 'wasm-simd'
 * is the threads build: the same core, whose dense products fit({ threads }) can share out.
 */
export function loadWasmCore(name: WasmBackend, precision: Precision = 'f64'): Promise<Core> {
  if (typeof WebAssembly !== 'object') return Promise.reject(new Error(NO_WEBASSEMBLY));
  const key = `${name} ${precision}`;
  let core = loading.get(key);
  if (!core) {
    const plain = async () => adaptWasmExports(await instantiateCore(await wasmSource(name, precision)), name, precision);
    core = (name === 'wasm-simd' && threadsSupported() ? loadThreaded(precision).catch(plain) : plain()).catch((error) => {
      loading.delete(key); // let a later call try again
      throw error;
    });
    loading.set(key, core);
  }
  return core;
}

// The threads build with its workers' module; where it cannot be had (an engine that will not
// reserve a shared memory of 4 GiB, a server that does not send its files), the plain SIMD build.
async function loadThreaded(precision: Precision): Promise<Core> {
  const [source, workerModule] = await Promise.all([wasmSource('wasm-threads', precision), compileWorkerModule(precision)]);
  let main: WebAssembly.Module | undefined;
  const e = await instantiateCore(await source, (module) => (main = module));
  // the workers run the main module's code over its memory: of another build or precision (a
  // mixed-up copy of dist/) they would compute something else, or write out of place
  if (buildOf(main!) !== buildOf(workerModule)) throw new Error(`the threads' worker module is of another build (${buildOf(workerModule)}) than the core (${buildOf(main!)})`);
  return adaptWasmExports(e, 'wasm-simd', precision, new ThreadPool(e as unknown as ThreadExports, workerModule));
}

// what scripts/build.js writes into each .wasm: its precision and its build
function buildOf(module: WebAssembly.Module): string {
  const [section] = WebAssembly.Module.customSections(module, 'neural-wasm-core');
  return section ? new TextDecoder().decode(section) : 'unknown';
}
