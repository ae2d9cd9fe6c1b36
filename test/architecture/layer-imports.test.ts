// Every layer's imports follow the table in layers.ts (drawn in docs/architecture.md): a use case
// cannot reach into HTTP, an adapter cannot throw HTTP problems, the cluster cannot borrow from the
// embedded store. Tests beside the code may import test support; only production files are checked.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root } from '../support/test-gateway.js';
import { layerOf, layers } from './layers.js';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return files(p);
    return p.endsWith('.ts') && !p.endsWith('.test.ts') && !p.includes('/client/') ? [p] : [];
  });
}

/** Static and type-only imports and re-exports, and dynamic import('…') with a literal. */
const importsOf = (text: string): string[] => [
  ...[...text.matchAll(/^\s*(?:import|export)\s[^'";]*?from\s+['"]([^'"]+)['"]/gm)].map(
    (m) => m[1] ?? '',
  ),
  ...[...text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1] ?? ''),
];

const roots = ['contracts', 'src', 'adapters'].map((d) => join(root, d));

describe('layer imports', () => {
  const all = roots.flatMap(files).map((f) => relative(root, f));

  it('every production file belongs to a layer of the table', () => {
    expect(all.length).toBeGreaterThan(100);
    expect(all.filter((f) => !layerOf(f))).toEqual([]);
  });

  it('no file imports a layer its own layer may not', () => {
    const violations: string[] = [];
    for (const file of all) {
      const from = layerOf(file);
      if (!from) continue;
      for (const spec of importsOf(readFileSync(join(root, file), 'utf8'))) {
        if (!spec.startsWith('.')) continue;
        const target = relative(root, resolve(dirname(join(root, file)), spec)).replace(
          /\.js$/,
          '.ts',
        );
        const to = layerOf(target);
        if (!to || to === from || from.may.includes(to.name)) continue;
        violations.push(`${file} (${from.name}) imports ${target} (${to.name})`);
      }
    }
    expect(violations).toEqual([]);
  });

  it('the table names only layers it defines', () => {
    const names = new Set(layers.map((l) => l.name));
    expect(layers.flatMap((l) => l.may).filter((n) => !names.has(n))).toEqual([]);
  });
});
