// The public API is what the docs list: each entry point's runtime exports are exactly the names
// docs/api.md's table of entry points gives it, and each is described in the page beyond the table.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';

const API = readFileSync(new URL('../docs/api.md', import.meta.url), 'utf8');

// `| \`neural-wasm/model\` | what it is | \`Model\`, \`fitPreprocessing\`, ... |`
const TABLE = [...API.matchAll(/^\| `(neural-wasm(?:\/[a-z]+)?)` \|[^|]*\| ([^|]*) \|$/gm)].map(([, entry, names]) => ({
  entry,
  names: [...names.matchAll(/`([^`]+)`/g)].map(([, name]) => name),
}));

describe('the public API', () => {
  it('the table names all seven entry points', () => {
    expect(TABLE.map(({ entry }) => entry)).toEqual([
      'neural-wasm', 'neural-wasm/baseline', 'neural-wasm/js', 'neural-wasm/datasets', 'neural-wasm/model', 'neural-wasm/export', 'neural-wasm/import',
    ]);
  });

  it.each(TABLE)('$entry exports exactly the names the docs list, and the docs describe each', async ({ entry, names }) => {
    const module = await import(/* @vite-ignore */ entry);
    expect(Object.keys(module).sort()).toEqual([...names].sort());
    for (const name of names) {
      // the table, and at least one more place that says what it is
      expect(API.split(`\`${name}`).length - 1, name).toBeGreaterThanOrEqual(2);
    }
  });
});
