// Names, not codes, and phones as people write them, in a real browser: the operator reads a
// supervisor's scope as 北京市东城区 (its code small beside it); the worker's call button says
// 拨打 138 0013 8000 (no +86); an auditor reads the caller's phone masked in the national form
// (138 **** 8000), and the orders CSV they download names the hotline (北京市12345市民服务热线)
// with its id only in the next column. 375 px and desktop, axe-clean, no sideways scroll.
import { describe, expect, it } from 'vitest';
import { logIn, pageChecks, usePageRig } from '../support/pages.js';
import { pushOrder } from '../support/hotline-seed.js';

const rig = usePageRig('names-not-codes');

const clean = pageChecks('names');

describe.each(['phone', 'desktop'] as const)('names and phones at %s size', (viewport) => {
  it('the operator reads a scope by its name, the code after it', async () => {
    const page = await rig.page(viewport);
    await logIn(page, rig.base, 'admin');
    const row = page.locator('tr[data-account="supervisor-dongcheng"]');
    await row.waitFor();
    const scope = row.locator('.scope');
    expect(await scope.textContent()).toBe('北京市东城区 代码 110101');
    expect(await scope.locator('.code').textContent()).toBe('代码 110101');
    expect(await page.locator('tr[data-account="auditor"]').textContent()).toContain('全市');
    await clean(page, viewport, 'admin');
    await page.context().close();
  }, 60_000);

  it('the worker calls 138 0013 8000; the auditor reads it masked, and the CSV names the hotline', async () => {
    const id = await pushOrder(rig.base, {
      title: `${viewport} 交北头条胡同路灯不亮`,
      code: '110101004001',
      caller: { name: '黄先生', phone: '13800138000' },
    });
    const worker = await rig.page(viewport);
    await logIn(worker, rig.base, 'jiaobei');
    await worker.goto(`${rig.base}/station#order=${id}`);
    const call = worker.getByRole('link', { name: /^拨打/ });
    await call.waitFor();
    expect(await call.textContent()).toBe('拨打 138 0013 8000');
    expect(await worker.locator('article.order').textContent()).not.toContain('+86');
    await clean(worker, viewport, 'station');
    await worker.context().close();

    const page = await rig.page(viewport);
    await logIn(page, rig.base, 'auditor-dongcheng');
    await page.getByRole('button', { name: '按工作站' }).click();
    await page.locator('#ranking button.drill', { hasText: '交北头条' }).click();
    await page.locator(`#orders-table button[data-order="${id}"]`).click();
    const timeline = page.locator('#timeline-card');
    await expect.poll(() => timeline.textContent()).toContain('138 **** 8000');
    expect(await timeline.textContent()).not.toMatch(/13800138000|0013|\+86/);
    await clean(page, viewport, 'audit-timeline');

    // The CSV the auditor downloads from the page: the hotline by name, its id beside it.
    const href = await page.locator('#export-orders').getAttribute('href');
    expect(href).toBeTruthy();
    const csv = await page.evaluate(async (url) => (await fetch(url)).text(), href ?? '');
    const [header = '', ...rows] = csv
      .replace(/^\uFEFF/, '')
      .split('\r\n')
      .filter(Boolean);
    const columns = header.split(',');
    const row = (rows.find((r) => r.startsWith(`${id},`)) ?? '').split(',');
    const cell = (name: string) => row[columns.indexOf(name)];
    expect(cell('来源')).toBe('北京市12345市民服务热线');
    expect(cell('来源编码')).toBe('bj-12345');
    expect(cell('来电号码')).toBe('138****8000');
    await page.context().close();
  }, 90_000);
});
