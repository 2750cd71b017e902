// The playground (demo/, `npm run demo`) end to end: built with Vite as `npm run demo:build` builds
// it, served, and driven in headless Chromium like a user: Train on the tutorial's XOR until the
// accuracy reads 100%, with the loss curve and the decision regions drawn; then the pure-JS core and
// the Compare button; then a validation share with early stopping (the validation curve, the best
// epoch and why it stopped), a learning-rate schedule, and the form's refusal of bad values in the
// new fields. Leaves screenshots in test-results/: playground.png (docs/playground.png, the
// README's, is a copy of one) and playground-validation.png (docs/ has a copy of one too).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, preview, type PreviewServer } from 'vite';
import { chromium, type Browser, type Page } from 'playwright-core';
import { chromiumLaunchOptions } from '../chromium';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const path = (relative: string) => fileURLToPath(new URL(`../../${relative}`, import.meta.url));
const configFile = path('demo/vite.config.ts');
const outDir = path('test-results/playground-site');
const screenshot = path('test-results/playground.png');
const validationScreenshot = path('test-results/playground-validation.png');

let server: PreviewServer;
let url: string;
let browser: Browser;

beforeAll(async () => {
  await build({ configFile, logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  server = await preview({ configFile, logLevel: 'warn', build: { outDir }, preview: { port: 0, host: '127.0.0.1' } });
  url = server.resolvedUrls!.local[0];
  browser = await chromium.launch(chromiumLaunchOptions());
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** A fresh page at laptop size, and the errors it logs or throws. */
async function openPlayground(): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => void (message.type() === 'error' && problems.push(`console error: ${message.text()}`)));
  page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()}`));
  await page.goto(url);
  await page.waitForFunction(() => document.querySelector('#status')?.textContent === 'ready');
  return { page, problems };
}

/** Waits until the run that `press` starts has finished, and returns its status and accuracy. */
async function trainUntilDone(page: Page, press: string, runs: number): Promise<{ status: string; accuracy: string }> {
  await page.click(press);
  await page.waitForFunction(
    (count) => document.querySelectorAll('#times tbody tr').length === count && !document.querySelector<HTMLButtonElement>('#train')!.disabled,
    runs,
    { timeout: 60_000 },
  );
  return { status: (await page.textContent('#status'))!, accuracy: (await page.textContent('#accuracy'))! };
}

/** The regions plot's colour family (blue for class 0, orange for class 1) at the given data coordinates. */
function readRegions(page: Page, points: [number, number][]): Promise<string[]> {
  return page.evaluate((points) => {
    const regions = document.querySelector<HTMLCanvasElement>('#regions')!;
    const box = JSON.parse(regions.dataset.plot!);
    const scale = regions.width / regions.getBoundingClientRect().width;
    return points.map(([x, y]) => {
      const sx = Math.round(scale * (box.left + ((x - box.x0) / (box.x1 - box.x0)) * box.width));
      const sy = Math.round(scale * (box.top + ((box.y1 - y) / (box.y1 - box.y0)) * box.height));
      const [r, , b] = regions.getContext('2d')!.getImageData(sx, sy, 1, 1).data;
      return b - r > 20 ? 'blue' : r - b > 20 ? 'orange' : 'neutral';
    });
  }, points);
}

/** How many of the loss chart's canvas pixels are within 30 of a colour in each channel. */
function countChartPixels(page: Page, hex: string): Promise<number> {
  return page.evaluate((hex) => {
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
    const chart = document.querySelector<HTMLCanvasElement>('#loss-chart canvas')!;
    const pixels = chart.getContext('2d')!.getImageData(0, 0, chart.width, chart.height).data;
    let count = 0;
    for (let i = 0; i < pixels.length; i += 4) {
      if (Math.abs(pixels[i] - r) < 30 && Math.abs(pixels[i + 1] - g) < 30 && Math.abs(pixels[i + 2] - b) < 30) count++;
    }
    return count;
  }, hex);
}

// demo/loss-chart.ts's colours: the loss (tab10's blue, as the tutorial's losses.png), the
// validation loss (its cyan) and the best epoch's line (its green)
const LOSS_COLOUR = '#1f77b4';
const VAL_LOSS_COLOUR = '#17becf';
const BEST_EPOCH_COLOUR = '#2ca02c';

/** Picks a data set and waits for its untrained network (the core shows '–' until it is made). */
async function pickDataset(page: Page, name: string): Promise<void> {
  await page.selectOption('#dataset', name);
  await page.waitForFunction(
    () => document.querySelector('#status')?.textContent === 'ready' && document.querySelector('#backend')?.textContent !== '–',
  );
}

describe('the playground (npm run demo)', () => {
  it('trains the tutorial XOR network on the WASM core to 100% accuracy, drawing the loss curve and the regions', async () => {
    const { page, problems } = await openPlayground();
    try {
      // the defaults are the tutorial's
      expect(await page.inputValue('#dataset')).toBe('xor');
      expect(await page.inputValue('#hidden')).toBe('3');
      expect(await page.inputValue('#epochs')).toBe('6000');
      expect(await page.isChecked('#core-wasm')).toBe(true);
      expect(await page.isDisabled('#validation')).toBe(true); // XOR's four points are all needed

      const { status, accuracy } = await trainUntilDone(page, '#train', 1);
      expect(status).toBe('trained');
      expect(accuracy).toBe('100.0%');
      expect(await page.textContent('#epoch')).toBe('6,000 / 6,000');
      expect(await page.textContent('#backend')).toMatch(/^wasm/);
      expect(Number(await page.textContent('#loss-value'))).toBeLessThan(0.01);

      // the tutorial's picture: XOR's two diagonal classes, read just outside each point's corner
      const colours = await readRegions(page, [[-0.1, -0.1], [1.1, 1.1], [-0.1, 1.1], [1.1, -0.1], [0.5, 0.5]]);
      expect(colours).toEqual(['blue', 'blue', 'orange', 'orange', 'orange']);
      expect(await countChartPixels(page, LOSS_COLOUR)).toBeGreaterThan(300); // a curve across the chart, not a dot
      expect(problems).toEqual([]);

      mkdirSync(path('test-results'), { recursive: true });
      await page.screenshot({ path: screenshot });
    } finally {
      await page.close();
    }
  });

  it('trains on the pure-JS core too, and the runs table times each core', async () => {
    const { page, problems } = await openPlayground();
    try {
      await page.check('#core-js');
      const { status, accuracy } = await trainUntilDone(page, '#train', 1);
      expect([status, accuracy]).toEqual(['trained', '100.0%']);
      expect(await page.textContent('#backend')).toBe('js');

      // Compare: the same settings on the WASM core, then on the JS core
      await trainUntilDone(page, '#compare', 3);
      const rows = await page.$$eval('#times tbody tr', (trs) =>
        (trs as HTMLTableRowElement[]).map((tr) => ({ core: tr.dataset.core, label: tr.cells[1].textContent, accuracy: tr.cells[5].textContent, time: tr.cells[6].textContent })),
      );
      // newest first
      expect(rows.map((row) => row.core)).toEqual(['js', 'wasm-simd', 'js']);
      // online SGD (XOR's batches of 1) trains on one thread, whatever the page allows
      expect(rows.map((row) => row.label)).toEqual(['pure JS', 'WASM SIMD', 'pure JS']);
      for (const row of rows) {
        expect(row.accuracy).toBe('100.0%');
        expect(row.time).toMatch(/^\d+ ms$|^\d+\.\d\d s$/);
      }
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('holds out a validation share and stops early with patience: the validation curve, the best epoch and why it stopped', async () => {
    const { page, problems } = await openPlayground();
    try {
      await pickDataset(page, 'spiral'); // 300 points, 3 classes: its validation loss turns up within a few dozen epochs
      expect(await page.inputValue('#validation')).toBe('0'); // off unless asked for
      expect(await page.inputValue('#patience')).toBe('');
      await page.selectOption('#validation', '0.2');
      await page.fill('#patience', '10');

      const { status } = await trainUntilDone(page, '#train', 1);
      expect(status).toBe('stopped early');
      const summary = (await page.textContent('#stop-summary'))!;
      const stopped = /^stopped at epoch (\d+): no improvement in the validation loss for 10 epochs; best epoch (\d+), weights restored$/.exec(summary);
      expect(stopped, summary).not.toBeNull();
      const [stopEpoch, bestEpoch] = [Number(stopped![1]), Number(stopped![2])];
      expect(stopEpoch).toBeLessThan(300);
      expect(stopEpoch - bestEpoch).toBe(10); // ten epochs in a row without an improvement after the best
      expect(await page.textContent('#epoch')).toBe(`${stopEpoch} / 300`);

      // the chart: the validation loss beside the loss, and the best epoch's line
      expect(await page.getAttribute('#loss-chart', 'data-best-epoch')).toBe(String(bestEpoch));
      expect(await countChartPixels(page, VAL_LOSS_COLOUR)).toBeGreaterThan(300);
      expect(await countChartPixels(page, BEST_EPOCH_COLOUR)).toBeGreaterThan(100);
      expect(await page.textContent('#loss-chart .u-legend')).toContain('val loss');

      // the status line and the runs table have the validation figures
      expect(await page.textContent('#val-loss')).toMatch(/^\d\.\d+$/);
      expect(await page.textContent('#val-accuracy')).toMatch(/^\d+\.\d%$/);
      const row = await page.$eval('#times tbody tr', (tr) => [...(tr as HTMLTableRowElement).cells].map((cell) => cell.textContent));
      expect(row[3]).toBe(`${stopEpoch} (no improvement, best ${bestEpoch})`);
      // the server sends COOP and COEP: the page is cross-origin isolated, so the WASM core trains
      // its mini-batches on every core the browser reports
      const { isolated, cores } = await page.evaluate(() => ({ isolated: crossOriginIsolated, cores: navigator.hardwareConcurrency }));
      expect(isolated).toBe(true);
      expect(row[1]).toBe(cores > 1 ? `WASM SIMD, ${cores} threads` : 'WASM SIMD');
      expect(row[8]).toMatch(/^\d\.\d+$/);
      expect(row[9]).toMatch(/^\d+\.\d%$/);

      // the regions mark the 60 held-out points (20% of each class's 100)
      expect(await page.getAttribute('#regions', 'data-held-out')).toBe('60');
      expect(problems).toEqual([]);

      mkdirSync(path('test-results'), { recursive: true });
      await page.screenshot({ path: validationScreenshot });
    } finally {
      await page.close();
    }
  });

  it('trains with a learning-rate schedule, showing its fields and the rate each epoch ran at', async () => {
    const { page, problems } = await openPlayground();
    try {
      await pickDataset(page, 'moons');
      expect(await page.inputValue('#schedule')).toBe('constant');
      expect(await page.isVisible('#step-factor')).toBe(false);

      // only the chosen schedule's fields show
      await page.selectOption('#schedule', 'cosine');
      expect(await page.isVisible('#cosine-floor')).toBe(true);
      await page.selectOption('#schedule', 'step');
      expect(await page.isVisible('#cosine-floor')).toBe(false);

      // step: halve the rate every 50 epochs; the last of the 200 runs at 0.01 / 2^3
      await page.fill('#step-factor', '0.5');
      await page.fill('#step-every', '50');
      const { status, accuracy } = await trainUntilDone(page, '#train', 1);
      expect(status).toBe('trained');
      expect(await page.textContent('#form-error')).toBe('');
      expect(await page.textContent('#epoch')).toBe('200 / 200');
      expect(await page.textContent('#rate')).toBe('0.00125');
      expect(parseFloat(accuracy)).toBeGreaterThan(95);
      expect(await page.textContent('#times tbody tr td:nth-child(3)')).toContain('step ×0.5 every 50');
      // no validation data: no validation figures or curve, no best epoch, no summary to add
      expect(await page.isVisible('#val-loss')).toBe(false);
      expect(await countChartPixels(page, VAL_LOSS_COLOUR)).toBeLessThan(20);
      expect(await page.getAttribute('#loss-chart', 'data-best-epoch')).toBeNull();
      expect(await page.getAttribute('#regions', 'data-held-out')).toBe('0');
      expect(await page.textContent('#stop-summary')).toBe('');
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('refuses a bad value in a new field with the message that names it, and starts no run', async () => {
    const { page, problems } = await openPlayground();
    try {
      await pickDataset(page, 'moons'); // 16,16 hidden, adam at 0.01
      // [what to set, the message]; each case starts from the data set's settings
      const cases: [Record<string, string>, string][] = [
        [{ '#dropout': '1' }, 'dropout: a number from 0 to 0.95'],
        [{ '#dropout': '0.2', '#hidden': '' }, 'dropout: 0 for a network without hidden layers (it drops hidden outputs)'],
        [{ '#patience': '0' }, 'patience (empty for off): a whole number from 1 to 1,000,000'],
        [{ '#patience': '2.5' }, 'patience (empty for off): a whole number from 1 to 1,000,000'],
        [{ '#schedule': 'step', '#step-every': '0' }, 'step every: a whole number from 1 to 1,000,000'],
        [{ '#schedule': 'exponential', '#exponential-factor': '0' }, 'exponential factor: a number above 0 up to 1'],
        [{ '#schedule': 'cosine', '#cosine-floor': '1' }, 'cosine floor (up to the learning rate): a number from 0 to 0.01'],
        [{ '#schedule': 'plateau', '#plateau-factor': '' }, 'plateau factor: a number above 0 up to 1'],
      ];
      for (const [fields, message] of cases) {
        await pickDataset(page, 'xor'); // a change of data set writes its settings afresh
        await pickDataset(page, 'moons');
        for (const [field, value] of Object.entries(fields)) {
          if (field === '#schedule') await page.selectOption(field, value);
          else await page.fill(field, value);
        }
        await page.click('#train');
        expect(await page.textContent('#form-error'), JSON.stringify(fields)).toBe(message);
        expect(await page.textContent('#status')).toBe('error');
        expect(await page.isDisabled('#train')).toBe(false); // nothing is training
      }
      expect(await page.$$eval('#times tbody tr', (trs) => trs.length)).toBe(0);
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
