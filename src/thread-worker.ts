// One thread of the threads build (dist/thread-worker.js): instantiates the worker module
// (assembly/thread-worker.ts) over the main module's shared memory, says it is ready, and runs its
// loop, which takes shares of the big dense products and optimizer steps for the life of the page
// or process. src/threads.ts starts it.
import { isNode, nodeModule } from './platform.js';

export interface ThreadStart {
  module: WebAssembly.Module;
  memory: WebAssembly.Memory;
  control: number;
  /**
   * Int32Array over a SharedArrayBuffer: [0] counts the workers that are running, [1] those that
   * could not start (either wakes a thread waiting on [0]).
   */
  ready: Int32Array;
}

function run({ module, memory, control, ready }: ThreadStart): void {
  let instance: WebAssembly.Instance;
  try {
    instance = new WebAssembly.Instance(module, { env: { memory } });
  } catch (error) {
    // said through the shared memory too: a fit in Node waits for its workers blocked, deaf to events
    Atomics.add(ready, 1, 1);
    Atomics.notify(ready, 0);
    throw error;
  }
  Atomics.add(ready, 0, 1);
  Atomics.notify(ready, 0);
  (instance.exports.workerLoop as (control: number) => void)(control);
}

if (isNode) run(nodeModule('node:worker_threads').workerData as ThreadStart);
else self.onmessage = (event: MessageEvent<ThreadStart>) => run(event.data);
