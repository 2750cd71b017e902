// The playground (demo/, `npm run demo`) end to end: built with Vite as `npm run demo:build` builds
// it, served, and driven in headless Chromium like a user: Train on the tutorial's XOR until the
// accuracy reads 100%, with the loss curve and the decision regions drawn; then the pure-JS core and
// the Compare button. Leaves a screenshot in test-results/playground.png (docs/playground.png, the
// README's, is a copy of one).
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

/**
 * The regions plot's colour family (blue for class 0, orange for class 1) at the given data
 * coordinates, and the count of the loss curve's blue pixels in the chart.
 */
function readPlots(page: Page, points: [number, number][]) {
  return page.evaluate((points) => {
    const regions = document.querySelector<HTMLCanvasElement>('#regions')!;
    const box = JSON.parse(regions.dataset.plot!);
    const scale = regions.width / regions.getBoundingClientRect().width;
    const colours = points.map(([x, y]) => {
      const sx = Math.round(scale * (box.left + ((x - box.x0) / (box.x1 - box.x0)) * box.width));
      const sy = Math.round(scale * (box.top + ((box.y1 - y) / (box.y1 - box.y0)) * box.height));
      const [r, , b] = regions.getContext('2d')!.getImageData(sx, sy, 1, 1).data;
      return b - r > 20 ? 'blue' : r - b > 20 ? 'orange' : 'neutral';
    });
    // uPlot draws its series on one canvas; the loss stroke is #1f77b4
    const chart = document.querySelector<HTMLCanvasElement>('#loss-chart canvas')!;
    const line = chart.getContext('2d')!.getImageData(0, 0, chart.width, chart.height).data;
    let lossPixels = 0;
    for (let i = 0; i < line.length; i += 4) {
      if (Math.abs(line[i] - 31) < 30 && Math.abs(line[i + 1] - 119) < 30 && Math.abs(line[i + 2] - 180) < 30) lossPixels++;
    }
    return { colours, lossPixels };
  }, points);
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

      const { status, accuracy } = await trainUntilDone(page, '#train', 1);
      expect(status).toBe('trained');
      expect(accuracy).toBe('100.0%');
      expect(await page.textContent('#epoch')).toBe('6,000 / 6,000');
      expect(await page.textContent('#backend')).toMatch(/^wasm/);
      expect(Number(await page.textContent('#loss-value'))).toBeLessThan(0.01);

      // the tutorial's picture: XOR's two diagonal classes, read just outside each point's corner
      const plots = await readPlots(page, [[-0.1, -0.1], [1.1, 1.1], [-0.1, 1.1], [1.1, -0.1], [0.5, 0.5]]);
      expect(plots.colours).toEqual(['blue', 'blue', 'orange', 'orange', 'orange']);
      expect(plots.lossPixels).toBeGreaterThan(300); // a curve across the chart, not a dot
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
        (trs as HTMLTableRowElement[]).map((tr) => ({ core: tr.dataset.core, accuracy: tr.cells[5].textContent, time: tr.cells[6].textContent })),
      );
      // newest first
      expect(rows.map((row) => row.core)).toEqual(['js', 'wasm-simd', 'js']);
      for (const row of rows) {
        expect(row.accuracy).toBe('100.0%');
        expect(row.time).toMatch(/^\d+ ms$|^\d+\.\d\d s$/);
      }
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
