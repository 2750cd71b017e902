// The worker half of fitAsync (dist/fit-worker.js): rebuilds the network from its parts on the
// same core, runs fit a step at a time, and between steps posts the progress reports (with the
// weights) at most every REPORT_MS (less often for large networks) and lets a 'stop' message in. src/fit-async.ts is the other half.
import { NeuralNetwork as Network, type FitRun, type FitResult } from './network.js';
import { loadWasmCore } from './wasm-core.js';
import { loadJsCore } from './js-core.js';
import { parseFitOptions, type FitProgress } from './options.js';
import type { Backend, Core } from './core.js';
import type { FitRequest, FromWorker, ToWorker } from './fit-async.js';
import type { ModelJSON } from './model-json.js';
import { isNode, nodeModule } from './platform.js';

const REPORT_MS = 40;
const STEP_MS = 5;

const LOADERS: Record<Backend, () => Promise<Core>> = {
  'wasm-simd': () => loadWasmCore('simd'),
  wasm: () => loadWasmCore('baseline'),
  js: loadJsCore,
};

class WorkerNetwork extends Network {
  static on(backend: Backend): typeof WorkerNetwork {
    return class extends WorkerNetwork {
      static {
        this.loadCore = LOADERS[backend];
      }
    };
  }

  static async rebuild({ config, params, rngState }: FitRequest['network']): Promise<WorkerNetwork> {
    return (await this.fromParts(config, params, rngState)) as WorkerNetwork;
  }

  params(): Float64Array {
    return this.copyParams();
  }

  rngState(): ModelJSON['rngState'] {
    return this.generatorState();
  }

  begin(request: FitRequest, onProgress: (progress: FitProgress) => void): FitRun {
    const settings = parseFitOptions({ ...request.options, onProgress: request.reports ? onProgress : undefined });
    const rows = request.inputs.length / this.inputSize;
    return this.beginFitRun({ data: request.inputs, shape: [rows, this.inputSize] }, { data: request.targets, shape: [rows, this.outputSize] }, settings);
  }
}

// a macrotask, so a 'stop' message waiting in the queue is handled before the next step
const nextTask: () => Promise<void> =
  typeof setImmediate === 'function'
    ? () => new Promise((resolve) => setImmediate(resolve))
    : () => {
        const channel = new MessageChannel();
        return new Promise((resolve) => {
          channel.port1.onmessage = () => {
            channel.port1.close();
            resolve();
          };
          channel.port2.postMessage(null);
        });
      };

async function train(request: FitRequest, post: Reply, stopRequested: () => 'aborted' | 'callback' | undefined): Promise<void> {
  const net = await WorkerNetwork.on(request.backend).rebuild(request.network);
  let reports: FitProgress[] = [];
  const run = net.begin(request, (progress) => void reports.push(progress));
  let lastPost = performance.now();
  let postEvery = REPORT_MS;
  const flush = () => {
    const started = performance.now();
    const params = net.params();
    post({ type: 'progress', reports, params }, [params.buffer]);
    reports = [];
    lastPost = performance.now();
    // a post copies every weight (and the main thread copies them again): a large network posts
    // less often, so that posting stays a few percent of the time
    postEvery = Math.max(REPORT_MS, 40 * (lastPost - started));
  };
  // epochs per step, adapted so a step takes about STEP_MS: short enough for a stop to be heard
  // soon, long enough that stepping costs nothing (progress reports may make steps shorter)
  let most = 1;
  let result!: FitResult;
  try {
    for (;;) {
      const reason = stopRequested();
      if (reason) run.stop(reason);
      const started = performance.now();
      if (!run.step(most)) break;
      const took = performance.now() - started;
      most = took < STEP_MS / 2 ? Math.min(most * 2, 1 << 20) : took > STEP_MS * 2 ? Math.max(most >> 1, 1) : most;
      if (performance.now() - lastPost < postEvery) continue;
      flush();
      await nextTask();
    }
  } finally {
    result = run.finish();
  }
  if (reports.length > 0) flush();
  const params = net.params();
  post({ type: 'done', result, params, rngState: net.rngState() }, [params.buffer, result.loss.buffer, result.accuracy.buffer]);
  net.dispose();
}

type Post = (message: FromWorker, transfer?: Transferable[]) => void;
// what train posts: a message without its fit's number
type Reply = (message: DistributiveOmit<FromWorker, 'fit'>, transfer?: Transferable[]) => void;
type DistributiveOmit<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;

// One fit at a time (the main thread gives a worker one fit at a time); a stop counts only for
// the fit it names, so one that arrives late is not taken for the next fit's.
function listen(on: (handler: (message: ToWorker) => void) => void, post: Post): void {
  let current = 0;
  let stop: 'aborted' | 'callback' | undefined;
  on((message) => {
    if (message.type === 'stop') {
      if (message.fit === current) stop ??= message.reason;
      return;
    }
    const fit = message.fit;
    current = fit;
    stop = undefined;
    const reply: Reply = (m, transfer) => post({ ...m, fit } as FromWorker, transfer);
    train(message.request, reply, () => (current === fit ? stop : undefined)).catch((error: Error) => {
      reply({ type: 'error', name: error?.name ?? 'Error', message: error?.message ?? String(error) });
    });
  });
}

if (isNode) {
  const { parentPort } = nodeModule('node:worker_threads');
  if (parentPort) {
    listen((handler) => parentPort.on('message', handler), (message, transfer) => parentPort.postMessage(message, transfer as any));
  }
} else {
  // a dedicated worker's global scope (typed by hand: the DOM and WebWorker libs clash)
  const scope = self as unknown as {
    onmessage: ((event: MessageEvent) => void) | null;
    postMessage(message: unknown, transfer: Transferable[]): void;
  };
  listen((handler) => (scope.onmessage = (event) => handler(event.data)), (message, transfer) => scope.postMessage(message, transfer ?? []));
}
