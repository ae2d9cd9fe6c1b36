// The contract every MetricsStore adapter passes (SQLite rollups; Redis in cluster mode): the
// auditors' counters and duration histograms summed per period under every filter and grouping, and
// an order's new contribution replacing its last one. The expected figures are counted by hand from
// the five orders below, so an adapter cannot pass by agreeing with another adapter's mistake.
import { afterEach, describe, expect, it } from 'vitest';
import {
  counterNames,
  type Contribution,
  type Counters,
} from '../../src/domain/metrics/contribution.js';
import type { MetricsStore } from '../../src/ports/metrics-store.js';

export interface MetricsStoreUnderTest {
  store: MetricsStore;
  /** What the order store does on each write: replace the order's contribution. */
  apply: (orderId: string, cells: Contribution[]) => Promise<void>;
  close(): Promise<void>;
}

const MARCH = '2026-03';
const CHAOYANG = '110105';
const FATOU = '110105019';
const DONGCHENG = '110101';
const ANDINGMEN = '110101004';

type Cell = Omit<Contribution, 'counters' | 'hist'> & Partial<Pick<Contribution, 'hist'>>;
const cell = (at: Cell, counters: Counters): Contribution => ({ hist: [], ...at, counters });
const cuicheng = { district: CHAOYANG, street: FATOU, station: 'cuicheng' };
const jiaobei = { district: CHAOYANG, street: FATOU, station: 'jiaobei' };
const andingmen = { district: DONGCHENG, street: ANDINGMEN, station: 'andingmen' };
const resp = (bucket: number) => ({ kind: 'resp' as const, bucket, n: 1 });

/** Five orders: four received in March (three in 朝阳 垡头, one in 东城 安定门), one in February. */
const scenario: [string, Contribution[]][] = [
  [
    'o1',
    [
      cell(
        { period: MARCH, ...cuicheng, type: 'help', topic: '供电', hist: [resp(15)] },
        { received: 1, accepted: 1, acceptedOnTime: 1, respN: 1, respSum: 2 },
      ),
    ],
  ],
  [
    'o2',
    [
      cell(
        {
          period: MARCH,
          ...cuicheng,
          type: 'complaint',
          topic: '路灯',
          hist: [resp(15), { kind: 'res', bucket: 300, n: 1 }],
        },
        {
          received: 1,
          accepted: 1,
          resolved: 1,
          resolvedOnTime: 1,
          respN: 1,
          respSum: 1,
          resN: 1,
          resSum: 30,
        },
      ),
    ],
  ],
  [
    'o3',
    [
      cell(
        { period: MARCH, ...jiaobei, type: 'help', topic: '供电' },
        { received: 1, returned: 1 },
      ),
    ],
  ],
  [
    'o4',
    [
      cell(
        { period: MARCH, ...andingmen, type: 'help', topic: '供水', hist: [resp(40)] },
        { received: 1, accepted: 1, respN: 1, respSum: 4 },
      ),
    ],
  ],
  ['o5', [cell({ period: '2026-02', ...cuicheng, type: 'help', topic: '供电' }, { received: 1 })]],
];

/** Every counter, zero where the expectation does not name it (adapters answer all of them). */
const counts = (named: Counters): Counters => ({
  ...Object.fromEntries(counterNames.map((n) => [n, 0])),
  ...named,
});
const byGroup = (rows: { group: string; counters: Counters }[]) =>
  [...rows].sort((a, b) => a.group.localeCompare(b.group));
/** The counters summed over whatever rows an adapter answers (zero rows and no rows alike). */
const total = (rows: { counters: Counters }[]): Counters =>
  counts(
    Object.fromEntries(
      counterNames.map((n) => [n, rows.reduce((s, r) => s + (r.counters[n] ?? 0), 0)]),
    ),
  );

// By hand from the scenario:
const o1 = { received: 1, accepted: 1, acceptedOnTime: 1, respN: 1, respSum: 2 };
const o1o3 = { ...o1, received: 2, returned: 1 };
const o2 = counts(scenario[1]![1][0]!.counters);
const o4 = counts({ received: 1, accepted: 1, respN: 1, respSum: 4 });
const cuichengMarch = {
  received: 2,
  accepted: 2,
  acceptedOnTime: 1,
  resolved: 1,
  resolvedOnTime: 1,
  respN: 2,
  respSum: 3,
  resN: 1,
  resSum: 30,
};

