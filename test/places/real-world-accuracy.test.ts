// The aims of issue 18 on addresses written by hand in the shapes real orders take
// (test/fixtures/places/real-world.tsv, each with the district it lies in, checked by reasoning, or
// "triage" for a text that fits several places): at least 95% of the addresses that name their
// district routed automatically, at most 1 in 1,000 routed wrong, and every address that fits two
// places in triage with both among the candidates. The per-class figures are printed with the run.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadBaseIndex } from '../../src/config/places-file.js';
import { buildGazetteerIndex } from '../../src/domain/places/gazetteer-index.js';
import {
  formatFigures,
  readRealWorldSet,
  scoreRealWorld,
  type RealWorldAddress,
  type RealWorldFigures,
} from './real-world-set.js';

let set: RealWorldAddress[];
let figures: RealWorldFigures;

beforeAll(() => {
  set = readRealWorldSet();
  figures = scoreRealWorld(buildGazetteerIndex(loadBaseIndex(), []), set);
  console.log(formatFigures(figures));
  for (const w of figures.wrong) console.log(`  wrong: ${w}`);
}, 180_000);

describe('hand-written real-world addresses over the national base', () => {
  it('has at least 1,000 addresses, with every class of issue 18 represented', () => {
    expect(set.length).toBeGreaterThanOrEqual(1000);
    for (const cls of [
      'named-district',
      'short-after-parent',
      'inside-word',
      'zone-word',
      'former-name',
      'two-place',
      'home-region',
      'in-text',
    ])
      expect(figures.byClass.get(cls)?.total ?? 0, cls).toBeGreaterThanOrEqual(10);
  });

  it('routes at least 95% of the addresses that name their district automatically', () => {
    expect(figures.named.routed / figures.named.total).toBeGreaterThanOrEqual(0.95);
  });

  it('routes at most 1 in 1,000 addresses to the wrong district', () => {
    expect(figures.wrong.length / set.length).toBeLessThanOrEqual(0.001);
  });

  it('sends every address that fits two places to triage with both', () => {
    expect(figures.twoPlaceMisses).toEqual([]);
  });
});
