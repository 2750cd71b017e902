// The main-thread half of fitAsync: starts dist/fit-worker.js (a Web Worker in browsers, a
// worker_threads worker in Node), hands it the model and the checked data, relays its progress
// and abort, and settles with its result. The worker half is src/fit-worker.ts.
import type { Backend } from './core';
import type { FitResult } from './network';
import type { FitOptions, FitProgress } from './options';
import type { ModelJSON } from './model-json';
import { isNode, nodeModule } from './platform';

export interface FitRequest {
  backend: Backend;
  model: ModelJSON;
  inputs: Float64Array;
  targets: Float64Array;
  /** FitOptions without the functions (they cannot cross to a worker). */
  options: FitOptions;
}

export type FromWorker =
  | { type: 'progress'; reports: FitProgress[]; params: Float64Array }
  | { type: 'done'; result: FitResult; params: Float64Array; rngState: ModelJSON['rngState'] }
  | { type: 'error'; name: string; message: string; stack?: string };

export type ToWorker = { type: 'fit'; request: FitRequest } | { type: 'stop'; reason: 'aborted' | 'callback' };

export interface FitOutcome {
  result: FitResult;
  params: Float64Array;
  rngState: ModelJSON['rngState'];
}

interface Handlers {
  signal?: AbortSignal;
  /** Reports since the last call and the weights after the latest; returns false to stop. */
  onProgress(reports: FitProgress[], params: Float64Array): boolean;
}

// the two kinds of worker behind one shape
interface WorkerPort {
  post(message: ToWorker, transfer?: Transferable[]): void;
  terminate(): void;
}


const ERRORS: Record<string, new (message: string) => Error> = { RangeError, TypeError };

export function isAbortSignal(value: unknown): value is AbortSignal {
  return typeof AbortSignal === 'function' && value instanceof AbortSignal;
}

async function startWorker(onMessage: (message: FromWorker) => void, onFailure: (error: Error) => void): Promise<WorkerPort> {
  if (isNode) {
    const { Worker } = nodeModule('node:worker_threads');
    const worker = new Worker(new URL('./fit-worker.js', import.meta.url));
    worker.on('message', onMessage);
    worker.on('error', onFailure);
    worker.on('exit', (code) => onFailure(new Error(`the worker stopped (exit code ${code})`)));
    return { post: (m, t) => worker.postMessage(m, t as any), terminate: () => void worker.terminate() };
  }
  // this exact spelling lets bundlers (Vite, webpack 5, esbuild with plugins) find and emit the worker
  const worker = new Worker(new URL('./fit-worker.js', import.meta.url), { type: 'module' });
  worker.onmessage = (event) => onMessage(event.data);
  worker.onerror = (event) => {
    event.preventDefault();
    onFailure(new Error(event.message || 'the worker could not be loaded or threw'));
  };
  worker.onmessageerror = () => onFailure(new Error('a message from the worker could not be read'));
  return { post: (m, t) => worker.postMessage(m, t ?? []), terminate: () => worker.terminate() };
}

/** Runs one fit in a new worker; settles once the worker has finished (and is gone). */
export function runFitInWorker(request: FitRequest, handlers: Handlers): Promise<FitOutcome> {
  return new Promise((resolve, reject) => {
    let port: WorkerPort | undefined;
    let settled = false;
    const stop = (reason: 'aborted' | 'callback') => port?.post({ type: 'stop', reason });
    const onAbort = () => stop('aborted');
    const settle = (outcome: FitOutcome | undefined, error?: Error) => {
      if (settled) return;
      settled = true;
      handlers.signal?.removeEventListener('abort', onAbort);
      port?.terminate();
      if (outcome) resolve(outcome);
      else reject(error);
    };
    const onMessage = (message: FromWorker) => {
      if (settled) return;
      try {
        if (message.type === 'progress') {
          if (!handlers.onProgress(message.reports, message.params)) stop('callback');
        } else if (message.type === 'done') {
          settle({ result: message.result, params: message.params, rngState: message.rngState });
        } else {
          const error = new (ERRORS[message.name] ?? Error)(message.message);
          if (!(message.name in ERRORS) && message.name !== 'Error') error.name = message.name;
          settle(undefined, error);
        }
      } catch (error) {
        // onProgress threw: training stops and the call rejects with that error
        settle(undefined, error as Error);
      }
    };
    const onFailure = (error: Error) => settle(undefined, new Error(`fitAsync: training in a worker failed: ${error.message}`, { cause: error }));
    startWorker(onMessage, onFailure).then(
      (started) => {
        port = started;
        if (settled) return port.terminate();
        port.post({ type: 'fit', request }, [request.inputs.buffer, request.targets.buffer]);
        handlers.signal?.addEventListener('abort', onAbort, { once: true });
        if (handlers.signal?.aborted) onAbort();
      },
      onFailure,
    );
  });
}
