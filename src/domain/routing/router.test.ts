// Routing against the bundled example gazetteer and station directory, driven by the order fixtures.
// The domain core itself does no I/O; only this test reads files, to load the labelled example data.
// eslint-disable-next-line no-restricted-imports -- test-only: loads the example config and fixtures
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OrderSubmission } from '../../../contracts/order.js';
import { Gazetteer, StationDirectory } from '../../../contracts/places.js';
import type { RouteDecision } from '../../../contracts/routing.js';
import { ConfigurationError, buildPlaceIndex } from './place-index.js';
import type { PlaceIndex } from './place-index.js';
import { resolveAddress, routeOrder } from './router.js';

const repoRoot = new URL('../../../', import.meta.url);
const fixturesDir = new URL('test/fixtures/orders/', repoRoot);

const readJson = (url: URL): unknown => JSON.parse(readFileSync(url, 'utf8'));

const gazetteer = Gazetteer.parse(readJson(new URL('deploy/example/gazetteer.json', repoRoot)));
const directory = StationDirectory.parse(
  readJson(new URL('deploy/example/stations.json', repoRoot)),
);
const index: PlaceIndex = buildPlaceIndex(gazetteer, directory);

const fixtureFiles = readdirSync(fixturesDir)
  .filter((f) => f.endsWith('.json'))
  .sort();

function loadFixture(file: string): OrderSubmission {
  return OrderSubmission.parse(readJson(new URL(file, fixturesDir)));
}

// Labelled data: test/fixtures/orders/README.md, "Expected routing" (outcome, and the rule its "How it resolves" names).
const expectedRouting: Record<string, { expected: string; rule?: RouteDecision['rule'] }> = {
  '01-chaoyang-power-outage.json': { expected: 'cuicheng-yiyuan-grid', rule: 'division_code' },
  '02-chaoyang-generator-noise.json': { expected: 'cuicheng-yiyuan-grid', rule: 'address' },
  '03-dongcheng-zhonglouwan-dialysis.json': { expected: 'zhonglouwan-grid', rule: 'address' },
  '04-dongcheng-houyongkang-gas.json': { expected: 'qinglong-grid', rule: 'address' },
  '05-dongcheng-dongsi-prenatal.json': { expected: 'ertiao-grid', rule: 'division_code' },
  '06-changping-access-control.json': { expected: 'hualongyuan-beili-grid', rule: 'address' },
  '07-yangpu-bath-handrail.json': { expected: 'yinhang-street', rule: 'address' },
  '08-yangpu-streetlight-praise.json': { expected: 'yinhang-street', rule: 'address' },
  '09-changsha-roof-leak.json': { expected: 'shaoguang-grid', rule: 'division_code' },
  '10-changsha-sewer-blocked.json': { expected: 'shaoguang-grid', rule: 'address' },
  '11-donghu-ambiguous.json': { expected: 'triage' },
  '12-chaoyang-power-topic-only.json': { expected: 'bj-chaoyang-power-liaison', rule: 'topic' },
};

const routedFixtures = Object.entries(expectedRouting)
  .filter(([, e]) => e.expected !== 'triage')
  .map(([file, e]) => ({ file, station: e.expected }));

describe('routing the example fixtures', () => {
  it('has an expected outcome for every fixture file, and a fixture for every expectation', () => {
    expect(fixtureFiles).toEqual(Object.keys(expectedRouting).sort());
  });

  it.each(Object.entries(expectedRouting).map(([file, e]) => ({ file, ...e })))(
    '$file → $expected',
    ({ file, expected, rule }) => {
      const decision = routeOrder(index, loadFixture(file));
      if (expected === 'triage') {
        expect(decision.outcome).toBe('triage');
        expect(decision.stationId).toBeUndefined();
      } else {
        expect(decision).toMatchObject({ outcome: 'routed', stationId: expected, rule });
      }
    },
  );

  it('sends the ambiguous 东湖街道 order to triage with both candidates and their codes', () => {
    const decision = routeOrder(index, loadFixture('11-donghu-ambiguous.json'));
    expect(decision.outcome).toBe('triage');
    expect(decision.candidates).toHaveLength(2);
    expect(decision.candidates).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          code: '110105043',
          name: '东湖街道',
          level: 'street',
          stationId: 'chaoyang-donghu-street',
        }),
        expect.objectContaining({
          code: '430102017',
          name: '东湖街道',
          level: 'street',
          stationId: 'furong-donghu-street',
        }),
      ]),
    );
  });

  it('records the place it resolved to for a routed order', () => {
    const decision = routeOrder(index, loadFixture('03-dongcheng-zhonglouwan-dialysis.json'));
    expect(decision.place).toEqual({ code: '110101004004-H1', name: '钟库胡同', level: 'estate' });
  });
});

