// The workers of the threads build: started on demand, kept for the life of the page or process,
// sharing the core's memory. They only ever take shares of the dense products the core hands out
// (assembly/threads.ts), so a fit's weights are the same bits with any number of them, or none:
// until a worker is running, the calling thread does its share too.
import { availableThreads, isNode, nodeModule } from './platform.js';
import type { ThreadStart } from './thread-worker.js';

/** What the threads build adds to the core's exports. */
export interface ThreadExports {
  memory: WebAssembly.Memory;
  threadControl(): number;
  setThreads(count: number, spins: number): void;
}

// how long a fit in Node waits for new workers to start (they take about 30 ms each)
const START_WAIT_MS = 5000;
// the checks an idle worker makes for the next job before it sleeps (a few tenths of a millisecond)
const SPINS = 200_000;

/** Whether this page or process can share WebAssembly memory with workers. */
export function threadsSupported(): boolean {
  if (typeof SharedArrayBuffer !== 'function' || typeof Atomics !== 'object') return false;
  // browsers give shared memory to cross-origin-isolated pages only (COOP and COEP headers)
  return isNode || (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true;
}

export class ThreadPool {
  readonly #exports: ThreadExports;
  readonly #module: WebAssembly.Module;
  readonly #ready = new Int32Array(new SharedArrayBuffer(4));
  #control = 0;
  #workers = 0;
  #count = 1;

  constructor(exports: ThreadExports, workerModule: WebAssembly.Module) {
    this.#exports = exports;
    this.#module = workerModule;
  }

  /**
   * Uses `count` threads (the caller's included) for the dense products from now on, starting the
   * workers that are missing. In Node it waits for them to run. In a browser a thread may not wait
   * (a page's main thread may not block; a worker that blocks holds up the start of its own
   * workers), so there the products share out to the workers as they come up: see started().
   */
  use(count: number): void {
    if (count > 1) {
      this.#startWorkers(count);
      if (isNode) {
        const deadline = Date.now() + START_WAIT_MS;
        for (let running = Atomics.load(this.#ready, 0); running < this.#workers && Date.now() < deadline; running = Atomics.load(this.#ready, 0)) {
          Atomics.wait(this.#ready, 0, running, deadline - Date.now());
        }
      }
    }
    this.#exports.setThreads(count, count <= availableThreads() ? SPINS : 0);
    this.#count = count;
  }

  /**
   * Starts the workers `count` threads need and resolves once they run (or after START_WAIT_MS):
   * fitAsync's worker awaits it before a fit, so that its first fit has its threads from the start.
   */
  async started(count: number): Promise<void> {
    if (count <= 1) return;
    this.#startWorkers(count);
    const deadline = Date.now() + START_WAIT_MS;
    while (Atomics.load(this.#ready, 0) < count - 1 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  }

  /** The threads sharing the jobs now: the caller and the workers that have started, up to the count in use. */
  inUse(): number {
    return Math.min(this.#count, 1 + Atomics.load(this.#ready, 0));
  }

  // the workers `count` threads need that are not there yet (the calling thread is one of the count)
  #startWorkers(count: number): void {
    if (this.#control === 0) this.#control = this.#exports.threadControl();
    while (this.#workers < count - 1) this.#start();
  }

  #start(): void {
    const start: ThreadStart = { module: this.#module, memory: this.#exports.memory, control: this.#control, ready: this.#ready };
    if (isNode) {
      const { Worker } = nodeModule('node:worker_threads');
      const here = import.meta.url; // through a variable: see src/fit-async.ts
      const worker = new Worker(new URL('./thread-worker.js', here), { workerData: start });
      worker.unref(); // an idle worker does not keep the process alive
    } else {
      const worker = new Worker(new URL('./thread-worker.js', import.meta.url), { type: 'module' });
      worker.postMessage(start);
    }
    this.#workers++;
  }
}
