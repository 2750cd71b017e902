// One preset table for both apps (shared/presets.ts): the CLI takes it as it is; the playground
// changes two sets, for the reasons demo/settings.ts gives; and every playground default learns its
// set on the playground's own terms (every point, unscaled).
import { describe, expect, it } from 'vitest';
import { NeuralNetwork } from 'neural-wasm';
import { classOutput, dataset, datasetDefaults, DATASET_NAMES, type DatasetName } from 'neural-wasm/datasets';
import { trainingPreset } from '../../shared/presets';
import { presetFor } from '../../cli/train/presets';
import { defaultSettings, fitOptions, networkOptions } from '../../demo/settings';

describe('the presets of both apps', () => {
  it("the CLI's are the table's, for every set it has", () => {
    for (const name of [...DATASET_NAMES, 'iris', 'mnist'] as const) expect(presetFor(name)).toMatchObject(trainingPreset(name));
  });

  it("the playground's differ only in XOR's seed (its loss curve) and blobs' run (the tutorial's bubbles)", () => {
    for (const name of DATASET_NAMES) {
      const { dataset: _, core, samples, noise, dataSeed, ...playground } = defaultSettings(name, 'wasm-simd');
      const shared = trainingPreset(name);
      const expected = { ...shared, loss: shared.loss ?? classOutput(datasetDefaults(name).classes).loss, seed: 1 };
      const changed = Object.keys(expected).filter((key) => JSON.stringify(playground[key as keyof typeof playground]) !== JSON.stringify(expected[key as keyof typeof expected]));
      const reasoned: Partial<Record<DatasetName, string[]>> = {
        xor: ['seed'],
        blobs: ['hidden', 'activation', 'init', 'loss', 'optimizer', 'batchSize', 'epochs', 'shuffle'],
      };
      expect(changed.sort(), name).toEqual((reasoned[name] ?? []).sort());
    }
  });

  it.each(DATASET_NAMES)("the playground's %s defaults learn it", async (name) => {
    const settings = defaultSettings(name, 'wasm-simd');
    const data = dataset(name, { samples: settings.samples, noise: settings.noise, seed: settings.dataSeed });
    const net = await NeuralNetwork.create(networkOptions(settings, data.classNames.length));
    net.fit(data.inputs, data.targets, fitOptions(settings));
    expect(net.evaluate(data.inputs, data.targets).accuracy).toBeGreaterThanOrEqual(name === 'spiral' ? 0.99 : 1);
    net.dispose();
  });
});
