// Deadlines at midnight in a real browser, as offices write them: an extension to 2027-03-02 00:00
// (Beijing) is due "by the end of 3月1日", so the dispatcher deciding it and the worker holding the
// order both read 2027年3月1日 24:00, never 3月2日 00:00 (which reads as one more day).
import { describe, expect, it } from 'vitest';
import { logIn, stationActAs, pageChecks, usePageRig } from '../support/pages.js';
import { actWithKey, pushOrder } from '../support/hotline-seed.js';

const rig = usePageRig('deadline-midnight');
const yiyuan = 'cuicheng-yiyuan-grid';
const midnight = '2027-03-02T00:00:00+08:00';

const clean = pageChecks('deadline-midnight', { fromTop: true });

describe.each(['phone', 'desktop'] as const)('a deadline at midnight at %s size', (viewport) => {
  it('reads as the day before’s 24:00 for the dispatcher and the worker', async () => {
    const id = await pushOrder(rig.base, { title: `${viewport} 路灯杆倾斜需更换` });
    await stationActAs(rig.base, yiyuan, id, 'accept');
    await stationActAs(rig.base, yiyuan, id, 'extension-requests', {
      reason: '需订购新灯杆',
      requestedDueAt: midnight,
    });

    // The dispatcher reads the request in 延期审批.
    const desk = await rig.page(viewport);
    await logIn(desk, rig.base, 'dispatcher');
    await desk.locator('#tab-extensions').click();
    const card = desk.locator(`li[data-order="${id}"]`);
    await card.waitFor();
    await expect.poll(() => card.textContent()).toContain('2027年3月1日 24:00');
    expect(await card.textContent()).not.toContain('3月2日');
    await card.scrollIntoViewIfNeeded();
    await clean(desk, viewport, 'dispatch');
    await desk.context().close();

    // Approved as asked: the worker's 办结 deadline and the extension record say the same.
    await actWithKey(rig.base, id, 'extension-decision', { approved: true });
    const page = await rig.page(viewport);
    await logIn(page, rig.base, 'yiyuan');
    await page.goto(`${rig.base}/station#order=${id}`);
    const resolve = page.locator('.deadline-list li[data-target="resolve"]');
    await expect.poll(() => resolve.textContent()).toContain('2027年3月1日 24:00');
    await expect
      .poll(() => page.locator('.order-records').textContent())
      .toContain('申请延至 2027年3月1日 24:00');
    expect(await page.locator('article.order').textContent()).not.toContain('3月2日 00:00');
    await clean(page, viewport, 'station');
    await page.context().close();
  }, 120_000);
});
