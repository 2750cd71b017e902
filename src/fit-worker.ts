// The worker half of fitAsync (dist/fit-worker.js): makes the network from its parts in the same
// core, runs its fit (src/fit.ts) a step at a time, and between steps posts the progress reports
// (with the weights) at most every REPORT_MS (less often for large networks) and lets a 'stop'
// message in. src/fit-async.ts is the other half.
import { createNetworkIn, generatorState } from './core.js';
import { loadCore } from './load-core.js';
import { FitRun, type FitResult } from './fit.js';
import type { FitProgress } from './fit-options.js';
import type { FitRequest, FromWorker, ToWorker } from './fit-async.js';
import { putFitData, packedFitData } from './fit-data.js';
import { isNode, nextTask, nodeModule } from './platform.js';

const REPORT_MS = 40;
const STEP_MS = 5;

async function train(request: FitRequest, post: Reply, stopRequested: () => 'aborted' | 'callback' | undefined): Promise<void> {
  const core = await loadCore(request.backend, request.network.config.precision);
  // a worker may wait for its own workers only this way (blocking would hold up their start), so
  // the fit's threads are up before it begins, and its first fit is as fast as its next
  const { threads, batchSize } = request.settings;
  if (batchSize > 1) await core.startThreads(threads);
  const { config, params, rngState } = request.network;
  const net = createNetworkIn(core, config);
  try {
    core.networkParams(net).set(params);
    core.setRngState(net, ...rngState);
    // the data and the settings were checked on the main thread: they go in as they came
    const data = packedFitData(config.layers[0], request.inputs, request.targets, request.validationInputs, request.validationTargets);
    putFitData(core, net, data);
    let reports: FitProgress[] = [];
    const settings = { ...request.settings, onProgress: request.reports ? (progress: FitProgress) => void reports.push(progress) : undefined };
    const run = new FitRun(core, net, data.rows, data.validationRows, settings);
    const weights = () => core.networkParams(net).slice();
    let lastPost = performance.now();
    let postEvery = REPORT_MS;
    const flush = () => {
      const started = performance.now();
      const params = weights();
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
    let result: FitResult;
    try {
      for (;;) {
        const reason = stopRequested();
        if (reason) run.stop(reason);
        const started = performance.now();
        if (!run.step(most)) break;
        const took = performance.now() - started;
        most = took < STEP_MS / 2 ? Math.min(most * 2, 1 << 20) : took > STEP_MS * 2 ? Math.max(most >> 1, 1) : most;
        if (performance.now() - lastPost >= postEvery) flush();
        // a task's turn after every step (a few milliseconds), so a 'stop' is heard after the step it came in
        await nextTask();
      }
    } finally {
      result = run.finish();
    }
    if (reports.length > 0) flush();
    const final = weights();
    post({ type: 'done', result, params: final, rngState: generatorState(core, net) }, [final.buffer, result.loss.buffer, result.accuracy.buffer]);
  } finally {
    core.disposeNetwork(net);
    core.collect();
  }
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