describe('excludeStations', () => {
  it.each(routedFixtures)(
    'keeps $file away from $station once that station is excluded',
    ({ file, station }) => {
      const order = loadFixture(file);
      expect(routeOrder(index, order).stationId).toBe(station);
      const decision = routeOrder(index, order, { excludeStations: [station] });
      expect(decision.stationId).not.toBe(station);
    },
  );

  it('sends an order whose grid is excluded to the station covering the enclosing street', () => {
    const decision = routeOrder(index, loadFixture('01-chaoyang-power-outage.json'), {
      excludeStations: ['cuicheng-yiyuan-grid'],
    });
    expect(decision).toMatchObject({
      outcome: 'routed',
      rule: 'division_code',
      stationId: 'fatou-street',
    });
  });

  it('lets a 供电 order fall through to the power company when grid and street are both excluded', () => {
    const decision = routeOrder(index, loadFixture('01-chaoyang-power-outage.json'), {
      excludeStations: ['cuicheng-yiyuan-grid', 'fatou-street'],
    });
    expect(decision).toMatchObject({
      outcome: 'routed',
      rule: 'topic',
      stationId: 'bj-chaoyang-power-liaison',
    });
  });
});

describe('division codes', () => {
  it('falls through to the address when the division code is not in the gazetteer', () => {
    const order = loadFixture('01-chaoyang-power-outage.json');
    const unknownCode = { ...order, location: { ...order.location, divisionCode: '110105019999' } };
    expect(index.place('110105019999')).toBeUndefined();
    const decision = routeOrder(index, unknownCode);
    expect(decision).toMatchObject({
      outcome: 'routed',
      rule: 'address',
      stationId: 'cuicheng-yiyuan-grid',
    });
  });

  it('routes by the division code alone when no address text is given', () => {
    const decision = routeOrder(index, {
      topic: ['噪音'],
      location: { divisionCode: '110114010002' },
    });
    expect(decision).toMatchObject({
      outcome: 'routed',
      rule: 'division_code',
      stationId: 'hualongyuan-beili-grid',
    });
  });

  it('sends an order with nothing recognisable to triage with no candidates', () => {
    const decision = routeOrder(index, { topic: ['噪音'], location: { address: '某某路口' } });
    expect(decision).toMatchObject({ outcome: 'triage', candidates: [] });
    expect(decision.stationId).toBeUndefined();
  });
});

describe('resolveAddress', () => {
  it('counts "翠城艺园社区" as one match, not also as "翠城艺园"', () => {
    const result = resolveAddress(index, '翠城艺园社区');
    expect(result.best.map((p) => p.code)).toEqual(['110105019040']);
    expect(result.matchedText.get('110105019040')).toBe('翠城艺园社区');
  });

  it('does not let a shorter name inside a longer match pull in a second place', () => {
    // A second place that goes by the shorter text only: with longest match it must not be found.
    const g = Gazetteer.parse({
      places: [
        { code: '110000', level: 'province', name: '北京市' },
        { code: '110105', level: 'district', name: '朝阳区', parent: '110000' },
        { code: '110114', level: 'district', name: '昌平区', parent: '110000' },
        { code: '110105019040', level: 'community', name: '翠城艺园社区', parent: '110105' },
        { code: '110114010001-E1', level: 'estate', name: '翠城艺园', parent: '110114' },
      ],
    });
    const d = StationDirectory.parse({
      stations: [{ id: 'grid-a', name: 'A', covers: ['110105019040'] }],
    });
    const result = resolveAddress(buildPlaceIndex(g, d), '翠城艺园社区');
    expect(result.best.map((p) => p.code)).toEqual(['110105019040']);
    expect(result.matchedText.has('110114010001-E1')).toBe(false);
  });

  it('prefers the place consistent with every other term in the text (芙蓉区 + 东湖街道)', () => {
    const result = resolveAddress(index, '芙蓉区东湖街道');
    expect(result.best.map((p) => p.code)).toEqual(['430102017']);
  });

  it('does not route an address whose terms contradict each other (垡头街道 in 北京, 韶光社区 in 长沙)', () => {
    // fixtures README, rule 2: keep a candidate only if every matched term fits its ancestor chain;
    // DOMAIN.md: never guess silently. No place fits 北京市 + 朝阳区 + 垡头街道 + 韶光社区.
    const decision = routeOrder(index, {
      topic: ['噪音'],
      location: { address: '北京市朝阳区垡头街道韶光社区' },
    });
    expect(decision.stationId).toBeUndefined();
    expect(decision.outcome).toBe('triage');
  });

  it('returns nothing for text that names no known place', () => {
    expect(resolveAddress(index, '菜市场旁边路口').best).toEqual([]);
  });
});

