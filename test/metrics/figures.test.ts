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
      name: '2026年度考核口径（示例）',
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
    expect(text).toContain('不满意');
    expect(text).not.toMatch(/13800138000|黄先生/);
    expect(text).toMatch(/138\*{4}8000/);
    const figures = await (
      await gw.call('GET', '/v1/metrics/export/figures.csv?period=2026-03&by=street', keys.auditor)
    ).text();
    expect(figures).toContain('安定门街道');
  });

  it('writes the orders CSV in Chinese with Beijing times, and in codes and UTC on request', async () => {
    const { gw, unsatisfied } = await scenario();
    const rowsOf = async (url: string) => {
      const res = await gw.call('GET', url, keys.auditor);
      expect(res.status).toBe(200);
      const text = await res.text(); // the BOM is checked above; text() drops it
      expect(text.endsWith('\r\n')).toBe(true);
      const [header = '', ...lines] = text.split('\r\n').filter(Boolean);
      const names = header.split(',');
      return {
        names,
        row: (id: string) => {
          const cells = lines.find((l) => l.startsWith(`${id},`))?.split(',') ?? [];
          return Object.fromEntries(names.map((n, i) => [n, cells[i]]));
        },
        disposition: res.headers.get('content-disposition') ?? '',
      };
    };
    const zh = await rowsOf('/v1/metrics/export/orders.csv?period=2026-03');
    expect(zh.names.slice(0, 3)).toEqual(['工单ID', '工单编号', '来源']);
    expect(zh.names).toEqual(
      expect.arrayContaining([
        '状态',
        '诉求类型',
        '紧急程度',
        '办结时限状态',
        '来电时间（北京时间）',
        '回访：是否联系',
        '回访：是否满意',
      ]),
    );
    // The unsatisfied order (not attributed to the station, so not reopened): every value a label
    // from the one catalogue, every time in Beijing time.
    expect(zh.row(unsatisfied)).toMatchObject({
      诉求类型: '投诉',
      紧急程度: '一般',
      '回访：是否联系': '否',
      '回访：是否解决': '否',
      '回访：是否满意': '不满意',
      // Wall-clock Beijing time, which Excel reads as a date (an RFC 3339 offset it keeps as text).
      '来电时间（北京时间）': '2026-03-02 09:00:00',
      '回访时间（北京时间）': '2026-03-05 10:00:00',
    });
    expect(['已办结', '已回访']).toContain(zh.row(unsatisfied)['状态']);
    expect(['正常', '预警', '超期', '已完成']).toContain(zh.row(unsatisfied)['办结时限状态']);
    expect(zh.row(unsatisfied)['办结时限（北京时间）']).toMatch(/^2026-03-\d\d \d\d:\d\d:\d\d$/);
    expect(zh.disposition).toContain("filename*=UTF-8''");

    const codes = await rowsOf('/v1/metrics/export/orders.csv?period=2026-03&labels=codes');
    expect(codes.names.slice(0, 3)).toEqual(['id', 'externalId', 'source']);
    expect(codes.row(unsatisfied)).toMatchObject({
      type: 'complaint',
      urgency: 'normal',
      contacted: 'false',
      satisfaction: 'unsatisfied',
      receivedAt: '2026-03-02T01:00:00Z',
      callbackAt: '2026-03-05T02:00:00Z',
    });
    expect(codes.row(unsatisfied)['resolveDueAt']).toMatch(/Z$/);
    // One convention per file: no UTC time among the Chinese rows, no +08:00 among the codes.
    const zhText = await (
      await gw.call('GET', '/v1/metrics/export/orders.csv?period=2026-03', keys.auditor)
    ).text();
    expect(zhText).not.toMatch(/\d\d:\d\d(:\d\d)?(\.\d+)?Z/);
    expect(zhText).not.toMatch(/T\d\d:\d\d:\d\d/);
    const codesText = await (
      await gw.call(
        'GET',
        '/v1/metrics/export/orders.csv?period=2026-03&labels=codes',
        keys.auditor,
      )
    ).text();
    expect(codesText).not.toContain('+08:00');
    expect(
      (await gw.call('GET', '/v1/metrics/export/orders.csv?period=2026-03&labels=fr', keys.auditor))
        .status,
    ).toBe(400);
  });

  it('writes the ranking CSV with Chinese column names and the assessment basis in Chinese', async () => {
    const { gw } = await scenario();
    const zh = await (
      await gw.call('GET', '/v1/metrics/export/figures.csv?period=2026-03&by=street', keys.auditor)
    ).text();
    const [header, first] = zh.split('\r\n');
    expect(header).toBe(
      '排名,编码,名称,受理量,有效回访,响应率,解决率,满意率,综合得分,催办件数,催办次数,督办件数,升级至街道,升级至区级,考核口径',
    );
    // The configuration by its name for people (its version stays in the codes file).
    expect(first).toBe(
      '1,110101004,安定门街道,2,2,1,1,1,1,0,0,0,0,0,2026年度考核口径（示例） / 自然月',
    );
    const codes = await (
      await gw.call(
        'GET',
        '/v1/metrics/export/figures.csv?period=2026-03&by=street&labels=codes',
        keys.auditor,
      )
    ).text();
    expect(codes.split('\r\n')[0]).toBe(
      'rank,code,name,received,validCallbacks,responseRate,resolutionRate,satisfactionRate,composite,urgedOrders,urges,supervisedOrders,escalatedToStreet,escalatedToDistrict,basis',
    );
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

describe('what the auditors’ dashboard reads', () => {
  it('offers the periods up to the current one and a month-by-month trend of the three rates', async () => {
    const { gw } = await scenario();
    gw.setNow(cst('2026-04-10T10:00:00'));
    const periods = (await (
      await gw.call('GET', '/v1/metrics/periods?count=3', keys.auditor)
    ).json()) as {
      kind: { kind: string };
      current: string;
      periods: { id: string; from: string; to: string }[];
    };
    expect(periods.kind).toEqual({ kind: 'calendar_month' });
    expect(periods.current).toBe('2026-04');
    expect(periods.periods.map((p) => p.id)).toEqual(['2026-02', '2026-03', '2026-04']);
    expect(periods.periods[1]).toEqual({ id: '2026-03', from: '2026-03-01', to: '2026-03-31' });
    // Any month, also before the list: the page opens older orders' periods this way.
    const old = (await (
      await gw.call('GET', '/v1/metrics/periods?count=1&last=2022-05', keys.auditor)
    ).json()) as typeof periods;
    expect(old.current).toBe('2026-04');
    expect(old.periods).toEqual([{ id: '2022-05', from: '2022-05-01', to: '2022-05-31' }]);
    const badMonth = await gw.call('GET', '/v1/metrics/periods?last=2022-13', keys.auditor);
    expect(badMonth.status).toBe(400);
    expect(await badMonth.text()).toContain('last');

    const trend = (await (
      await gw.call('GET', '/v1/metrics/trend?to=2026-04&months=3&street=110105019', keys.auditor)
    ).json()) as {
      config: { version: string };
      points: ({ period: { id: string } } & Record<string, unknown>)[];
    };
    expect(trend.config.version).toBe('example-2026');
    expect(trend.points.map((p) => p.period.id)).toEqual(['2026-02', '2026-03', '2026-04']);
    // March is the figures route's March, to the digit; months without surveys have no rates.
    const march = Figures.parse(
      await (
        await gw.call('GET', '/v1/metrics/figures?period=2026-03&street=110105019', keys.auditor)
      ).json(),
    );
    expect(trend.points[1]).toMatchObject({
      received: march.volumes.received,
      validCallbacks: march.validCallbacks,
      responseRate: march.responseRate,
      resolutionRate: march.resolutionRate,
      satisfactionRate: march.satisfactionRate,
      composite: march.composite,
    });
    expect(trend.points[0]).toMatchObject({ received: 0, responseRate: null, composite: null });
    const bad = await gw.call('GET', '/v1/metrics/trend?months=99', keys.auditor);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('months');
  });

  it('drills from a station to its orders, masked, and holds a scoped auditor in scope', async () => {
    const { gw } = await scenario();
    const all = OrderPage.parse(
      await (
        await gw.call(
          'GET',
          '/v1/metrics/orders?period=2026-03&station=cuicheng-yiyuan-grid&limit=200',
          keys.auditor,
        )
      ).json(),
    );
    expect(all.items).toHaveLength(5);
    expect(all.items.every((o) => o.station?.id === 'cuicheng-yiyuan-grid')).toBe(true);
    expect(JSON.stringify(all)).not.toMatch(/13800138000|黄先生/);
    expect(all.items[0]?.sla?.figures.length).toBeGreaterThan(0);
    // Another month holds none of them.
    const april = OrderPage.parse(
      await (
        await gw.call('GET', '/v1/metrics/orders?period=2026-04&street=110105019', keys.auditor)
      ).json(),
    );
    expect(april.items).toEqual([]);
    // The scoped auditor (垡头街道) gets only their street's orders, and a 403 for another street.
    const key = 'fatou-auditor-key';
    const mine = OrderPage.parse(
      await (await gw.call('GET', '/v1/metrics/orders?period=2026-03&limit=200', key)).json(),
    );
    expect(mine.items).toHaveLength(5);
    expect(mine.items.every((o) => o.station?.id === 'cuicheng-yiyuan-grid')).toBe(true);
    expect(
      (await gw.call('GET', '/v1/metrics/orders?period=2026-03&station=zhonglouwan-grid', key))
        .status,
    ).toBe(403);
    expect((await gw.call('GET', '/v1/metrics/trend?street=110101004', key)).status).toBe(403);
    const csv = await (
      await gw.call('GET', '/v1/metrics/export/orders.csv?period=2026-03', key)
    ).text();
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(1 + 5);
    expect(csv).not.toContain('钟楼湾');
  });
});
