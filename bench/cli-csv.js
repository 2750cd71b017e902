// Writes a large CSV for measuring `neural-wasm train` on big files (docs/cli.md): two numeric
// features and a 0/1 class (the XOR of their signs), seeded, about 20 bytes a row, so the default
// 10.5 million rows make about 200 MB.
//   node bench/cli-csv.js [rows] [file]      (default: 10500000 rows into big.csv)
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

const rows = Number(process.argv[2] ?? 10_500_000);
const file = process.argv[3] ?? 'big.csv';
if (!Number.isInteger(rows) || rows < 1) throw new Error(`rows: expected a whole number above 0, got ${process.argv[2]}`);

// mulberry32: the same file on every machine
let state = 1;
function random() {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
}

const out = createWriteStream(file);
out.write('x1,x2,class\n');
for (let written = 0; written < rows; ) {
  const lines = [];
  for (const end = Math.min(rows, written + 100_000); written < end; written++) {
    const [a, b] = [random() * 4 - 2, random() * 4 - 2];
    lines.push(`${a.toFixed(6)},${b.toFixed(6)},${a * b > 0 ? 1 : 0}\n`);
  }
  if (!out.write(lines.join(''))) await once(out, 'drain');
}
out.end();
await once(out, 'finish');
console.log(`${file}: ${rows} rows`);
