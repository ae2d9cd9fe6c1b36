// Text repair must never harm clean text (issue 18): 500+ lines of correct simplified Chinese written
// for the repository in the styles that arrive (hotline complaints, reports, replies, notices, with
// Chinese punctuation, quotes, numbers, brackets, names and addresses) pass repairText unchanged and
// unflagged, and normalizeText unchanged.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { normalizeText } from '../../src/domain/text/normalize.js';
import { repairText } from '../../src/domain/text/repair.js';

const lines = readFileSync(new URL('../fixtures/text/clean-corpus.txt', import.meta.url), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '');

describe('clean simplified Chinese passes repair untouched', () => {
  it('has at least 500 distinct lines', () => {
    expect(new Set(lines).size).toBeGreaterThanOrEqual(500);
  });

  it('comes back from repairText unchanged and with no quality flag', () => {
    const harmed = lines
      .map((line) => ({ line, out: repairText(line) }))
      .filter(({ line, out }) => out.text !== line || out.flags.length > 0)
      .map(({ line, out }) => `${line} → ${out.text} [${out.flags.join(', ')}]`);
    expect(harmed).toEqual([]);
  });

  it('comes back from normalizeText unchanged', () => {
    expect(lines.filter((line) => normalizeText(line) !== line)).toEqual([]);
  });
});
