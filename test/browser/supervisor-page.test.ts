// 督办台 in a real browser, as 陈刚 (东城区's supervisor) works it: from the landing page and the
// login to his escalation queue, 区级 escalations under his scope only, the deadline missed first,
// each with its deadlines and level; 催办 and 督办 by hand with a note (a note is asked for first),
// recorded on the order. Axe-clean and no sideways scroll at 375 px; at 1280 px as well.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { Timeline } from '../../contracts/views.js';
import { logIn, logOut, pageChecks, usePageRig } from '../support/pages.js';
import { actWithKey, pushOrder, readOrder } from '../support/hotline-seed.js';
import { keys } from '../support/test-gateway.js';

const rig = usePageRig('supervisor-page');
const dongcheng = '110101004001'; // 交北头条社区, 东城区
const chaoyang = '110105019040'; // 翠城艺园社区, 朝阳区: outside 陈刚's scope

const clean = pageChecks('supervision', { fromTop: true });

/** Overdue orders escalated to the district (by hand here, and by the policy's sweeper): two in 东城区, one outside. */
async function seed(tag: string) {
  const older = await pushOrder(rig.base, {
    title: `${tag} 胡同积水三周无人处理`,
    code: dongcheng,
    calledHoursAgo: 24 * 30,
  });
  const newer = await pushOrder(rig.base, {
    title: `${tag} 楼道灯坏了两周`,
    code: dongcheng,
    calledHoursAgo: 24 * 20,
  });
  const elsewhere = await pushOrder(rig.base, {
    title: `${tag} 朝阳区的超期工单`,
    code: chaoyang,
    calledHoursAgo: 24 * 30,
  });
  for (const id of [older, newer, elsewhere])
    await actWithKey(rig.base, id, 'supervise', { level: 'district', note: '区热线办挂牌督办' });
  return { older, newer, elsewhere };
}

const card = (page: Page, id: string) => page.locator(`li[data-order="${id}"]`);

