// The auditors' story: orders worked and surveyed in March 2026 become the three rates, rankings,
// drill-down lists and a spreadsheet; a scoped auditor sees only their street.
import { describe, expect, it } from 'vitest';
import { Figures, Ranking } from '../../contracts/metrics.js';
import { OrderPage } from '../../contracts/views.js';
import { loadConfigFiles } from '../../src/config/load-files.js';
import { PrincipalDirectory, sha256Hex } from '../../src/http/principal.js';
import { createTestGateway, exampleConfigDir, fixture, keys } from '../support/test-gateway.js';

const cst = (local: string) => new Date(`${local}+08:00`);
type Survey = {
  valid: boolean;
  contacted?: boolean;
  solved?: boolean;
  satisfaction?: 'satisfied' | 'basically_satisfied' | 'unsatisfied';
};

/** Pushes an order for a station (by fixture) on 2026-03-02 and works it through resolution and a survey. */
async function worked(
  gw: ReturnType<typeof createTestGateway>,
  fx: string,
  station: string,
  n: number,
  survey: Survey | null,
  contactLate = false,
) {
  gw.setNow(cst('2026-03-02T09:00:00'));
  const { body } = await gw.submit({
    ...fixture(fx),
    externalId: `M-${fx}-${n}`,
    urgency: 'normal',
    type: 'complaint',
    receivedAt: '2026-03-02T09:00:00+08:00',
  });
  const key = keys.station(station);
  await gw.call('POST', `/v1/orders/${body.id}/accept`, key, {});
  gw.setNow(cst(contactLate ? '2026-03-03T10:00:00' : '2026-03-02T11:00:00'));
  await gw.call('POST', `/v1/orders/${body.id}/contact`, key, {});
  gw.setNow(cst('2026-03-04T15:00:00'));
  await gw.call('POST', `/v1/orders/${body.id}/resolve`, key, { result: '已处理' });
  if (survey) {
    gw.setNow(cst('2026-03-05T10:00:00'));
    const r = await gw.call('POST', `/v1/orders/${body.id}/callback`, keys.source, survey);
    expect(r.status).toBe(200);
  }
  return body.id;
}

async function scenario() {
  const files = loadConfigFiles(exampleConfigDir);
  const scoped = {
    id: 'auditor-fatou',
    role: 'auditor' as const,
    keyHashes: [`sha256:${await sha256Hex('fatou-auditor-key')}`],
    demo: true,
    scope: '110105019',
  };
  const gw = createTestGateway({
    principals: new PrincipalDirectory([...files.principals.principals, scoped]),
  });
  // 翠城艺园 (垡头街道, 朝阳区): 4 valid callbacks: satisfied ×2, basically satisfied, unsatisfied; one late contact.
  await worked(gw, '01', 'cuicheng-yiyuan-grid', 1, {
    valid: true,
    contacted: true,
    solved: true,
    satisfaction: 'satisfied',
  });
  await worked(gw, '01', 'cuicheng-yiyuan-grid', 2, {
    valid: true,
    contacted: true,
    solved: true,
    satisfaction: 'satisfied',
  });
  await worked(
    gw,
    '01',
    'cuicheng-yiyuan-grid',
    3,
    { valid: true, contacted: true, solved: false, satisfaction: 'basically_satisfied' },
    true,
  );
  const unsatisfied = await worked(gw, '01', 'cuicheng-yiyuan-grid', 4, {
    valid: true,
    contacted: false,
    solved: false,
    satisfaction: 'unsatisfied',
  });
  await worked(gw, '01', 'cuicheng-yiyuan-grid', 5, { valid: false });
  // 钟楼湾 (安定门街道, 东城区): 2 valid callbacks, both satisfied and solved.
  await worked(gw, '03', 'zhonglouwan-grid', 1, {
    valid: true,
    contacted: true,
    solved: true,
    satisfaction: 'satisfied',
  });
  await worked(gw, '03', 'zhonglouwan-grid', 2, {
    valid: true,
    contacted: true,
    solved: true,
    satisfaction: 'satisfied',
  });
  return { gw, unsatisfied };
}

