// The house: no module of src/, assembly/, cli/ or shared/ imports itself back through others (a
// cycle makes a module's order of evaluation, and so what it sees, depend on who imports it first).
import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));

// every relative import and re-export of a module, type-only ones too, resolved to its .ts file
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [
    ...text.matchAll(/^\s*(?:import|export)\b[^;'"]*?\bfrom\s+'(\.{1,2}\/[^']+)'/gm),
    ...text.matchAll(/\bimport\(\s*'(\.{1,2}\/[^']+)'\s*\)/g),
  ].map((match) => match[1]);
  return specifiers
    .map((specifier) => resolve(dirname(file), specifier).replace(/\.js$/, ''))
    .map((path) => (path.endsWith('.ts') ? path : `${path}.ts`))
    .filter((path) => existsSync(path));
}

function cycles(folder: string): string[] {
  const files = readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts'))
    .map((name) => join(folder, name));
  const state = new Map<string, 'visiting' | 'done'>();
  const found: string[] = [];
  const visit = (file: string, path: string[]) => {
    if (state.get(file) === 'done') return;
    if (state.get(file) === 'visiting') {
      found.push([...path.slice(path.indexOf(file)), file].map((f) => relative(folder, f)).join(' -> '));
      return;
    }
    state.set(file, 'visiting');
    for (const next of importsOf(file)) visit(next, [...path, file]);
    state.set(file, 'done');
  };
  files.forEach((file) => visit(file, []));
  return found;
}

describe('imports', () => {
  it.each(['src', 'assembly', 'cli', 'shared'])('%s/ has no import cycle', (folder) => {
    expect(cycles(join(root, folder))).toEqual([]);
  });

  it('the check finds a cycle, through a type-only import and a re-export too', () => {
    const folder = mkdtempSync(join(tmpdir(), 'neural-wasm-imports-'));
    writeFileSync(join(folder, 'a.ts'), "import type { B } from './b.js';\nexport type A = B;\n");
    writeFileSync(join(folder, 'b.ts'), "export { c as b } from './c.js';\nexport type B = number;\n");
    writeFileSync(join(folder, 'c.ts'), "import './d.js';\nexport const c = 1;\nexport const load = () => import('./a.js');\n");
    writeFileSync(join(folder, 'd.ts'), 'export {};\n');
    expect(cycles(folder)).toEqual(['a.ts -> b.ts -> c.ts -> a.ts']);
  });
});
