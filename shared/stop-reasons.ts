// Why a fit ended, as a sentence for people: "stopped at epoch 57: no improvement in the validation
// loss for 10 epochs; best epoch 47, weights restored". The playground shows it under its status
// line; the CLI's report can say the same once it has early stopping with patience.
import type { FitOptions, FitResult } from 'neural-wasm';

/** The metrics early stopping and the plateau schedule can watch (the library exports no name for them). */
export type MonitorName = NonNullable<NonNullable<FitOptions['earlyStop']>['monitor']>;

export const MONITOR_LABELS: Record<MonitorName, string> = {
  loss: 'the training loss',
  accuracy: 'the training accuracy',
  valLoss: 'the validation loss',
  valAccuracy: 'the validation accuracy',
};

/** How early stopping with patience was set, when it was. */
export interface PatienceSetting {
  patience: number;
  monitor: MonitorName;
  restoreBest: boolean;
}

const count = (n: number, what: string) => `${n.toLocaleString('en-US')} ${what}${n === 1 ? '' : 's'}`;

/** The sentence for a finished fit; '' for one that ran its epochs with nothing to add. */
export function describeStop(result: Pick<FitResult, 'epochs' | 'stopReason' | 'bestEpoch'>, patience?: PatienceSetting): string {
  const epoch = result.epochs.toLocaleString('en-US');
  // with patience, the weights the network ends with: the best epoch's, or the last one's
  let best = '';
  if (patience && result.bestEpoch !== undefined) {
    if (result.bestEpoch === result.epochs) best = 'the last epoch was the best';
    else best = `best epoch ${result.bestEpoch.toLocaleString('en-US')}, ${patience.restoreBest ? 'weights restored' : "the last epoch's weights kept"}`;
  }
  switch (result.stopReason) {
    case 'noImprovement':
      return `stopped at epoch ${epoch}: no improvement in ${MONITOR_LABELS[patience?.monitor ?? 'loss']} for ${count(patience?.patience ?? 0, 'epoch')}${best && `; ${best}`}`;
    case 'completed':
      return best && `ran all ${epoch} epochs; ${best}`;
    case 'earlyStop':
      return `stopped at epoch ${epoch}: the thresholds held`;
    case 'diverged':
      return `stopped: the loss became NaN or infinite in epoch ${(result.epochs + 1).toLocaleString('en-US')}; the network keeps the weights from before it (try a smaller learning rate)`;
    case 'callback':
    case 'aborted':
      return `stopped at epoch ${epoch} before the end`;
  }
}
