// An auditor's month-end, in a real browser at 375 px and 1280 px: log in, pick last period, read the
// three rates (the API's figures, to the digit), follow a street down to a station, its orders and an
// order's timeline (phone masked), open the overdue list, download the Chinese CSV, log out. A
// district-scoped auditor never meets an order outside 东城区, on the page or in the JSON behind it.
// The ECharts trend chart renders under the strict CSP with no violation.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Figures } from '../../contracts/metrics.js';
import {
  logIn,
  logOut,
  screenshot,
  axeViolationsWithLandmarks,
  sidewaysOverflow,
  usePageRig,
  type ViewportName,
} from '../support/pages.js';
import { fixture, keys } from '../support/test-gateway.js';

const rig = usePageRig('audit', {}, seed);
const base = () => rig.base;

async function call<T>(method: string, path: string, key: string, body?: unknown): Promise<T> {
  const res = await fetch(`${base()}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${key}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

type Survey = { contacted: boolean; solved: boolean; satisfaction: string } | null;
let n = 0;
/** An order received on `day` (Beijing), worked to resolution and surveyed, or left open. */
async function order(fx: string, day: string, survey: Survey | 'open') {
  n += 1;
  const { id } = await call<{ id: string }>('POST', '/v1/orders', keys.source, {
    ...fixture(fx),
    externalId: `AUDIT-${n}`,
    title: `${fixture(fx).title}（${n}）`,
    receivedAt: `${day}T10:00:00+08:00`,
  });
  if (survey === 'open') return id;
  const view = await call<{ station: { id: string } }>('GET', `/v1/orders/${id}`, keys.admin);
  const st = keys.station(view.station.id);
  await call('POST', `/v1/orders/${id}/accept`, st, {});
  // The worker names the caller in the note, as workers do: an auditor reads the name masked.
  const caller = fixture(fx).caller?.name ?? '';
  await call('POST', `/v1/orders/${id}/contact`, st, {
    method: 'phone',
    note: `已电话联系${caller}，${caller.slice(0, 1)}阿姨也在家`,
  });
  await call('POST', `/v1/orders/${id}/resolve`, st, { result: '已处理完毕', reply: '感谢反映' });
  if (survey)
    await call('POST', `/v1/orders/${id}/callback`, keys.source, { valid: true, ...survey });
  return id;
}

let last = ''; // the previous assessment period: the seeded orders were received in it
let current = ''; // this period: their surveys were recorded in it, so the rates fall here
const chaoyang: string[] = [];
const dongcheng: string[] = [];

/** Last period's orders, seeded once both the gateway and the browser are up. */
async function seed(): Promise<void> {
  const periods = await call<{ periods: { id: string; from: string }[] }>(
    'GET',
    '/v1/metrics/periods?count=2',
    keys.auditor,
  );
  const prev = periods.periods[0];
  if (!prev) throw new Error('no previous period');
  last = prev.id;
  current = periods.periods[1]?.id ?? '';
  const day = prev.from;
  const good = { contacted: true, solved: true, satisfaction: 'satisfied' };
  // 东城区 安定门街道 钟楼湾 (fixture 03): 3 surveyed (one unsatisfied), one still open (overdue).
  dongcheng.push(await order('03', day, good));
  dongcheng.push(
    await order('03', day, { contacted: true, solved: false, satisfaction: 'basically_satisfied' }),
  );
  dongcheng.push(
    await order('03', day, { contacted: false, solved: false, satisfaction: 'unsatisfied' }),
  );
  dongcheng.push(await order('03', day, 'open'));
  // 朝阳区 垡头街道 翠城艺园 (fixture 01): 2 surveyed, one open; never seen by the 东城 auditor.
  chaoyang.push(await order('01', day, good));
  chaoyang.push(
    await order('01', day, { contacted: true, solved: true, satisfaction: 'basically_satisfied' }),
  );
  chaoyang.push(await order('01', day, 'open'));
}

/** Records every CSP violation the page reports (the listener is installed before any page script). */
async function watchCsp(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const list: string[] = [];
    (globalThis as unknown as { cspViolations: string[] }).cspViolations = list;
    document.addEventListener('securitypolicyviolation', (e) =>
      list.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`),
    );
  });
  return () =>
    page.evaluate(() => (globalThis as unknown as { cspViolations: string[] }).cspViolations);
}

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
const kpi = (page: Page, key: string) => page.locator(`[data-kpi="${key}"] .value`);

async function expectClean(page: Page, viewport: ViewportName, state: string) {
  // Landmarks at any impact: each card and its scrolling table need names of their own.
  expect(await axeViolationsWithLandmarks(page), `axe at ${state}`).toEqual([]);
  if (viewport === 'phone') expect(await sidewaysOverflow(page), `overflow at ${state}`).toBe(0);
}

