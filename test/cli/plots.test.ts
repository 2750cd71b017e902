// --plot: well-formed SVG files, one `class="point"` element per data point, and --help everywhere.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { run, tempFolder, writeFile } from './run';

// XML 1.0's Char: tab, newline, carriage return, and U+0020 on, less the surrogates, U+FFFE, U+FFFF
const NOT_XML_CHAR = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Checks the SVG is one well-formed <svg> element: XML characters only, every tag closed in order, no stray < or &. */
function checkWellFormed(svg: string): void {
  expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
  expect(NOT_XML_CHAR.exec(svg)?.[0], 'a character XML 1.0 does not allow').toBeUndefined();
  const open: string[] = [];
  let rest = svg;
  for (const match of svg.matchAll(/<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>/g)) {
    const [tag, closing, name, , selfClosing] = match;
    if (closing) expect(open.pop(), `closing ${tag}`).toBe(name);
    else if (!selfClosing) open.push(name);
    rest = rest.replace(tag, '');
  }
  expect(open).toEqual([]);
  // what is left is text: no unmatched markup, and only the five XML entities
  expect(rest).not.toMatch(/[<>]/);
  expect(rest.replace(/&(amp|lt|gt|quot|apos);/g, '')).not.toContain('&');
}

const count = (text: string, pattern: RegExp) => text.match(pattern)?.length ?? 0;

