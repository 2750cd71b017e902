// `neural-wasm train`'s training run: fit as planned, with a progress bar that shows the validation
// accuracy too, and the validation loss at each report for the loss plot.
import type { FitResult, NeuralNetwork } from 'neural-wasm';
import type { PreparedSets } from './train-data';
import type { TrainingPlan } from './train-plan';
import { startProgress } from './progress';

export interface FitRun {
  result: FitResult;
  /** [epoch, validation loss] at every progress report (none without validation rows). */
  validationLoss: [number, number][];
  milliseconds: number;
}

export function fitWithProgress(net: NeuralNetwork, sets: PreparedSets, plan: TrainingPlan, quiet: boolean): FitRun {
  const { training, validation, isClasses } = sets;
  const validationLoss: [number, number][] = [];
  const progress = startProgress(plan.fit.epochs, quiet);
  const started = performance.now();
  const result = net.fit(training.inputs, training.targets, {
    ...plan.fit,
    earlyStop: plan.earlyStop,
    progressEvery: plan.progressEvery,
    onProgress: ({ epoch, loss, accuracy }) => {
      let validationAccuracy: number | undefined;
      if (plan.rows.validation) {
        const measured = net.evaluate(validation.inputs, validation.targets);
        validationLoss.push([epoch, measured.loss]);
        if (isClasses) validationAccuracy = measured.accuracy;
      }
      progress.update({ epoch, loss, accuracy: isClasses ? accuracy : undefined, validationAccuracy });
    },
  });
  const milliseconds = performance.now() - started;
  progress.stop();
  if (result.stopReason === 'diverged') {
    process.stderr.write(
      `neural-wasm: warning: the loss became NaN or infinite in epoch ${result.epochs + 1}; the model keeps the weights from before it (try a smaller --learning-rate)\n`,
    );
  }
  return { result, validationLoss, milliseconds };
}
