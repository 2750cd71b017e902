// `neural-wasm train`'s training run: fit as planned, the validation rows measured by the library
// after every epoch (they drive early stopping), with a progress bar that shows them too.
import type { FitResult, NeuralNetwork } from 'neural-wasm';
import type { PreparedSets } from './data';
import type { TrainingPlan } from './plan';
import { startProgress } from '../results/progress';

export interface FitRun {
  result: FitResult;
  milliseconds: number;
}

export function fitWithProgress(
  net: NeuralNetwork, sets: PreparedSets, plan: TrainingPlan, quiet: boolean, threads: number | 'auto' | undefined,
): FitRun {
  const { training, validation, isClasses } = sets;
  const progress = startProgress(plan.fit.epochs, quiet);
  const started = performance.now();
  const result = net.fit(training.inputs, training.targets, {
    ...plan.fit,
    earlyStop: plan.earlyStop,
    validationData: plan.rows.validation ? { inputs: validation.inputs, targets: validation.targets } : undefined,
    progressEvery: plan.progressEvery,
    threads,
    onProgress: ({ epoch, loss, accuracy, valLoss, valAccuracy }) => {
      progress.update({ epoch, loss, accuracy: isClasses ? accuracy : undefined, valLoss, valAccuracy: isClasses ? valAccuracy : undefined });
    },
  });
  const milliseconds = performance.now() - started;
  progress.stop();
  if (result.stopReason === 'diverged') {
    const best = result.bestEpoch !== undefined && plan.earlyStop?.restoreBest !== false;
    const kept = best ? `the best epoch's weights (epoch ${result.bestEpoch})` : 'the weights from before it';
    process.stderr.write(
      `neural-wasm: warning: the loss became NaN or infinite in epoch ${result.epochs + 1}; the model keeps ${kept} (try a smaller --learning-rate, or --clip-norm)\n`,
    );
  }
  return { result, milliseconds };
}
