// A metric watched epoch by epoch, for early stopping with patience and for reduce-on-plateau:
// which epoch was best, and how many epochs have gone by since (Keras' and scikit-learn's rule:
// an improvement is a change of more than minDelta in the right direction).
import { MONITOR_LOSS, MONITOR_ACCURACY, MONITOR_VAL_LOSS, MONITOR_VAL_ACCURACY } from './codes';

export class Watch {
  monitor: i32; // codes.ts: MONITOR_*
  minDelta: f64;
  best: f64;
  bestEpoch: i32 = -1;
  wait: i32 = 0; // epochs since the best

  constructor(monitor: i32, minDelta: f64) {
    this.monitor = monitor;
    this.minDelta = minDelta;
    this.best = this.higherIsBetter() ? -Infinity : Infinity;
  }

  higherIsBetter(): bool {
    return this.monitor == MONITOR_ACCURACY || this.monitor == MONITOR_VAL_ACCURACY;
  }

  /** The metric of an epoch; true when it is the best so far by more than minDelta. */
  observe(value: f64, epoch: i32): bool {
    const better = this.higherIsBetter() ? value > this.best + this.minDelta : value < this.best - this.minDelta;
    if (better) {
      this.best = value;
      this.bestEpoch = epoch;
      this.wait = 0;
    } else {
      this.wait++;
    }
    return better;
  }
}

/** The monitored metric among an epoch's four. */
export function metricOf(monitor: i32, loss: f64, accuracy: f64, valLoss: f64, valAccuracy: f64): f64 {
  if (monitor == MONITOR_LOSS) return loss;
  if (monitor == MONITOR_ACCURACY) return accuracy;
  if (monitor == MONITOR_VAL_LOSS) return valLoss;
  return valAccuracy;
}
