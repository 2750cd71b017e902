// The side-by-side table of the tabular comparison, from the JSON that the two baselines write:
//   node bench/tabular/compare.js runs/sklearn.json [runs/cli-defaults.json runs/cli-other.json ...]
// One row per data set: the held-out (test.csv) accuracy or RMSE of each CLI run (its label is the
// column; "failed" where the CLI could not train on the table), then scikit-learn's MLP with
// early_stopping=True and without, then the other references (the linear models, the trivial
// answer, for regression the MLP fit on the unscaled target). Each cell is the mean over the seeds
// and, when they differ, the range. Then, for each CLI run, its gap to the better of scikit-learn's
// two MLPs on each table (the issue's goal: at or above it on every table, 2 points behind at
// worst, ahead on average): accuracy in points, RMSE in % of scikit-learn's; positive is better.
import { readFileSync } from 'node:fs';

const [sklearnFile, ...cliFiles] = process.argv.slice(2);
if (!sklearnFile) {
  console.error('usage: node bench/tabular/compare.js SKLEARN.json [CLI.json ...]');
  process.exit(2);
}
const sklearn = JSON.parse(readFileSync(sklearnFile, 'utf8'));
const clis = cliFiles.map((file) => JSON.parse(readFileSync(file, 'utf8')));

const cell = (r) => (r === undefined ? '-' : r.min === r.max ? r.mean.toFixed(1) : `${r.mean.toFixed(1)} (${r.min.toFixed(1)}-${r.max.toFixed(1)})`);

// for regression the MLP reference is the one fit on the standardised target, as the CLI fits it
function reference(models, earlyStopping) {
  const base = earlyStopping ? 'sklearn MLP, early_stopping=True' : 'sklearn MLP, defaults';
  return models[`${base}, target scaled`] ? [`${base}, target scaled`, models[`${base}, target scaled`]] : [base, models[base]];
}

const header = ['data set', 'metric', ...clis.map((c) => `CLI ${c.label}`), 'sklearn MLP early_stopping=True', 'sklearn MLP defaults', 'other references'];
const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`];
for (const [set, s] of Object.entries(sklearn.sets)) {
  const what = s.kind === 'classes' ? `${s.classes} classes` : 'regression';
  const [esName, es] = reference(s.models, true);
  const [plainName, plain] = reference(s.models, false);
  const others = Object.entries(s.models)
    .filter(([name]) => name !== esName && name !== plainName)
    .map(([name, r]) => `${name}: ${cell(r)}`)
    .join('; ');
  const metric = s.metric === 'RMSE' ? 'RMSE (lower is better)' : 'accuracy %';
  const cliCells = clis.map((c) => (c.sets[set]?.error ? 'failed' : cell(c.sets[set]?.test)));
  lines.push(`| ${set} (${what}; ${s.train_rows} train / ${s.test_rows} test rows) | ${metric} | ${[...cliCells, cell(es), cell(plain), others || ''].join(' | ')} |`);
}
console.log(lines.join('\n'));

// the gap to the better scikit-learn MLP: + is the CLI ahead
function gap(s, cliResult) {
  const best = [reference(s.models, true)[1], reference(s.models, false)[1]].map((r) => r.mean);
  if (s.metric === 'RMSE') return (100 * (Math.min(...best) - cliResult.mean)) / Math.min(...best);
  return cliResult.mean - Math.max(...best);
}
for (const c of clis) {
  const gaps = Object.entries(sklearn.sets)
    .filter(([set]) => c.sets[set]?.test)
    .map(([set, s]) => [set, gap(s, c.sets[set].test)]);
  const failed = Object.keys(sklearn.sets).filter((set) => c.sets[set]?.error);
  if (!gaps.length) continue;
  const values = gaps.map(([, g]) => g);
  const signed = (g) => `${g >= 0 ? '+' : ''}${g.toFixed(1)}`;
  console.log(
    `\nCLI ${c.label} against the better scikit-learn MLP (accuracy: points; RMSE: % of scikit-learn's): ` +
      `${gaps.map(([set, g]) => `${set} ${signed(g)}`).join(', ')}; worst ${signed(Math.min(...values))}, ` +
      `mean ${signed(values.reduce((a, b) => a + b, 0) / values.length)}` +
      (failed.length ? `; failed on ${failed.join(', ')}` : ''),
  );
}
const cliSeeds = clis.length ? `CLI --seed ${clis[0].seeds.join(',')}; ` : '';
console.log(`\nseeds: ${cliSeeds}scikit-learn random_state ${sklearn.seeds.join(',')} (${sklearn.tool}).`);
