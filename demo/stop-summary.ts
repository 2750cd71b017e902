// Why a run ended, as the sentence under the status line: "stopped at epoch 57: no improvement in
// the validation loss for 10 epochs; best epoch 47, weights restored". The playground's early
// stopping always restores the best epoch's weights (settings.ts), so the sentence can say so.
import type { FitResult, MonitorName } from 'neural-wasm';

const MONITOR_LABELS: Record<MonitorName, string> = {
  loss: 'the training loss',
  accuracy: 'the training accuracy',
  valLoss: 'the validation loss',
  valAccuracy: 'the validation accuracy',
};

/** Early stopping as the run had it, when it had it. */
export interface Patience {
  patience: number;
  monitor: MonitorName;
}

const format = (n: number) => n.toLocaleString('en-US');

/** The sentence for a finished run; '' for one that ran all its epochs without early stopping. */
export function describeStop(result: Pick<FitResult, 'epochs' | 'stopReason' | 'bestEpoch'>, patience?: Patience): string {
  const epoch = format(result.epochs);
  const best =
    result.bestEpoch === undefined ? '' : result.bestEpoch === result.epochs ? 'the last epoch was the best' : `best epoch ${format(result.bestEpoch)}, weights restored`;
  switch (result.stopReason) {
    case 'noImprovement': {
      const { patience: epochs, monitor } = patience!; // only early stopping stops for this reason
      return `stopped at epoch ${epoch}: no improvement in ${MONITOR_LABELS[monitor]} for ${format(epochs)} epoch${epochs === 1 ? '' : 's'}${best && `; ${best}`}`;
    }
    case 'completed':
      return best && `ran all ${epoch} epochs; ${best}`;
    case 'earlyStop':
      return `stopped at epoch ${epoch}: the thresholds held`;
    case 'diverged':
      return `stopped: the loss became NaN or infinite in epoch ${format(result.epochs + 1)}; the network keeps ${
        result.bestEpoch === undefined ? 'the weights from before it' : `the best epoch's (${format(result.bestEpoch)})`
      } (try a smaller learning rate)`;
    case 'callback':
    case 'aborted':
      return `stopped at epoch ${epoch} before the end`;
  }
}