describe('the auditors’ dashboard', () => {
  for (const viewport of ['desktop', 'phone'] as const) {
    it(`takes an auditor from the rates to one order’s timeline and a CSV at ${viewport}`, async () => {
      const page = await rig.page(viewport);
      const cspViolations = await watchCsp(page);
      await logIn(page, base(), 'auditor');
      expect(new URL(page.url()).pathname).toBe('/audit');
      await page.locator('#who').getByText('赵敏').waitFor();

      // This period (the default): the three rates and the composite are the API's, to the digit.
      const period = page.getByRole('combobox', { name: '考核周期' });
      await expect.poll(() => period.inputValue()).toBe(current);
      const f = await call<Figures>('GET', `/v1/metrics/figures?period=${current}`, keys.auditor);
      expect(f.validCallbacks).toBe(5);
      await expect.poll(() => kpi(page, 'response').textContent()).toBe(pct(f.responseRate));
      expect(await kpi(page, 'resolution').textContent()).toBe(pct(f.resolutionRate));
      expect(await kpi(page, 'satisfaction').textContent()).toBe(pct(f.satisfactionRate));
      expect(await kpi(page, 'composite').textContent()).toBe(
        `${((f.composite ?? 0) * 100).toFixed(1)} 分`,
      );
      // The trend: a canvas drawn by ECharts, described in words and in a table.
      await page.locator('#trend-chart canvas').first().waitFor();
      expect(await page.locator('#trend-chart').getAttribute('aria-label')).toContain(
        `响应率 ${pct(f.responseRate)}`,
      );
      // Its tooltip is drawn on the canvas (rich text): hovering the latest month breaks no CSP rule.
      const canvas = page.locator('#trend-chart canvas').first();
      const box = await canvas.boundingBox();
      if (box) await page.mouse.move(box.x + box.width - 20, box.y + box.height / 2);
      await screenshot(page, `audit-${viewport}-tooltip`);
      await page.getByText('以表格查看走势数据').click();
      await expect
        .poll(() => page.locator('#trend-table tr', { hasText: current }).textContent())
        .toContain(pct(f.satisfactionRate));
      await expectClean(page, viewport, 'figures');
      await screenshot(page, `audit-${viewport}-figures`);

      // Last period: the orders were received then, no survey yet: counts, and no rate to show.
      await period.selectOption(last);
      const g = await call<Figures>('GET', `/v1/metrics/figures?period=${last}`, keys.auditor);
      expect(g).toMatchObject({ validCallbacks: 0, responseRate: null, volumes: { received: 7 } });
      await expect.poll(() => page.locator('.kpi-counts').textContent()).toContain('受理 7 件');
      expect(await kpi(page, 'response').textContent()).toBe('—');
      // The configuration by its name for people, not its id.
      expect(await page.locator('#basis').textContent()).toContain('2026年度考核口径（示例）');
      expect(await page.locator('#basis').textContent()).not.toContain('example-2026');
      // No unit has a valid callback in it: none is ranked, none is 1st.
      const rankCells = page.locator('#ranking tbody tr td:first-child');
      await expect.poll(() => rankCells.count()).toBeGreaterThan(0);
      expect(new Set(await rankCells.allTextContents())).toEqual(new Set(['不排名']));

      // Street → station → orders → timeline.
      await page.getByRole('button', { name: '按街道' }).click();
      await page.locator('#ranking').getByRole('button', { name: '安定门街道' }).click();
      await page.locator('#crumbs').getByText('安定门街道').waitFor();
      const station = page.locator('#ranking button.drill').first();
      await station.waitFor();
      const stationName = (await station.textContent()) ?? '';
      expect(stationName).toContain('钟楼湾');
      await station.click();
      await page.locator('#orders-table tbody tr').first().waitFor();
      expect(await page.locator('#orders-table tbody tr').count()).toBe(4);
      expect(await page.locator('#orders-h').textContent()).toContain(stationName);
      await expectClean(page, viewport, 'orders');
      await page.locator(`#orders-table button[data-order="${dongcheng[0]}"]`).click();
      const timeline = page.locator('#timeline-card');
      await timeline.waitFor();
      await expect.poll(() => timeline.textContent()).toContain('办结');
      const text = (await timeline.textContent()) ?? '';
      expect(text).toMatch(/138 \*{4} 8000/); // +86 138-0013-8000, masked, in the national form
      expect(text).not.toMatch(/13800138000|138-0013-8000|魏先生|魏阿姨/);
      // The caller's name in the worker's note is masked as the caller is (魏先生 → 魏**).
      expect(text).toContain('已电话联系魏**，魏**也在家');
      expect(text).toContain('签收');
      await expectClean(page, viewport, 'timeline');
      await screenshot(page, `audit-${viewport}-timeline`);

      // Back up to the top; the overdue list holds the orders left open.
      await page.locator('#crumbs').getByRole('button', { name: '全部辖区' }).click();
      await page.getByRole('button', { name: '超期工单' }).click();
      await expect.poll(() => page.locator('#watch tbody tr').count()).toBe(2);
      await page.getByRole('button', { name: '不满意工单' }).click();
      await expect.poll(() => page.locator('#watch tbody tr').count()).toBe(1);
      await expectClean(page, viewport, 'lists');
      await screenshot(page, `audit-${viewport}-lists`);

      // The orders CSV of the period: Chinese header, labels and Beijing times.
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.locator('#export-orders').click(),
      ]);
      const csv = readFileSync(await download.path(), 'utf8');
      expect(csv.charCodeAt(0)).toBe(0xfeff);
      const [header = '', ...rows] = csv.slice(1).split('\r\n').filter(Boolean);
      expect(header.split(',').slice(0, 3)).toEqual(['工单ID', '工单编号', '来源']);
      expect(rows).toHaveLength(7);
      // Beijing wall-clock times Excel reads as dates, the zone in the column name; no ISO offsets.
      expect(header.split(',')).toContain('来电时间（北京时间）');
      expect(header.split(',')).toContain('回访：是否联系');
      expect(csv).toContain(`${g.period.from} 10:00:00`);
      expect(csv).not.toMatch(/T\d\d:\d\d:\d\d/);
      expect(csv).not.toMatch(/T\d\d:\d\d:\d\d(\.\d+)?Z/);
      expect(csv).toMatch(/已办结|已回访/);
      expect(csv).not.toMatch(/13800138000|黄先生|魏先生/);

      // Any month can be opened, also one before the list (older overdue orders were received then).
      expect(await period.locator('option[value="2022-05"]').count()).toBe(0);
      await page.getByLabel('或选择其他月份').fill('2022-05');
      await expect.poll(() => period.inputValue()).toBe('2022-05');
      expect(await period.locator('option:checked').textContent()).toBe(
        '2022-05（5月1日 至 5月31日）',
      );
      await expect.poll(() => page.locator('.kpi-counts').textContent()).toContain('受理 0 件');
      await expectClean(page, viewport, 'other month');
      await screenshot(page, `audit-${viewport}-other-month`);

      expect(await cspViolations()).toEqual([]);
      await logOut(page);
      await page.context().close();
    }, 120_000);
  }

  for (const [account, viewport] of [
    ['auditor-dongcheng', 'desktop'],
    ['supervisor-dongcheng', 'phone'],
  ] as const) {
    it(`holds ${account} inside 东城区 on every page and in every answer behind it (${viewport})`, async () => {
      const page = await rig.page(viewport);
      const bodies: Promise<string>[] = [];
      page.on('response', (res) => {
        if (new URL(res.url()).pathname.startsWith('/v1/')) bodies.push(res.text().catch(() => ''));
      });
      // A supervisor's home is 督办台 (/supervision); the dashboard is one link away.
      await logIn(page, base(), account, undefined, '/audit');
      expect(new URL(page.url()).pathname).toBe('/audit');
      await page.locator('#crumbs').getByText('东城区').waitFor();
      // This period's rates are 东城区's, as the API computes them for that district.
      const f = await call<Figures>(
        'GET',
        `/v1/metrics/figures?period=${current}&district=110101`,
        keys.auditor,
      );
      expect(f.validCallbacks).toBe(3);
      await expect.poll(() => kpi(page, 'response').textContent()).toBe(pct(f.responseRate));
      expect(await kpi(page, 'satisfaction').textContent()).toBe(pct(f.satisfactionRate));
      // Last period: its stations, their orders and one timeline; the lists.
      await page.getByRole('combobox', { name: '考核周期' }).selectOption(last);
      await page.getByRole('button', { name: '按工作站' }).click();
      await expect.poll(() => page.locator('#ranking button.drill').count()).toBe(1);
      await page.locator('#ranking button.drill').first().click();
      await expect.poll(() => page.locator('#orders-table tbody tr').count()).toBe(4);
      await page.locator(`#orders-table button[data-order="${dongcheng[1]}"]`).click();
      await expect
        .poll(() => page.locator('#timeline-card').textContent())
        .toMatch(/138 \*{4} 8000/);
      await page.getByRole('button', { name: '超期工单' }).click();
      await expect.poll(() => page.locator('#watch tbody tr').count()).toBe(1);
      await page.getByRole('button', { name: '不满意工单' }).click();
      await expect.poll(() => page.locator('#watch tbody tr').count()).toBe(1);
      await expectClean(page, viewport, `${account} lists`);
      const seen =
        (await Promise.all(bodies)).join('\n') + ((await page.textContent('body')) ?? '');
      for (const id of chaoyang) expect(seen).not.toContain(id);
      expect(seen).not.toMatch(/朝阳区|垡头|翠城艺园|13800138000|魏先生/);
      for (const id of dongcheng) expect(seen).toContain(id);
      await logOut(page);
      await page.context().close();
    }, 120_000);
  }
});
