// What `neural-wasm train` prints once the network is trained: the loss curve, the training and
// validation metrics, the confusion matrix of the rows last measured, and the time it took.
import type { NeuralNetwork } from 'neural-wasm';
import { duration } from '../shared/format';
import { type Metrics, measure } from './metrics';
import { confusionTable, lossChart, metricsLine } from './report';
import { print } from './standard-streams';
import type { PreparedSets } from './train-data';
import type { FitRun } from './train-fit';
import type { TrainingPlan } from './train-plan';

export function reportTraining(net: NeuralNetwork, run: FitRun, sets: PreparedSets, plan: TrainingPlan): void {
  const { target } = plan.data;
  print(lossChart(run.result.loss, plan.network.loss) + '\n');
  const trainingMetrics = measure(net, sets.training.inputs, sets.training.targets, sets.training.truth, sets.targetScaling);
  print(metricsLine('training', trainingMetrics, target));
  let shown: Metrics = trainingMetrics;
  if (plan.rows.validation) {
    shown = measure(net, sets.validation.inputs, sets.validation.targets, sets.validation.truth, sets.targetScaling);
    print(metricsLine('validation', shown, target));
  }
  if (target.kind === 'classes' && shown.confusion) {
    print(`\nconfusion matrix, ${shown === trainingMetrics ? 'training' : 'validation'} rows (rows: true class, columns: predicted)`);
    print(confusionTable(shown.confusion, target.classes));
  }
  const { epochs, stopReason } = run.result;
  const stopped = stopReason === 'completed' ? '' : ` (stopped: ${stopReason})`;
  print(`\ntrained ${epochs} epoch${epochs === 1 ? '' : 's'} in ${duration(run.milliseconds, 1)}${stopped}`);
}
