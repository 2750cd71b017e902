// One training run on the chosen core: the network from the settings, then fitAsync (training in a
// Web Worker, so the page keeps drawing) with progress reports, timed from the call to the result.
import type { FitProgress, FitResult, NeuralNetwork } from 'neural-wasm';
import type { Dataset } from 'neural-wasm/datasets';
import { networkClass } from '../shared/backends';
import { networkOptions, fitOptions, type Settings } from './settings';

export type Network = NeuralNetwork;

// the chart needs a few thousand points at most: longer runs report every n-th epoch on the way
// (the finished run's curves have every epoch)
const MAX_REPORTS = 4000;

export async function createNetwork(settings: Settings, data: Dataset): Promise<Network> {
  const Network = await networkClass(settings.core);
  return Network.create(networkOptions(settings, data.classNames.length));
}

export interface Trained {
  result: FitResult;
  milliseconds: number;
}

export async function train(
  net: Network,
  data: Dataset,
  settings: Settings,
  signal: AbortSignal,
  onProgress: (progress: FitProgress) => void,
): Promise<Trained> {
  const start = performance.now();
  const result = await net.fitAsync(data.inputs, data.targets, {
    ...fitOptions(settings),
    signal,
    onProgress,
    progressEvery: Math.max(1, Math.ceil(settings.epochs / MAX_REPORTS)),
  });
  return { result, milliseconds: performance.now() - start };
}
