// The CLI's defaults for a data set: its training preset, shared with the playground
// (shared/presets.ts), and how the CLI holds out and scales the rows and keeps from overfitting
// them, which the playground leaves to its controls. Every one can be overridden by its flag. The
// output layer and loss follow the target (neural-wasm/model's outputLayer).
import { type TrainingPreset, trainingPreset } from '../../shared/presets';
import type { BuiltinName } from '../data/builtin-data';
import type { ScalingMethod } from '../data/normalize';

interface RowHandling {
  validationSplit: number;
  normalize: ScalingMethod;
  /** Early stopping on the validation rows (when there are some): epochs without a better loss. */
  patience: number;
  l2: number;
}

export interface Preset extends TrainingPreset, RowHandling {}

// For a CSV file: a little L2 beside early stopping. With the 64 tanh units of shared/presets.ts
// these are the defaults that held up across the public tables of bench/tabular (docs/cli.md: the
// comparison with scikit-learn); the built-in sets keep the tuned presets they had.
const ROWS: RowHandling = { validationSplit: 0.2, normalize: 'standard', patience: 20, l2: 0.001 };

const ROWS_BY_SET: Partial<Record<BuiltinName, Partial<RowHandling>>> = {
  // the tutorial trains on its four points as they are
  xor: { validationSplit: 0, normalize: 'none' },
  // pixels are already in [0, 1]; scaling the rarely-lit border pixels by their tiny spread hurts
  mnist: { normalize: 'none' },
};

export function presetFor(builtin: BuiltinName | undefined): Preset {
  return { ...trainingPreset(builtin), ...ROWS, ...(builtin ? { l2: 0, ...ROWS_BY_SET[builtin] } : {}) };
}