export function describeMetricsStoreContract(
  name: string,
  make: () => Promise<MetricsStoreUnderTest>,
) {
  describe(`MetricsStore contract: ${name}`, () => {
    const open: MetricsStoreUnderTest[] = [];
    afterEach(async () => {
      await Promise.all(open.splice(0).map((m) => m.close()));
    });
    const fresh = async (orders = scenario) => {
      const under = await make();
      open.push(under);
      for (const [id, cells] of orders) await under.apply(id, cells);
      return under;
    };

    it("sums a period's counters and nothing of another period", async () => {
      const { store } = await fresh();
      expect(await store.counters({ period: MARCH })).toEqual([
        {
          group: '',
          counters: counts({
            ...cuichengMarch,
            received: 4,
            returned: 1,
            accepted: 3,
            respN: 3,
            respSum: 7,
          }),
        },
      ]);
      expect(await store.counters({ period: '2026-02' })).toEqual([
        { group: '', counters: counts({ received: 1 }) },
      ]);
      expect(await store.counters({ period: '2026-05' })).toEqual([]);
    });

    it('narrows to a district, street, station, types and topic', async () => {
      const { store } = await fresh();
      const one = async (filter: Omit<Parameters<MetricsStore['counters']>[0], 'period'>) =>
        total(await store.counters({ period: MARCH, ...filter }));
      expect(await one({ district: CHAOYANG })).toEqual(
        counts({ ...cuichengMarch, received: 3, returned: 1 }),
      );
      expect(await one({ street: ANDINGMEN })).toEqual(o4);
      expect(await one({ station: 'cuicheng' })).toEqual(counts(cuichengMarch));
      expect(await one({ types: ['complaint'] })).toEqual(o2);
      expect(await one({ types: ['help'], topic: '供电' })).toEqual(counts(o1o3));
      expect(await one({ district: CHAOYANG, types: ['help', 'suggestion'] })).toEqual(
        counts(o1o3),
      );
      expect(await one({ district: DONGCHENG, topic: '供电' })).toEqual(counts({}));
    });

    it('answers one row per district, street, station or type', async () => {
      const { store } = await fresh();
      const march = { period: MARCH };
      expect(byGroup(await store.counters(march, 'station'))).toEqual([
        { group: 'andingmen', counters: o4 },
        { group: 'cuicheng', counters: counts(cuichengMarch) },
        { group: 'jiaobei', counters: counts({ received: 1, returned: 1 }) },
      ]);
      expect(byGroup(await store.counters(march, 'type'))).toEqual([
        { group: 'complaint', counters: o2 },
        {
          group: 'help',
          counters: counts({ ...o1, received: 3, returned: 1, accepted: 2, respN: 2, respSum: 6 }),
        },
      ]);
      expect(byGroup(await store.counters({ ...march, types: ['help'] }, 'district'))).toEqual([
        { group: DONGCHENG, counters: o4 },
        { group: CHAOYANG, counters: counts(o1o3) },
      ]);
      expect(byGroup(await store.counters({ ...march, district: CHAOYANG }, 'street'))).toEqual([
        { group: FATOU, counters: counts({ ...cuichengMarch, received: 3, returned: 1 }) },
      ]);
    });

    it('counts durations per 0.1-hour bucket under the same filters', async () => {
      const { store } = await fresh();
      expect(await store.histogram({ period: MARCH }, 'resp')).toEqual(
        new Map([
          [15, 2],
          [40, 1],
        ]),
      );
      expect(await store.histogram({ period: MARCH }, 'res')).toEqual(new Map([[300, 1]]));
      expect(await store.histogram({ period: MARCH, station: 'andingmen' }, 'resp')).toEqual(
        new Map([[40, 1]]),
      );
      expect(await store.histogram({ period: MARCH, topic: '路灯' }, 'resp')).toEqual(
        new Map([[15, 1]]),
      );
      expect(await store.histogram({ period: '2026-02' }, 'resp')).toEqual(new Map());
    });

    it('keeps the 督办 counters: orders urged, 催办 notices, supervised, escalated, per period', async () => {
      // o6 in 翠城: urged twice and escalated to the street in March, urged again and escalated to
      // the district in April; o7 in 安定门: urged once and supervised by hand in March.
      const o6 = [
        cell(
          { period: MARCH, ...cuicheng, type: 'help', topic: '供电' },
          { received: 1, urgedOrders: 1, urges: 2, escalatedStreet: 1 },
        ),
        cell(
          { period: '2026-04', ...cuicheng, type: 'help', topic: '供电' },
          { urgedOrders: 1, urges: 1, escalatedDistrict: 1 },
        ),
      ];
      const o7 = [
        cell(
          { period: MARCH, ...andingmen, type: 'complaint', topic: '供水' },
          { received: 1, urgedOrders: 1, urges: 1, supervisedOrders: 1 },
        ),
      ];
      const { store, apply } = await fresh([
        ['o6', o6],
        ['o7', o7],
      ]);
      expect(total(await store.counters({ period: MARCH }))).toEqual(
        counts({ received: 2, urgedOrders: 2, urges: 3, supervisedOrders: 1, escalatedStreet: 1 }),
      );
      expect(total(await store.counters({ period: '2026-04' }))).toEqual(
        counts({ urgedOrders: 1, urges: 1, escalatedDistrict: 1 }),
      );
      expect(byGroup(await store.counters({ period: MARCH }, 'district'))).toEqual([
        {
          group: DONGCHENG,
          counters: counts({ received: 1, urgedOrders: 1, urges: 1, supervisedOrders: 1 }),
        },
        {
          group: CHAOYANG,
          counters: counts({ received: 1, urgedOrders: 1, urges: 2, escalatedStreet: 1 }),
        },
      ]);
      expect(total(await store.counters({ period: MARCH, types: ['complaint'] }))).toEqual(
        counts({ received: 1, urgedOrders: 1, urges: 1, supervisedOrders: 1 }),
      );
      // o6 was with 角北 when March's 催办 came: it leaves 翠城 in March, April stays.
      await apply('o6', [
        cell(
          { period: MARCH, ...jiaobei, type: 'help', topic: '供电' },
          { received: 1, urgedOrders: 1, urges: 2, escalatedStreet: 1 },
        ),
        o6[1]!,
      ]);
      expect(total(await store.counters({ period: MARCH, station: 'cuicheng' }))).toEqual(
        counts({}),
      );
      expect(total(await store.counters({ period: MARCH, station: 'jiaobei' }))).toEqual(
        counts({ received: 1, urgedOrders: 1, urges: 2, escalatedStreet: 1 }),
      );
      expect(total(await store.counters({ period: '2026-04', station: 'cuicheng' }))).toEqual(
        counts({ urgedOrders: 1, urges: 1, escalatedDistrict: 1 }),
      );
    });

    it("replaces an order's last contribution, however often it is written", async () => {
      const { store, apply } = await fresh([scenario[0]!]);
      // o1 was dispatched again to 角北 and its response took longer: it leaves 翠城 entirely.
      const moved = [
        cell(
          { period: MARCH, ...jiaobei, type: 'help', topic: '供电', hist: [resp(20)] },
          { received: 1, accepted: 1, respN: 1, respSum: 3 },
        ),
      ];
      await apply('o1', moved);
      await apply('o1', moved);
      expect(total(await store.counters({ period: MARCH, station: 'cuicheng' }))).toEqual(
        counts({}),
      );
      expect(total(await store.counters({ period: MARCH, station: 'jiaobei' }))).toEqual(
        counts({ received: 1, accepted: 1, respN: 1, respSum: 3 }),
      );
      expect(await store.histogram({ period: MARCH }, 'resp')).toEqual(new Map([[20, 1]]));

      await apply('o1', []);
      expect(total(await store.counters({ period: MARCH }))).toEqual(counts({}));
      expect(await store.histogram({ period: MARCH }, 'resp')).toEqual(new Map());
    });
  });
}