describe.each(['phone', 'desktop'] as const)('督办台 at %s size', (viewport) => {
  it('takes a supervisor from the landing page to his queue, where he 催办s and 督办s', async () => {
    const o = await seed(viewport);
    const page = await rig.page(viewport);
    await page.goto(`${rig.base}/`);
    await page.getByRole('link', { name: '进入督办台' }).click();
    await page.waitForURL((u) => u.pathname === '/login');
    await page.getByLabel('账号').fill('supervisor-dongcheng');
    await page.getByLabel('密码').fill('demo12345');
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL((u) => u.pathname === '/supervision');
    await card(page, o.older).waitFor();

    // His scope by name, his level, and only 区级 escalations inside 东城区, the missed-first first.
    const head = page.locator('.supervision-who');
    await expect.poll(() => head.textContent()).toContain('督办范围：北京市东城区');
    expect(await head.textContent()).toContain('您的督办级别：区级督办');
    const shown = await page
      .locator('#queue > li')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-order')));
    expect(shown.indexOf(o.older)).toBeGreaterThanOrEqual(0);
    expect(shown.indexOf(o.older)).toBeLessThan(shown.indexOf(o.newer));
    expect(shown).not.toContain(o.elsewhere);
    expect(await page.locator('main').textContent()).not.toContain('朝阳区的超期工单');

    // The order's level, its station and its missed deadline, how long ago.
    // 签收, 响应, 办结: in the order a station meets them.
    const first = card(page, o.older);
    expect(await first.locator('.order-title').textContent()).toContain('区级督办');
    expect(await first.textContent()).toContain('交北头条社区网格工作站');
    expect(
      await first
        .locator('.deadline-list li')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-target'))),
    ).toEqual(['accept', 'respond', 'resolve']);
    const resolve = first.locator('.deadline-list li[data-target="resolve"]');
    expect(await resolve.textContent()).toMatch(/办结截止 \d+月\d+日 \d\d:\d\d已超期 \d+天/);
    expect(await first.textContent()).toContain('区热线办挂牌督办');
    // The policy's own escalations are there too, said as such.
    await expect.poll(() => first.textContent()).toContain('系统按时限自动升级');
    await clean(page, viewport, 'queue');

    // 催办 without a note is stopped on the page, in Chinese; with one it is recorded (the policy
    // has urged already at the deadline: one more).
    const urges = async () =>
      Number(/已催办 (\d+) 次/.exec((await card(page, o.older).textContent()) ?? '')?.[1] ?? 0);
    const before = await urges();
    await first.getByRole('button', { name: '催办' }).click();
    await expect
      .poll(() => first.locator('.form-error').textContent())
      .toBe('请先填写催办/督办意见。');
    await first.getByLabel('催办/督办意见').fill('请今天下班前联系诉求人并抽排积水');
    await first.getByRole('button', { name: '催办' }).click();
    await expect
      .poll(() => page.locator('#notice').textContent())
      .toContain('已向承办单位发出催办');
    await expect.poll(urges).toBe(before + 1);
    expect(await card(page, o.older).getByLabel('催办/督办意见').inputValue()).toBe('');
    const urged = await events(o.older, 'supervision.urged');
    expect(urged.map((e) => (e.data as { note?: string }).note)).toContain(
      '请今天下班前联系诉求人并抽排积水',
    );
    // The 督办记录 holds every 催办 and 督办, newest first: his 催办 with its note on top, the
    // policy's 催办 at the deadline and its escalations below, each saying who.
    const record = card(page, o.older).locator('.supervision-record li');
    await expect
      .poll(() => record.first().textContent())
      .toContain('请今天下班前联系诉求人并抽排积水');
    expect(await record.first().getAttribute('data-kind')).toBe('urge');
    expect(await record.first().textContent()).toMatch(/^催办 .+ · 陈刚 催办/);
    const kinds = await record.evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')));
    expect(kinds.filter((k) => k === 'urge')).toHaveLength(before + 1);
    expect(kinds).toContain('district');
    const lines = (await record.allTextContents()).join('\n');
    expect(lines).toContain('系统按时限自动催办');
    expect(lines).toContain('系统按时限自动升级');
    expect(lines).toContain('区热线办挂牌督办');
    await clean(page, viewport, 'urged');

    // 督办 by hand at his level, with a note that then shows in the order's 督办记录.
    const second = card(page, o.newer);
    await second.getByLabel('催办/督办意见').fill('区领导关注，三日内办结');
    await second.getByRole('button', { name: '督办' }).click();
    await expect
      .poll(() => page.locator('#notice').textContent())
      .toContain('已挂牌督办（区级督办）');
    await expect
      .poll(() => card(page, o.newer).locator('.supervision-record').textContent())
      .toContain('区领导关注，三日内办结');
    expect((await readOrder(rig.base, o.newer)).supervision?.escalations.at(-1)?.note).toBe(
      '区领导关注，三日内办结',
    );
    await clean(page, viewport, 'acted');
    await logOut(page);
    await page.context().close();
  }, 120_000);
});

describe('who reaches 督办台', () => {
  it('an auditor opening /supervision is taken to the dashboard; a supervisor lands on 督办台', async () => {
    const page = await rig.page('desktop');
    await logIn(page, rig.base, 'auditor', undefined, '/supervision');
    await page.waitForURL((u) => u.pathname === '/audit');
    await page.context().close();
    const res = await fetch(`${rig.base}/v1/supervision/queue`, {
      headers: { authorization: `Bearer ${keys.auditor}` },
    });
    expect(res.status).toBe(403);
  }, 60_000);
});

async function events(id: string, type: string) {
  const res = await fetch(`${rig.base}/v1/orders/${id}/timeline`, {
    headers: { authorization: `Bearer ${keys.admin}` },
  });
  return Timeline.parse(await res.json()).events.filter((e) => e.data.type === type);
}
