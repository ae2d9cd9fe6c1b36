// Every refusal the gateway raises as a DomainError reaches page users in Chinese: the type makes
// `zh` required, and this walks every `new DomainError(` in production code so a cast or an English
// placeholder cannot slip one through. A new refusal without a Chinese reason fails here.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root } from '../support/test-gateway.js';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return files(p);
    return p.endsWith('.ts') && !p.endsWith('.test.ts') ? [p] : [];
  });
}

/** The text of the call that opens at `start` (the index of its `(`), by bracket depth. */
function callText(text: string, start: number): string {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return text.slice(start, i + 1);
  }
  return text.slice(start);
}

const han = /\p{Script=Han}/u;
const sources = ['src', 'adapters'].flatMap((d) => files(join(root, d)));

describe('domain refusals in Chinese', () => {
  const calls = sources.flatMap((file) => {
    const text = readFileSync(file, 'utf8');
    return [...text.matchAll(/new DomainError\(/g)].map((m) => ({
      where: `${relative(root, file)}:${text.slice(0, m.index).split('\n').length}`,
      call: callText(text, (m.index ?? 0) + 'new DomainError'.length),
    }));
  });

  it('finds the refusals of the domain and the use cases', () => {
    const where = calls.map((c) => c.where);
    expect(where.filter((w) => w.startsWith('src/domain/')).length).toBeGreaterThan(15);
    expect(where.filter((w) => w.startsWith('src/usecases/')).length).toBeGreaterThan(8);
  });

  it('every one passes a Chinese reason (zh)', () => {
    const without = calls.filter((c) => !/\bzh\b/.test(c.call)).map((c) => c.where);
    expect(without).toEqual([]);
  });

  it('every Chinese reason written out is Chinese', () => {
    const notChinese = sources.flatMap((file) => {
      const text = readFileSync(file, 'utf8');
      if (!text.includes('DomainError')) return [];
      return [...text.matchAll(/\bzh:\s*(['`])((?:\\.|(?!\1).)*)\1/gs)]
        .filter((m) => !han.test(m[2] ?? ''))
        .map((m) => `${relative(root, file)}: ${m[0]}`);
    });
    expect(notChinese).toEqual([]);
  });
});
