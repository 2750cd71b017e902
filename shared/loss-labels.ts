// The losses as people read them: in full (the CLI's reports and plots), brief (the playground's
// narrow loss menu) and as an abbreviation (the playground's one-line run summaries).
import type { LossName } from 'neural-wasm';

export const LOSS_LABELS: Record<LossName, { full: string; brief: string; abbreviation: string }> = {
  mse: { full: 'MSE', brief: 'MSE', abbreviation: 'mse' },
  binaryCrossEntropy: { full: 'binary cross-entropy', brief: 'binary CE', abbreviation: 'bce' },
  crossEntropy: { full: 'cross-entropy', brief: 'cross-entropy', abbreviation: 'ce' },
};

/** A loss's full label; a name the library does not have (from an edited model file) as it is. */
export function lossLabel(name: string): string {
  return Object.hasOwn(LOSS_LABELS, name) ? LOSS_LABELS[name as LossName].full : name;
}
