// The main-thread half of fitAsync: runs a fit in dist/fit-worker.js (a Web Worker in browsers, a
// worker_threads worker in Node), hands it the network and the checked data, relays its progress
// and stops, and settles with its result. Workers are kept a few seconds after a fit, so the next
// fitAsync skips the start-up (a new isolate, the core compiled again). The worker half is
// src/fit-worker.ts.
import type { Backend, GeneratorState, RealArray } from './core.js';
import type { FitResult } from './fit.js';
import type { NetworkConfig } from './network-options.js';
import type { FitSettings, FitProgress } from './fit-options.js';
import { isNode, nodeModule } from './platform.js';

export interface FitRequest {
  backend: Backend;
  network: { config: NetworkConfig; params: RealArray; rngState: GeneratorState };
  inputs: RealArray;
  targets: RealArray;
  validationInputs: RealArray;
  validationTargets: RealArray;
  /** The fit's settings as checked on the main thread, without the functions (they cannot cross). */
  settings: FitSettings;
  /** Whether the caller has an onProgress (reports cost a step per progressEvery epochs). */
  reports: boolean;
}

// every message names its fit, so a late 'stop' or report of one fit never reaches the next
export type FromWorker = { fit: number } & (
  | { type: 'progress'; reports: FitProgress[]; params: RealArray }
  | { type: 'done'; result: FitResult; params: RealArray; rngState: GeneratorState }
  | { type: 'error'; name: string; message: string }
);

export type ToWorker = { fit: number } & ({ type: 'fit'; request: FitRequest } | { type: 'stop'; reason: 'aborted' | 'callback' });

export interface FitOutcome {
  result: FitResult;
  params: RealArray;
  rngState: GeneratorState;
}

interface Handlers {
  signal?: AbortSignal;
  /** Reports since the last call and the weights after the latest; returns false to stop. */
  onProgress(reports: FitProgress[], params: RealArray): boolean;
}

// one worker of either kind, whoever is using it now receiving its messages and failures
interface FitWorker {
  post(message: ToWorker, transfer?: Transferable[]): void;
  terminate(): void;
  /** Node: whether the worker keeps the process alive (only while it trains). */
  keepAlive(on: boolean): void;
  onMessage: (message: FromWorker) => void;
  onFailure: (error: Error) => void;
  idleTimer?: ReturnType<typeof setTimeout>;
}

// how long an idle worker is kept for the next fitAsync (it holds the memory of its last fit)
const IDLE_MS = 10_000;
const idle: FitWorker[] = [];
let fits = 0;

const ERRORS: Record<string, new (message: string) => Error> = { RangeError, TypeError };

function startWorker(): FitWorker {
  const fitWorker: FitWorker = {
    post() {},
    terminate() {},
    keepAlive() {},
    onMessage() {},
    onFailure() {},
  };
  const fail = (error: Error) => fitWorker.onFailure(error);
  if (isNode) {
    const { Worker } = nodeModule('node:worker_threads');
    // import.meta.url through a variable: the literal pattern is for browsers' bundlers, which
    // would otherwise copy the file a second time for this Node-only line
    const here = import.meta.url;
    // none of the host's flags (see src/threads.ts): a worker refuses some, such as --input-type
    const worker = new Worker(new URL('./fit-worker.js', here), { execArgv: [] });
    worker.on('message', (message) => fitWorker.onMessage(message));
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the worker stopped (exit code ${code})`)));
    fitWorker.post = (message, transfer) => worker.postMessage(message, transfer as never);
    fitWorker.terminate = () => void worker.terminate();
    fitWorker.keepAlive = (on) => (on ? worker.ref() : worker.unref());
    return fitWorker;
  }
  // this exact spelling lets bundlers (Vite, webpack 5, esbuild with plugins) find and emit the worker
  const worker = new Worker(new URL('./fit-worker.js', import.meta.url), { type: 'module' });
  worker.onmessage = (event) => fitWorker.onMessage(event.data);
  worker.onerror = (event) => {
    event.preventDefault();
    fail(new Error(event.message || 'the worker could not be loaded or threw'));
  };
  worker.onmessageerror = () => fail(new Error('a message from the worker could not be read'));
  fitWorker.post = (message, transfer) => worker.postMessage(message, transfer ?? []);
  fitWorker.terminate = () => worker.terminate();
  return fitWorker;
}

function takeWorker(): FitWorker {
  const worker = idle.pop() ?? startWorker();
  clearTimeout(worker.idleTimer);
  worker.keepAlive(true);
  return worker;
}

function putBack(worker: FitWorker): void {
  worker.onMessage = () => {};
  worker.onFailure = () => discard(worker);
  worker.keepAlive(false);
  worker.idleTimer = setTimeout(() => discard(worker), IDLE_MS);
  // Node: neither the idle worker nor its timer keeps the process alive
  (worker.idleTimer as { unref?: () => void }).unref?.();
  idle.push(worker);
}

function discard(worker: FitWorker): void {
  clearTimeout(worker.idleTimer);
  const at = idle.indexOf(worker);
  if (at >= 0) idle.splice(at, 1);
  worker.onMessage = () => {};
  worker.onFailure = () => {};
  worker.terminate();
}

/** Runs one fit in a worker; settles once the worker has finished with it. */
export function runFitInWorker(request: FitRequest, handlers: Handlers): Promise<FitOutcome> {
  return new Promise((resolve, reject) => {
    const fit = ++fits;
    let worker: FitWorker;
    try {
      worker = takeWorker();
    } catch (error) {
      reject(new Error(`fitAsync: could not start a worker: ${(error as Error).message}`, { cause: error }));
      return;
    }
    let settled = false;
    const stop = (reason: 'aborted' | 'callback') => worker.post({ fit, type: 'stop', reason });
    const onAbort = () => stop('aborted');
    // a worker that finished is reused; one that failed or is still training is not
    const settle = (outcome: FitOutcome | undefined, error?: Error) => {
      if (settled) return;
      settled = true;
      handlers.signal?.removeEventListener('abort', onAbort);
      if (outcome) {
        putBack(worker);
        resolve(outcome);
      } else {
        discard(worker);
        reject(error);
      }
    };
    worker.onMessage = (message) => {
      if (settled || message.fit !== fit) return;
      try {
        if (message.type === 'progress') {
          if (!handlers.onProgress(message.reports, message.params)) stop('callback');
        } else if (message.type === 'done') {
          settle({ result: message.result, params: message.params, rngState: message.rngState });
        } else {
          // (own names only: a name such as 'constructor' is not an error class)
          const known = Object.hasOwn(ERRORS, message.name);
          const error = new (known ? ERRORS[message.name] : Error)(String(message.message));
          if (!known && message.name !== 'Error') error.name = String(message.name);
          settle(undefined, error);
        }
      } catch (error) {
        // onProgress threw: training stops and the call rejects with that error
        settle(undefined, error as Error);
      }
    };
    worker.onFailure = (error) =>
      settle(undefined, new Error(`fitAsync: training in a worker failed: ${error.message}`, { cause: error }));
    const transfer = [request.network.params, request.inputs, request.targets, request.validationInputs, request.validationTargets];
    worker.post({ fit, type: 'fit', request }, transfer.map((array) => array.buffer));
    handlers.signal?.addEventListener('abort', onAbort, { once: true });
    if (handlers.signal?.aborted) onAbort();
  });
}
