// What others put on a station's orders, in a real browser as 王芳 (翠城艺园) sees them: the 督办
// notices on an order (the level, how often it was urged, a supervisor's words), every other caller
// whose repeat call joined it (重复件, each with a call button), and the orders the station returned
// that wait for review, listed read-only as 退单审核中 until the dispatcher decides. 375 px and desktop,
// axe-clean; another station never reads this station's returns.
import { describe, expect, it } from 'vitest';
import { logIn, stationActAs, pageChecks, usePageRig } from '../support/pages.js';
import { actWithKey, pushOrder } from '../support/hotline-seed.js';
import { keys } from '../support/test-gateway.js';

const rig = usePageRig('station-notices');
const yiyuan = 'cuicheng-yiyuan-grid';

const clean = pageChecks('station-notices', { fromTop: true });

async function seed(tag: string) {
  const lead = await pushOrder(rig.base, {
    title: `${tag} 321楼门口路灯不亮`,
    caller: { name: '黄先生', phone: '13800138000' },
  });
  await stationActAs(rig.base, yiyuan, lead, 'accept');
  const repeat = await pushOrder(rig.base, {
    title: `${tag} 又来反映路灯不亮`,
    caller: { name: '李女士', phone: '13911112222' },
    content: '我也住321楼，门口路灯一周没亮了，晚上老人出门不安全。',
  });
  await actWithKey(rig.base, repeat, 'link-duplicate', {
    leadId: lead,
    note: '同一路灯，同一楼门',
  });
  await actWithKey(rig.base, lead, 'urge', { note: '请今日下班前给两位诉求人回电' });
  await actWithKey(rig.base, lead, 'supervise', { level: 'street', note: '街道挂牌督办' });
  const returned = await pushOrder(rig.base, { title: `${tag} 小区外市政道路井盖缺失` });
  await stationActAs(rig.base, yiyuan, returned, 'accept');
  await stationActAs(rig.base, yiyuan, returned, 'return', {
    reason: 'not_our_duty',
    note: '属市政道路，应由区市政部门处理',
  });
  return { lead, repeat, returned };
}

describe.each(['phone', 'desktop'] as const)('the station app at %s size', (viewport) => {
  it('shows 退单审核中 read-only, and an order’s 督办 notices and joined callers', async () => {
    const o = await seed(viewport);
    const page = await rig.page(viewport);
    await logIn(page, rig.base, 'yiyuan');
    await page.waitForURL((u) => u.pathname === '/station');

    // The returned order stays in sight, under the inbox, with its reason, and nothing to press.
    const returned = page.locator(`#returned-orders li[data-id="${o.returned}"]`);
    await returned.waitFor();
    expect(await page.locator('#returned-title').textContent()).toMatch(/^退单审核中（\d+）$/);
    expect(await returned.textContent()).toContain('退单审核中');
    expect(await returned.textContent()).toContain('退单原因：非本单位职责');
    expect(await returned.locator('button, a, input, textarea').count()).toBe(0);
    expect(await page.locator(`#orders li[data-id="${o.returned}"]`).count()).toBe(0);
    await returned.scrollIntoViewIfNeeded();
    await clean(page, viewport, 'returned');

    // The lead order: 督办 first, then the other caller with a call button.
    await page.locator('#tab-working').click();
    await page.locator(`#orders li[data-id="${o.lead}"] button`).click();
    const order = page.locator(`article.order[data-id="${o.lead}"]`);
    await order.waitFor();
    const supervision = order.locator('.supervision-notice');
    await expect.poll(() => supervision.textContent()).toContain('督办提醒');
    expect(await supervision.textContent()).toContain('已升级为街道督办');
    expect(await supervision.textContent()).toContain('已被催办 1 次');
    expect(await supervision.textContent()).toContain('请今日下班前给两位诉求人回电');
    expect(await supervision.textContent()).toContain('街道督办：街道挂牌督办');
    const joined = order.locator(`.joined-callers li[data-order="${o.repeat}"]`);
    expect(await order.locator('.duplicate-notice h3').textContent()).toBe(
      '重复来电（另有 1 位诉求人）',
    );
    expect(await joined.textContent()).toContain('李女士');
    expect(await joined.textContent()).toContain('门口路灯一周没亮了');
    expect(await joined.getByRole('link', { name: /^拨打/ }).getAttribute('href')).toMatch(
      /^tel:(\+86)?13911112222$/,
    );
    await clean(page, viewport, 'order');

    // The dispatcher rejects the return: the order is back in the inbox by itself, and
    // 退单审核中 is empty again.
    await actWithKey(rig.base, o.returned, 'return-decision', {
      approved: false,
      note: '井盖在小区红线内，请社区处理',
    });
    if (viewport === 'phone') await page.getByRole('button', { name: '返回列表' }).click();
    await page
      .locator(`#orders li[data-id="${o.returned}"], #returned-orders li[data-id="${o.returned}"]`)
      .first()
      .waitFor();
    await expect
      .poll(() => page.locator(`#returned-orders li[data-id="${o.returned}"]`).count(), {
        timeout: 45_000,
      })
      .toBe(0);
    await page.context().close();
  }, 150_000);
});

describe('who reads a station’s returns', () => {
  it('the station itself; another station learns nothing', async () => {
    const mine = await fetch(`${rig.base}/v1/stations/${yiyuan}/returns`, {
      headers: { authorization: `Bearer ${keys.station(yiyuan)}` },
    });
    expect(mine.status).toBe(200);
    const other = await fetch(`${rig.base}/v1/stations/${yiyuan}/returns`, {
      headers: { authorization: `Bearer ${keys.station('jiaobei-toutiao-grid')}` },
    });
    expect(other.status).toBe(404);
    expect(await other.text()).not.toContain('井盖');
  });
});
