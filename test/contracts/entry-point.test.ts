// contracts/index.ts is the one import a hotline vendor or a station's own system needs: it must
// re-export every contract file, so nothing public is reachable only by a deep path.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as contracts from '../../contracts/index.js';

const dir = new URL('../../contracts/', import.meta.url);

describe('the contracts entry point', () => {
  it('re-exports every contract file', () => {
    const files = readdirSync(dir).filter(
      (f) =>
        f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.endsWith('.d.ts') && f !== 'index.ts',
    );
    const index = readFileSync(new URL('index.ts', dir), 'utf8');
    const missing = files.filter((f) => !index.includes(`'./${f.replace(/\.ts$/, '.js')}'`));
    expect(missing).toEqual([]);
  });

  it('lets a vendor check a submission and read an order view with the same schemas', () => {
    const parsed = contracts.OrderSubmission.safeParse({});
    expect(parsed.success).toBe(false);
    expect(contracts.OrderState.options).toContain('dispatched');
    expect(contracts.Problem.safeParse({ status: 400 }).success).toBe(false);
  });
});
