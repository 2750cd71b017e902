// A signal while an output is being written (SIGTERM, SIGINT, SIGHUP, SIGQUIT, and the other signals
// that end a process by default: SIGUSR2, SIGALRM, SIGVTALRM, SIGXCPU) leaves no temporary file behind and
// the previous file as it was; the process ends by that signal. The test pauses the command with
// the temporary file written and not yet renamed (NEURAL_WASM_TEST_PAUSE_BEFORE_RENAME), so the
// signal lands there every time.
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { start, finished, tempFolder, writeFile, classesCsv, trainedModel } from './run';

const PAUSED = { env: { NEURAL_WASM_TEST_PAUSE_BEFORE_RENAME: '30000' } };

const temporaryFiles = (folder: string) => readdirSync(folder).filter((name) => name.endsWith('.tmp'));

async function untilTemporaryFile(folder: string): Promise<void> {
  for (let waited = 0; temporaryFiles(folder).length === 0; waited += 20) {
    if (waited > 20_000) throw new Error('no temporary file appeared');
    await sleep(20);
  }
}

describe('signals during a write', () => {
  it.each(['SIGTERM', 'SIGINT', 'SIGHUP', 'SIGQUIT', 'SIGUSR2', 'SIGALRM', 'SIGVTALRM', 'SIGXCPU'] as const)('%s: no temporary file is left, the previous model stays, the process ends by the signal', async (signal) => {
    const folder = tempFolder();
    const data = writeFile(folder, 'data.csv', classesCsv(30, 2));
    const out = writeFile(folder, 'model.json', 'the previous model');
    const child = start(['train', data, '--epochs', '3', '--quiet', '--out', out], PAUSED);
    child.stdin!.end();
    const done = finished(child);
    await untilTemporaryFile(folder);
    child.kill(signal);
    const { signal: endedBy, stderr } = await done;
    expect(stderr).toBe('');
    expect(endedBy).toBe(signal);
    expect(temporaryFiles(folder)).toEqual([]);
    expect(readFileSync(out, 'utf8')).toBe('the previous model');
  });

  it('predict --out: the same while the predictions are written', async () => {
    const { folder, data, model } = await trainedModel(classesCsv(30, 2));
    const out = join(folder, 'predictions.csv');
    const child = start(['predict', '--model', model, data, '--out', out], PAUSED);
    child.stdin!.end();
    const done = finished(child);
    await untilTemporaryFile(folder);
    child.kill('SIGTERM');
    expect((await done).signal).toBe('SIGTERM');
    expect(readdirSync(folder).sort()).toEqual(['data.csv', 'model.json']);
  });
});
