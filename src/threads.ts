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

// how long a fit in Node waits for new workers to start (they take about 30 ms each); once, and not
// again after a wait ran out (the jobs then share out to whichever workers have come up)
const START_WAIT_MS = 5000;
// the checks an idle worker makes for the next job before it sleeps (a few tenths of a millisecond)
const SPINS = 200_000;

/** Whether this page or process can share WebAssembly memory with workers. */
export function threadsSupported(): boolean {
  if (typeof SharedArrayBuffer !== 'function' || typeof Atomics !== 'object') return false;
  // browsers give shared memory to cross-origin-isolated pages only (COOP and COEP headers)
  return isNode || (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true;
}

const READY = 0;
const FAILED = 1;

export class ThreadPool {
  readonly #exports: ThreadExports;
  readonly #module: WebAssembly.Module;
  // [READY] counts the workers that run, [FAILED] those that could not start (src/thread-worker.ts)
  readonly #ready = new Int32Array(new SharedArrayBuffer(8));
  #control = 0;
  #workers = 0;
  #count = 1;
  // a worker failed (to start, or later): from then on every job runs on the calling thread, which
  // gives the same bits; a worker that cannot start once would not start on a retry either
  #failed = false;
  #waitRanOut = false;

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
    if (count > 1 && !this.#failed) {
      this.#startWorkers(count);
      if (isNode && !this.#waitRanOut) {
        const deadline = Date.now() + START_WAIT_MS;
        while (this.#starting() && Date.now() < deadline) Atomics.wait(this.#ready, READY, Atomics.load(this.#ready, READY), deadline - Date.now());
        this.#waitRanOut = this.#starting();
      }
    }
    if (this.#failed || Atomics.load(this.#ready, FAILED) > 0) this.#fail();
    const threads = this.#failed ? 1 : count;
    this.#exports.setThreads(threads, threads <= availableThreads() ? SPINS : 0);
    this.#count = threads;
  }

  /**
   * Starts the workers `count` threads need and resolves once they run (or after START_WAIT_MS):
   * fitAsync's worker awaits it before a fit, so that its first fit has its threads from the start.
   */
  async started(count: number): Promise<void> {
    if (count <= 1) return;
    this.#startWorkers(count);
    const deadline = Date.now() + START_WAIT_MS;
    while (!this.#failed && this.#starting() && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  }

  /** The threads sharing the jobs now: the caller and the workers that have started, up to the count in use. */
  inUse(): number {
    return this.#failed ? 1 : Math.min(this.#count, 1 + Atomics.load(this.#ready, READY));
  }

  // workers started that are neither running nor known to have failed
  #starting(): boolean {
    return Atomics.load(this.#ready, READY) + Atomics.load(this.#ready, FAILED) < this.#workers;
  }

  // Any worker's failure, whenever it comes: no more jobs are handed out, so no block ever waits on
  // a worker that is gone; the fit in progress finishes on the calling thread with the same bits.
  #fail(): void {
    if (this.#failed) return;
    this.#failed = true;
    this.#count = 1;
    this.#exports.setThreads(1, 0);
  }

  // the workers `count` threads need that are not there yet (the calling thread is one of the count)
  #startWorkers(count: number): void {
    if (this.#control === 0) this.#control = this.#exports.threadControl() >>> 0;
    while (!this.#failed && this.#workers < count - 1) this.#start();
  }

  #start(): void {
    const start: ThreadStart = { module: this.#module, memory: this.#exports.memory, control: this.#control, ready: this.#ready };
    const fail = () => this.#fail();
    try {
      if (isNode) {
        const { Worker } = nodeModule('node:worker_threads');
        const here = import.meta.url; // through a variable: see src/fit-async.ts
        const script = new URL('./thread-worker.js', here);
        // a missing file is found only by the worker, which a fit waiting for it blocked cannot hear
        if (!nodeModule('node:fs').existsSync(script)) throw new Error(`${script} is missing`);
        // none of the host's flags: they are for its own entry (--input-type, --eval, a loader),
        // and a worker refuses some of them; this one runs only the core
        const worker = new Worker(script, { workerData: start, execArgv: [] });
        worker.on('error', fail);
        worker.on('exit', fail);
        worker.unref(); // an idle worker does not keep the process alive
      } else {
        const worker = new Worker(new URL('./thread-worker.js', import.meta.url), { type: 'module' });
        worker.onerror = (event) => {
          event.preventDefault();
          fail();
        };
        worker.postMessage(start);
      }
    } catch {
      // no Worker here, or a page whose policy forbids one
      fail();
      return;
    }
    this.#workers++;
  }
}
