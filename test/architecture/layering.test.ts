// Layering is checked, not hoped for: the domain core and the contracts import no Node built-in and
// nothing that does I/O, so the same code runs on Workers. (The lint rule says the same; this test
// also follows imports, so a domain file cannot reach Node through a helper outside the domain.)
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root } from '../support/test-gateway.js';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory()
      ? files(p)
      : p.endsWith('.ts') && !p.endsWith('.test.ts')
        ? [p]
        : [];
  });
}

const importsOf = (file: string): string[] =>
  [
    ...readFileSync(file, 'utf8').matchAll(
      /^\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/gm,
    ),
  ].map((m) => m[1] ?? '');

const pureRoots = [join(root, 'src/domain'), join(root, 'contracts')];
// Pure-JS libraries without I/O may join: OpenCC's converter and dictionary for text repair (src/domain/text).
const allowedPackages = new Set([
  'zod',
  'opencc-js/t2cn',
  'opencc-js/dict/TSCharacters',
  'opencc-js/dict/HKVariantsRev',
]);

describe('the pure core', () => {
  const violations: string[] = [];
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const spec of importsOf(file)) {
      if (spec.startsWith('.')) {
        const target = resolve(dirname(file), spec.replace(/\.js$/, '.ts'));
        if (!pureRoots.some((r) => target.startsWith(r)))
          violations.push(
            `${relative(root, file)} imports ${spec}, outside the domain core and contracts`,
          );
        else visit(target);
      } else if (!allowedPackages.has(spec)) {
        violations.push(`${relative(root, file)} imports ${spec}`);
      }
    }
    const text = readFileSync(file, 'utf8');
    if (/\bprocess\.|\bBuffer\.|\brequire\(/.test(text))
      violations.push(`${relative(root, file)} touches process, Buffer or require`);
  };

  it('has files to check', () => {
    expect(pureRoots.flatMap(files).length).toBeGreaterThan(10);
  });

  it('imports only zod and itself', () => {
    for (const f of pureRoots.flatMap(files)) visit(f);
    expect(violations).toEqual([]);
  });
});
