// What `neural-wasm train` prints once the network is trained: the loss curves, the training and
// validation metrics, the confusion matrix of the rows last measured, and how training ended.
import type { FitResult, NeuralNetwork } from 'neural-wasm';
import { duration } from '../../shared/format';
import { type Metrics, measure } from '../results/metrics';
import { confusionReport, lossChart, metricsLine } from '../results/report';
import { print } from '../io/standard-streams';
import type { PreparedSets } from './data';
import type { FitRun } from './fit';
import type { TrainingPlan } from './plan';

export function reportTraining(net: NeuralNetwork, run: FitRun, sets: PreparedSets, plan: TrainingPlan): void {
  const { target } = plan.data;
  const { result } = run;
  print(lossChart({ training: result.loss, validation: result.valLoss, bestEpoch: result.bestEpoch }, plan.network.loss) + '\n');
  const trainingMetrics = measure(net, sets.training.inputs, sets.training.targets, sets.training.truth, sets.targetScaling);
  print(metricsLine('training', trainingMetrics, target));
  let shown: Metrics = trainingMetrics;
  if (plan.rows.validation) {
    shown = measure(net, sets.validation.inputs, sets.validation.targets, sets.validation.truth, sets.targetScaling);
    print(metricsLine('validation', shown, target));
  }
  if (target.kind === 'classes' && shown.confusion) {
    print(`\n${confusionReport(shown.confusion, target.classes, `${shown === trainingMetrics ? 'training' : 'validation'} rows`)}`);
  }
  print(`\n${howItEnded(result, plan, run.milliseconds)}`);
}

/** `trained 57 of 500 epochs in 1.2 s (...); best epoch 37 of 57, validation loss 0.0523: the model has its weights`. */
export function howItEnded(result: FitResult, plan: TrainingPlan, milliseconds: number): string {
  const { epochs, stopReason, bestEpoch } = result;
  const asked = plan.fit.epochs;
  const ran = epochs === asked ? `${epochs} epoch${epochs === 1 ? '' : 's'}` : `${epochs} of ${asked} epochs`;
  const patience = plan.earlyStop?.patience;
  const watched = result.valLoss ? 'validation loss' : 'training loss';
  const why = stopReason === 'noImprovement' ? `no better ${watched} in ${patience} epochs` : stopReason;
  const threads = result.threads > 1 ? ` on ${result.threads} threads` : '';
  let line = `trained ${ran} in ${duration(milliseconds, 1)}${threads}${stopReason === 'completed' ? '' : ` (stopped: ${why})`}`;
  if (bestEpoch !== undefined) {
    const best = (result.valLoss ?? result.loss)[bestEpoch - 1];
    const kept = plan.earlyStop?.restoreBest === false ? 'the model has the last epoch\'s weights' : 'the model has its weights';
    line += `\nbest epoch ${bestEpoch} of ${epochs}, ${watched} ${best.toPrecision(4)}: ${kept}`;
  }
  return line;
}
