// The example fixtures routed the way the gateway runs them: the national base index with the
// example gazetteer, stations and principals over it (src/config/places.ts, as start-gateway does).
// The outcomes are those of test/fixtures/orders/README.md; the national base adds what the small
// example could not show: a bare shared name from a platform without a home region meets every
// place of that name in China.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { OrderSubmission } from '../../contracts/order.js';
import { loadConfigFiles } from '../../src/config/load-files.js';
import { loadRoutingIndex } from '../../src/config/places.js';
import { defaultBaseIndexPath } from '../../src/config/places-file.js';
import type { PlaceIndex } from '../../src/domain/routing/place-index.js';
import { MAX_CANDIDATES, routeOrder } from '../../src/domain/routing/router.js';
import { exampleConfigDir, root } from '../support/test-gateway.js';

const fixturesDir = join(root, 'test/fixtures/orders');
const fixture = (file: string) => {
  const raw = JSON.parse(readFileSync(join(fixturesDir, file), 'utf8')) as { source?: string };
  return { ...OrderSubmission.parse(raw), ...(raw.source ? { source: raw.source } : {}) };
};

let index: PlaceIndex;
beforeAll(() => {
  index = loadRoutingIndex(loadConfigFiles(exampleConfigDir), join(root, defaultBaseIndexPath));
});

const expected: Record<string, string> = {
  '01-chaoyang-power-outage.json': 'cuicheng-yiyuan-grid',
  '02-chaoyang-generator-noise.json': 'cuicheng-yiyuan-grid',
  '03-dongcheng-zhonglouwan-dialysis.json': 'zhonglouwan-grid',
  '04-dongcheng-houyongkang-gas.json': 'qinglong-grid',
  '05-dongcheng-dongsi-prenatal.json': 'ertiao-grid',
  '06-changping-access-control.json': 'hualongyuan-beili-grid',
  '07-yangpu-bath-handrail.json': 'yinhang-street',
  '08-yangpu-streetlight-praise.json': 'yinhang-street',
  '09-changsha-roof-leak.json': 'shaoguang-grid',
  '10-changsha-sewer-blocked.json': 'shaoguang-grid',
  '11-donghu-ambiguous.json': 'triage',
  '12-chaoyang-power-topic-only.json': 'bj-chaoyang-power-liaison',
};

describe('the example fixtures over the national base', () => {
  it('covers every fixture', () => {
    expect(
      readdirSync(fixturesDir)
        .filter((f) => f.endsWith('.json'))
        .sort(),
    ).toEqual(Object.keys(expected).sort());
  });

  it.each(Object.entries(expected))('%s → %s', (file, station) => {
    const decision = routeOrder(index, fixture(file));
    if (station === 'triage') expect(decision).toMatchObject({ outcome: 'triage' });
    else expect(decision).toMatchObject({ outcome: 'routed', stationId: station });
  });

  it('routes 长沙12345’s bare 东湖街道 to Changsha’s, because cs-12345 declares region 430100', () => {
    const decision = routeOrder(index, {
      ...fixture('11-donghu-ambiguous.json'),
      source: 'cs-12345',
    });
    expect(decision).toMatchObject({
      outcome: 'routed',
      stationId: 'furong-donghu-street',
      matchedCode: '430102017',
      basis: 'home_region',
    });
  });

  it('sends the bare 东湖街道 (a platform whose region holds none) to triage with every 东湖街道 in China, both example ones among them', () => {
    const decision = routeOrder(index, fixture('11-donghu-ambiguous.json'));
    expect(decision.candidates.length).toBeGreaterThanOrEqual(10);
    expect(decision.candidates.length).toBeLessThanOrEqual(MAX_CANDIDATES);
    expect(decision.candidates.every((c) => c.name === '东湖街道' && c.level === 'street')).toBe(
      true,
    );
    expect(decision.candidates).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: '110105043', stationId: 'chaoyang-donghu-street' }),
        expect.objectContaining({ code: '430102017', stationId: 'furong-donghu-street' }),
      ]),
    );
  });

  it('reads fixture 12’s bare 朝阳区 as Beijing’s because bj-12345 declares region 110000', () => {
    const decision = routeOrder(index, fixture('12-chaoyang-power-topic-only.json'));
    expect(decision).toMatchObject({ rule: 'topic', matchedCode: '110105' });
    const noRegion = routeOrder(index, {
      ...fixture('12-chaoyang-power-topic-only.json'),
      source: 'cs-12345',
    });
    expect(noRegion.outcome).toBe('triage');
    expect(noRegion.candidates.map((c) => c.code)).toEqual(['110105', '220104']);
  });

  it('routes an address anywhere in China to its community code, even where no station covers it', () => {
    const decision = routeOrder(index, {
      topic: ['噪音'],
      location: { address: '广东省广州市越秀区北京街道流水井社区3号楼' },
    });
    expect(decision).toMatchObject({ outcome: 'triage', matchedCode: '440104003104' });
    expect(decision.reason).toMatch(/流水井社区居委会 but no eligible station covers it/);
  });

  it('reads building, unit and room even where a word there is some village’s bare name (号楼)', () => {
    const decision = routeOrder(index, {
      topic: ['噪音'],
      location: { address: '朝阳区垡头街道翠城馨园社区3号楼2单元401室' },
    });
    expect(decision).toMatchObject({ outcome: 'routed', stationId: 'cuicheng-xinyuan-grid' });
    expect(decision.levels?.slice(-3)).toEqual([
      { level: 'building', text: '3号楼' },
      { level: 'unit', text: '2单元' },
      { level: 'room', text: '401室' },
    ]);
  });

  it('keeps the example’s codes for communities the 2023 tables number differently', () => {
    expect(index.notes).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^110101005007 青龙社区 supersedes base 110101005010/),
      ]),
    );
    expect(
      routeOrder(index, { topic: ['噪音'], location: { divisionCode: '110101005010' } }),
    ).toMatchObject({ outcome: 'routed', stationId: 'qinglong-grid' });
  });
});