describe('--plot', () => {
  it('writes the loss curve and, for two inputs, the decision regions with every point', async () => {
    const folder = join(tempFolder(), 'plots');
    const { code, stdout, stderr } = await run(['train', 'moons', '--samples', '120', '--epochs', '30', '--quiet', '--plot', folder]);
    expect(code, stderr).toBe(0);
    expect(stdout).toContain(`plots written to ${join(folder, 'losses.svg')}, ${join(folder, 'decision-regions.svg')}`);
    const losses = readFileSync(join(folder, 'losses.svg'), 'utf8');
    const regions = readFileSync(join(folder, 'decision-regions.svg'), 'utf8');
    checkWellFormed(losses);
    checkWellFormed(regions);
    // training and validation losses, each a line
    expect(count(losses, /<polyline class="series"/g)).toBe(2);
    expect(losses).toContain('>Epoch</text>');
    expect(losses).toContain('>binary cross-entropy</text>');
    expect(count(regions, /class="point"/g)).toBe(120);
    // two classes, two shapes: circles for the first class, triangles for the second
    expect(count(regions, /<circle class="point" data-class="0"/g)).toBe(60);
    expect(count(regions, /<polygon class="point" data-class="1"/g)).toBe(60);
    expect(count(regions, /class="legend-mark"/g)).toBe(2);
    // the regions are a grid of rects in both class colours
    expect(regions).toMatch(/<g class="regions"[^>]*>(\n<rect [^>]*\/>){60,}\n<\/g>/);
  });

  it("the legend sits where it hides no point (XOR's four corners: at the right side's middle)", async () => {
    const folder = join(tempFolder(), 'xor');
    const { code, stderr } = await run(['train', 'xor', '--quiet', '--plot', folder]);
    expect(code, stderr).toBe(0);
    const regions = readFileSync(join(folder, 'decision-regions.svg'), 'utf8');
    const box = regions.match(/<g class="legend">\n<rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)"/)!.slice(1).map(Number);
    const points = [...regions.matchAll(/class="point"[^>]*?(?:cx="([\d.]+)" cy="([\d.]+)"|points="([\d.]+),([\d.]+))/g)];
    expect(points).toHaveLength(4);
    for (const p of points) {
      const [x, y] = p[1] ? [Number(p[1]), Number(p[2])] : [Number(p[3]), Number(p[4])];
      const inside = x > box[0] - 6 && x < box[0] + box[2] + 6 && y > box[1] - 6 && y < box[1] + box[3] + 6;
      expect(inside, `point at ${x},${y} under the legend`).toBe(false);
    }
  });

  it('three classes (spiral) get three shapes; a set with more than two inputs (iris) gets only the loss curve', async () => {
    const [spiralFolder, irisFolder] = [join(tempFolder(), 'spiral'), join(tempFolder(), 'iris')];
    const [spiral, iris] = await Promise.all([
      run(['train', 'spiral', '--samples', '90', '--epochs', '10', '--quiet', '--plot', spiralFolder]),
      run(['train', 'iris', '--epochs', '10', '--quiet', '--validation-split', '0', '--plot', irisFolder]),
    ]);
    expect(spiral.code, spiral.stderr).toBe(0);
    const regions = readFileSync(join(spiralFolder, 'decision-regions.svg'), 'utf8');
    checkWellFormed(regions);
    expect(count(regions, /class="point"/g)).toBe(90);
    expect(count(regions, /<rect class="point" data-class="2"/g)).toBe(30);
    expect(iris.code, iris.stderr).toBe(0);
    const losses = readFileSync(join(irisFolder, 'losses.svg'), 'utf8');
    checkWellFormed(losses);
    expect(count(losses, /<polyline class="series"/g)).toBe(1); // nothing held out: no validation line
    expect(existsSync(join(irisFolder, 'decision-regions.svg'))).toBe(false);
  });
});

describe('--plot with names from the file', () => {
  it('column and class names with control characters (and U+FFFF): shown as U+FFFD, the SVG stays XML', async () => {
    const folder = tempFolder();
    const lines = ['"x\u0001",y\u001b[31m,class'];
    for (let i = 0; i < 40; i++) lines.push(`${i % 2 + (i % 7) / 10},${(i % 5) / 5},${i % 2 ? 'yes\u0008\u007f' : 'no\uffff'}`);
    const data = writeFile(folder, 'names.csv', lines.join('\n') + '\n');
    const plots = join(folder, 'plots');
    const { code, stderr } = await run(['train', data, '--epochs', '3', '--quiet', '--plot', plots]);
    expect(code, stderr).toBe(0);
    const regions = readFileSync(join(plots, 'decision-regions.svg'), 'utf8');
    checkWellFormed(regions);
    expect(regions).toContain('>x\ufffd</text>');
    expect(regions).toContain('>y\ufffd[31m</text>');
    expect(regions).toContain('data-class="yes\ufffd\ufffd"');
    expect(regions).toContain('data-class="no\ufffd"');
  });
});

describe('--plot with many classes', () => {
  it('the legend lists the first classes and how many more, inside the picture (40 classes: 14 and "… 26 more")', async () => {
    const folder = tempFolder();
    const lines = ['x,y,class', ...Array.from({ length: 200 }, (_, i) => `${i % 40},${(i % 7) / 7},class ${i % 40}`)];
    const data = writeFile(folder, 'many.csv', lines.join('\n') + '\n');
    const plots = join(folder, 'plots');
    const { code, stderr } = await run(['train', data, '--epochs', '1', '--quiet', '--plot', plots]);
    expect(code, stderr).toBe(0);
    const regions = readFileSync(join(plots, 'decision-regions.svg'), 'utf8');
    checkWellFormed(regions);
    const legend = regions.match(/<g class="legend">[^]*?<\/g>/)![0];
    expect(count(legend, /class="legend-mark"/g)).toBe(14);
    expect([...legend.matchAll(/>([^<>]+)<\/text>/g)].map(([, text]) => text)).toEqual(['true class', ...Array.from({ length: 14 }, (_, c) => expect.stringMatching(/^class \d+$/)), '… 26 more']);
    const [, y, , height] = regions.match(/<g class="legend">\n<rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)"/)!.slice(1).map(Number);
    expect(y + height).toBeLessThanOrEqual(427); // the plot area's bottom edge
  });
});

describe('--plot on a large file', () => {
  it('the decision regions show 20,000 evenly spaced points of 50,000 rows, and say so', async () => {
    const folder = tempFolder();
    const lines = ['x,y,class', ...Array.from({ length: 50_000 }, (_, i) => `${(i % 100) / 10},${Math.floor(i / 100) / 50},${i % 2}`)];
    const data = writeFile(folder, 'grid.csv', lines.join('\n'));
    const plots = join(folder, 'plots');
    const { code, stderr } = await run(['train', data, '--epochs', '1', '--batch-size', '256', '--quiet', '--plot', plots]);
    expect(code, stderr).toBe(0);
    // (well-formed as the smaller plots above: checking 20,000 elements that way takes long)
    const regions = readFileSync(join(plots, 'decision-regions.svg'), 'utf8');
    expect(count(regions, /class="point"/g)).toBe(20_000);
    expect(regions).toContain(`${data}: predicted class (regions) and true class (20,000 of 50,000 points)`);
  });
});

describe('--help', () => {
  it.each([
    [['--help'], 'Usage: neural-wasm <command> [flags]'],
    [[], 'Usage: neural-wasm <command> [flags]'],
    [['train', '--help'], 'Usage: neural-wasm train <data> [flags]'],
    [['predict', '-h'], 'Usage: neural-wasm predict --model FILE'],
    [['evaluate', '--help'], 'Usage: neural-wasm evaluate --model FILE <data>'],
  ])('%j prints its usage and exits 0', async (args, usage) => {
    const { code, stdout, stderr } = await run(args);
    expect(code, stderr).toBe(0);
    expect(stderr).toBe('');
    expect(stdout.startsWith(usage)).toBe(true);
  });

  it('train --help names every flag it accepts', async () => {
    const { stdout } = await run(['train', '--help']);
    for (const flag of ['--target', '--features', '--task', '--normalize', '--validation-split', '--hidden', '--layers', '--activation',
      '--loss', '--init', '--seed', '--optimizer', '--learning-rate', '--epochs', '--batch-size', '--shuffle', '--no-shuffle', '--l2',
      '--early-stop-loss', '--early-stop-accuracy', '--out', '--plot', '--backend', '--quiet', '--samples', '--noise', '--classes']) {
      expect(stdout).toContain(flag);
    }
  });

  it('--version prints the package version', async () => {
    const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    expect((await run(['--version'])).stdout).toBe(`${version}\n`);
  });
});
