// The auditors' tables on a phone, as an auditor reads them at 375 px: the ranking, a station's
// orders, the 督办清单, the trend's table and 派单准确率 show each row as a card with every value
// under its column's name (名次, 响应率 …), so nothing scrolls sideways unseen; at 1280 px they stay
// tables. Axe-clean at both sizes; screenshots looked at.
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { artifactsDir, logIn, sidewaysOverflow, pageChecks, usePageRig } from '../support/pages.js';
import { pushOrder } from '../support/hotline-seed.js';

const rig = usePageRig('audit-phone-tables', {}, async (r) => {
  // This period's orders at 交北头条: one waiting, one long overdue (in the 督办清单).
  await pushOrder(r.base, { title: '交北头条胡同路灯不亮', code: '110101004001' });
  await pushOrder(r.base, {
    title: '交北头条胡同积水多日无人处理，老人出行困难',
    code: '110101004001',
    calledHoursAgo: 24 * 20,
  });
});

/** Every data table in the box: none wider than its box, nor the page. */
async function fits(page: Page, box: Locator, what: string) {
  await box.locator('table').first().waitFor();
  const over = await box.evaluate((el) => el.scrollWidth - el.clientWidth);
  expect(over, `${what} scrolls sideways`).toBeLessThanOrEqual(0);
  expect(await sidewaysOverflow(page), what).toBe(0);
}

/** The column name a cell shows before its value (its ::before text). */
const shownLabel = (cell: Locator) =>
  cell.evaluate((el) => getComputedStyle(el, '::before').content.replace(/^"|"$/g, ''));

const clean = pageChecks('audit-tables');

describe.each(['phone', 'desktop'] as const)('the auditors’ tables at %s size', (viewport) => {
  it('show every value under its column’s name on a phone, and stay tables on a desktop', async () => {
    const page = await rig.page(viewport);
    await logIn(page, rig.base, 'auditor');
    await page.waitForURL((u) => u.pathname === '/audit');
    await page.getByRole('button', { name: '按工作站' }).click();
    const ranking = page.locator('#ranking');
    const stationRow = ranking.locator('tbody tr', { hasText: '交北头条' });
    await stationRow.waitFor();
    const received = stationRow.locator('td[data-label="受理量"]');
    expect(await received.textContent()).toBe('2');

    if (viewport === 'phone') {
      // A card: the header row is out of sight, each value says what it is.
      // The header row is moved out of sight (kept for screen readers).
      expect((await ranking.locator('thead').boundingBox())?.x ?? 0).toBeLessThan(0);
      expect(await shownLabel(received)).toBe('受理量');
      expect(await shownLabel(stationRow.locator('td').first())).toBe('名次');
      await fits(page, ranking, 'the ranking');
      await ranking.evaluate((el) => el.scrollIntoView({ block: 'start' }));
      await page.screenshot({ path: `${artifactsDir}/audit-tables-ranking-phone.png` });
    } else {
      expect(await shownLabel(received)).toBe('none');
      expect(await stationRow.evaluate((el) => getComputedStyle(el).display)).toBe('table-row');
    }
    await clean(page, viewport, 'ranking');

    // A station's orders, and the 督办清单's overdue list.
    await stationRow.getByRole('button').first().click();
    const orders = page.locator('#orders-table');
    await orders.locator('tbody tr').first().waitFor();
    const title = orders.locator('td[data-label="标题"]', { hasText: '积水' });
    expect(await title.count()).toBe(1);
    await page.getByRole('button', { name: '超期工单' }).click();
    const watch = page.locator('#watch');
    await watch.locator('tbody tr', { hasText: '积水' }).waitFor();
    if (viewport === 'phone') {
      expect(await shownLabel(title)).toBe('标题');
      await fits(page, orders, 'the orders');
      await fits(page, watch, 'the overdue list');
    }

    // The trend as a table, and 派单准确率.
    await page.getByText('以表格查看走势数据').click();
    const trend = page.locator('#trend-table');
    await trend.locator('tbody tr').first().waitFor();
    const accuracy = page.locator('#routing-accuracy');
    await accuracy.locator('table').first().waitFor();
    if (viewport === 'phone') {
      expect(await shownLabel(trend.locator('tbody tr td').first())).toBe('考核周期');
      await fits(page, trend, 'the trend table');
      await fits(page, accuracy, '派单准确率');
      // Each table as a person sees it on the phone, to look at.
      for (const [name, box] of [
        ['watch', watch],
        ['trend', trend],
        ['accuracy', accuracy],
      ] as const) {
        await box.evaluate((el) => el.scrollIntoView({ block: 'start' }));
        await page.screenshot({ path: `${artifactsDir}/audit-tables-${name}-phone.png` });
      }
    }
    await clean(page, viewport, 'lists');
    await page.context().close();
  }, 90_000);
});
