// 督办 on the auditors' dashboard, in a real browser at 375 px and 1280 px: an overdue order the
// policy's sweeper urges and escalates to the street and the district, and a fresh one urged and
// supervised by hand, shown as 催办件数 (with the 催办 notices), 督办件数, 升级至街道 and 升级至区级 for
// the period, in Chinese, as the figures API counts them. axe finds nothing serious and nothing
// scrolls sideways on a phone.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Figures } from '../../contracts/metrics.js';
import {
  logIn,
  screenshot,
  seriousAxeViolations,
  sidewaysOverflow,
  usePageRig,
} from '../support/pages.js';
import { actWithKey, pushOrder } from '../support/hotline-seed.js';
import { keys } from '../support/test-gateway.js';
import { until } from '../support/until.js';

const dongcheng = '110101004001'; // 交北头条社区, 东城区
const rig = usePageRig('audit-supervision', {}, seed);

async function get<T>(path: string): Promise<T> {
  const res = await fetch(`${rig.base}${path}`, {
    headers: { authorization: `Bearer ${keys.auditor}` },
  });
  expect(res.status).toBe(200);
  return (await res.json()) as T;
}
/** The figures of the period the dashboard opens on: the current one, where the events fell. */
async function figures(): Promise<Figures> {
  const { current } = await get<{ current: string }>('/v1/metrics/periods?count=1');
  return get<Figures>(`/v1/metrics/figures?period=${current}`);
}

/** By hand: the late order's 催办 and two escalations (policy), the fresh one's 催办 and 督办. */
const expected = {
  urgedOrders: 2,
  urges: 2,
  supervisedOrders: 1,
  escalatedToStreet: 1,
  escalatedToDistrict: 1,
};

async function seed(): Promise<void> {
  await pushOrder(rig.base, {
    title: '胡同积水三周无人处理',
    code: dongcheng,
    calledHoursAgo: 24 * 30,
  });
  const fresh = await pushOrder(rig.base, {
    title: '楼道灯坏了',
    code: dongcheng,
    calledHoursAgo: 1,
  });
  await actWithKey(rig.base, fresh, 'urge', { note: '群众反映强烈，请今日内联系' });
  await actWithKey(rig.base, fresh, 'supervise', { level: 'street', note: '街道挂牌督办' });
  // The sweeper runs on its own: the late order's 催办 and escalations come with its next pass.
  let seen: unknown;
  await until(
    async () => {
      seen = (await figures()).supervision;
      return JSON.stringify(seen) === JSON.stringify(expected);
    },
    60_000,
    () => `the period's 督办 figures, last ${JSON.stringify(seen)}`,
  );
}

const section = (page: Page) => page.locator('section[aria-labelledby="supervision-kpi-h"]');
/** Each card as shown: its name, its value and its note. */
const shown = (page: Page) =>
  page
    .locator('#supervision-kpis .kpi')
    .evaluateAll((cards) =>
      cards.map((c) => [...c.children].map((d) => d.textContent ?? '').join(' ')),
    );

describe('督办 on the auditors’ dashboard', () => {
  for (const viewport of ['phone', 'desktop'] as const) {
    it(`shows an auditor the period's 催办, 督办 and escalations at ${viewport} size`, async () => {
      const api = (await figures()).supervision;
      expect(api).toEqual(expected);
      const page = await rig.page(viewport);
      await logIn(page, rig.base, 'auditor');
      await section(page).getByRole('heading', { name: '督办情况' }).waitFor();
      await expect
        .poll(() => shown(page))
        .toEqual([
          `催办件数 ${api.urgedOrders} 件 共催办 ${api.urges} 次`,
          `督办件数 ${api.supervisedOrders} 件`,
          `升级至街道 ${api.escalatedToStreet} 件`,
          `升级至区级 ${api.escalatedToDistrict} 件`,
        ]);
      // Under the three rates, before the trend and the ranking.
      const order = await page.evaluate(() => {
        const rates = document.getElementById('kpi-h');
        const mine = document.getElementById('supervision-kpi-h');
        const trend = document.getElementById('trend-h');
        const follows = (a: Node | null, b: Node | null) =>
          a !== null && b !== null && (a.compareDocumentPosition(b) & 4) !== 0;
        return follows(rates, mine) && follows(mine, trend);
      });
      expect(order).toBe(true);
      await section(page).scrollIntoViewIfNeeded();
      const file = await screenshot(page, `audit-supervision-${viewport}`);
      expect(file).toMatch(/\.png$/);
      expect(await seriousAxeViolations(page)).toEqual([]);
      if (viewport === 'phone') expect(await sidewaysOverflow(page)).toBe(0);
      await page.context().close();
    }, 120_000);
  }
});