describe('buildPlaceIndex configuration checks', () => {
  const places = [
    { code: '110000', level: 'province', name: '北京市' },
    { code: '110105', level: 'district', name: '朝阳区', parent: '110000' },
    { code: '110105019', level: 'street', name: '垡头街道', parent: '110105' },
  ];
  const stations = [{ id: 'fatou-street', name: '垡头街道城运中心', covers: ['110105019'] }];

  function problemsOf(gazetteerInput: unknown, directoryInput: unknown): string[] {
    try {
      buildPlaceIndex(Gazetteer.parse(gazetteerInput), StationDirectory.parse(directoryInput));
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigurationError);
      return (err as ConfigurationError).problems;
    }
    throw new Error('expected buildPlaceIndex to throw ConfigurationError');
  }

  it('accepts a consistent configuration', () => {
    expect(() =>
      buildPlaceIndex(Gazetteer.parse({ places }), StationDirectory.parse({ stations })),
    ).not.toThrow();
  });

  it('refuses a station covering a code the gazetteer does not know', () => {
    const problems = problemsOf(
      { places },
      { stations: [...stations, { id: 'ghost-grid', name: 'Ghost', covers: ['110105019999'] }] },
    );
    expect(problems).toEqual([expect.stringMatching(/ghost-grid.*110105019999/)]);
  });

  it('refuses two stations covering the same code', () => {
    const problems = problemsOf(
      { places },
      { stations: [...stations, { id: 'fatou-copy', name: 'Copy', covers: ['110105019'] }] },
    );
    expect(problems).toEqual([expect.stringMatching(/fatou-street.*fatou-copy.*110105019/)]);
  });

  it('refuses a place whose parent is unknown', () => {
    const problems = problemsOf(
      {
        places: [
          ...places,
          { code: '110114010', level: 'street', name: '霍营街道', parent: '110114' },
        ],
      },
      { stations },
    );
    expect(problems).toEqual([expect.stringMatching(/110114010.*parent 110114/)]);
  });

  it('refuses a topic rule naming an unknown station', () => {
    const problems = problemsOf(
      { places },
      { stations, topicRules: [{ topicPrefix: ['供电'], stationId: 'no-such-liaison' }] },
    );
    expect(problems).toEqual([expect.stringMatching(/供电.*no-such-liaison/)]);
  });

  it('lists every problem at once, not just the first', () => {
    const problems = problemsOf(
      {
        places: [
          ...places,
          { code: '110114010', level: 'street', name: '霍营街道', parent: '110114' },
        ],
      },
      {
        stations: [
          ...stations,
          { id: 'ghost-grid', name: 'Ghost', covers: ['110105019999'] },
          { id: 'fatou-copy', name: 'Copy', covers: ['110105019'] },
        ],
        topicRules: [{ topicPrefix: ['供电'], stationId: 'no-such-liaison' }],
      },
    );
    expect(problems).toHaveLength(4);
  });

  it('names the problems in the error message', () => {
    expect(() =>
      buildPlaceIndex(
        Gazetteer.parse({ places }),
        StationDirectory.parse({
          stations,
          topicRules: [{ topicPrefix: ['供电'], stationId: 'no-such-liaison' }],
        }),
      ),
    ).toThrow(/no-such-liaison/);
  });
});