describe('auditors’ figures', () => {
  it('computes the three rates over valid callbacks, with 0.9 for 基本满意, and names the configuration', async () => {
    const { gw } = await scenario();
    const res = await gw.call(
      'GET',
      '/v1/metrics/figures?period=2026-03&street=110105019',
      keys.auditor,
    );
    expect(res.status).toBe(200);
    const f = Figures.parse(await res.json());
    expect(f.validCallbacks).toBe(4);
    expect(f.responseRate).toBe(0.75); // 3 of 4 contacted
    expect(f.resolutionRate).toBe(0.5); // 2 of 4 solved
    expect(f.satisfactionRate).toBeCloseTo((2 + 0.9) / 4, 6);
    expect(f.composite).toBeCloseTo(0.1 * 0.75 + 0.5 * 0.5 + 0.4 * 0.725, 6);
    expect(f.volumes.received).toBe(5);
    expect(f.onTimeResolutionRate).toBe(1);
    expect(f.config).toMatchObject({
      version: 'example-2026',
      basicallySatisfiedFactor: 0.9,
      period: 'calendar month',
    });
    expect(f.period).toEqual({ id: '2026-03', from: '2026-03-01', to: '2026-03-31' });
    // Response time call → contact in working hours: 2 h for four, and 09:00 → 10:00 next day = 8 h for one.
    expect(f.responseHours).toMatchObject({ count: 5, median: 2, p90: 8 });
  });

  it('ranks streets by the composite score', async () => {
    const { gw } = await scenario();
    const r = Ranking.parse(
      await (
        await gw.call('GET', '/v1/metrics/rankings?period=2026-03&by=street', keys.auditor)
      ).json(),
    );
    expect(r.rows.map((x) => [x.rank, x.code, x.name])).toEqual([
      [1, '110101004', '安定门街道'],
      [2, '110105019', '垡头街道'],
    ]);
    expect(r.rows[0]?.composite).toBe(1);
  });

  it('lists unsatisfied orders and exports masked CSV with a BOM', async () => {
    const { gw, unsatisfied } = await scenario();
    const list = OrderPage.parse(
      await (await gw.call('GET', '/v1/metrics/unsatisfied', keys.auditor)).json(),
    );
    expect(list.items.map((o) => o.id)).toEqual([unsatisfied]);
    const csv = await gw.call('GET', '/v1/metrics/export/orders.csv?period=2026-03', keys.auditor);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    // A header line, then one line per order of the period (the scenario's seven orders).
    const ordersInPeriod = OrderPage.parse(
      await (await gw.call('GET', '/v1/orders?limit=200', keys.admin)).json(),
    ).items.length;
    expect(ordersInPeriod).toBe(7);
    expect(text.split('\r\n').filter(Boolean)).toHaveLength(1 + ordersInPeriod);
    expect(text).toContain('unsatisfied');
    expect(text).not.toMatch(/13800138000|黄先生/);
    expect(text).toMatch(/138\*{4}8000/);
    const figures = await (
      await gw.call('GET', '/v1/metrics/export/figures.csv?period=2026-03&by=street', keys.auditor)
    ).text();
    expect(figures).toContain('安定门街道');
  });

  it('holds a scoped auditor inside their street', async () => {
    const { gw } = await scenario();
    const key = 'fatou-auditor-key';
    const mine = Figures.parse(
      await (await gw.call('GET', '/v1/metrics/figures?period=2026-03', key)).json(),
    );
    expect(mine.scope).toMatchObject({ level: 'street', code: '110105019' });
    expect(mine.volumes.received).toBe(5);
    expect(
      (await gw.call('GET', '/v1/metrics/figures?period=2026-03&street=110101004', key)).status,
    ).toBe(403);
    const ranking = Ranking.parse(
      await (await gw.call('GET', '/v1/metrics/rankings?period=2026-03&by=station', key)).json(),
    );
    expect(ranking.rows.map((r) => r.code)).toEqual(['cuicheng-yiyuan-grid']);
    const orders = OrderPage.parse(
      await (await gw.call('GET', '/v1/orders?limit=200', key)).json(),
    );
    expect(orders.items).toHaveLength(5);
    const other = OrderPage.parse(
      await (await gw.call('GET', '/v1/orders?limit=200', keys.admin)).json(),
    ).items.find((o) => o.station?.id === 'zhonglouwan-grid');
    expect((await gw.call('GET', `/v1/orders/${other?.id ?? ''}`, key)).status).toBe(404);
  });

  it('refuses a second survey of the same cycle, and reopens on an unsatisfied answer attributed to the station', async () => {
    const { gw, unsatisfied } = await scenario();
    expect(
      (await gw.call('POST', `/v1/orders/${unsatisfied}/callback`, keys.source, { valid: false }))
        .status,
    ).toBe(409);
    const id = await worked(gw, '01', 'cuicheng-yiyuan-grid', 9, null);
    const r = await gw.call('POST', `/v1/orders/${id}/callback`, keys.source, {
      valid: true,
      contacted: true,
      solved: false,
      satisfaction: 'unsatisfied',
      attributedToStation: true,
      note: '问题依旧',
    });
    const view = (await r.json()) as { state: string; slaFacts: { cycle: number } };
    expect(view).toMatchObject({ state: 'dispatched', slaFacts: { cycle: 2 } });
    // A valid callback must say contacted, solved and satisfaction.
    const bad = await gw.call(
      'POST',
      `/v1/orders/${await worked(gw, '01', 'cuicheng-yiyuan-grid', 10, null)}/callback`,
      keys.source,
      { valid: true },
    );
    expect(bad.status).toBe(400);
  });
});
