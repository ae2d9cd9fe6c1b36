// 主办/协办 in the browser, at 375 px and 1280 px: the dispatcher finds an order in work by its number
// and asks another station for its part; that station sees the order marked 协办, takes only its own
// steps (签收协办, 反馈协办意见; none of the lead's), and the lead sees the part's status and opinion.
// The assisting station finds its parts in its 协办 tab by the part's own state, even while the lead's
// order is returned; the dispatcher removes one outstanding part after confirming why.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { Timeline } from '../../contracts/views.js';
import { logIn, logOut, stationActAs, pageChecks, usePageRig } from '../support/pages.js';
import { fixture, keys } from '../support/test-gateway.js';

const rig = usePageRig('assists');
const base = () => rig.base;
const lead = 'cuicheng-yiyuan-grid';
const helper = 'jiaobei-toutiao-grid';
const helperName = '交北头条社区网格工作站';

async function push(externalId: string, title: string): Promise<string> {
  const f = fixture('01');
  const res = await fetch(`${base()}/v1/orders`, {
    method: 'POST',
    headers: { authorization: `Bearer ${keys.source}`, 'content-type': 'application/json' },
    body: JSON.stringify({ ...f, externalId, title, receivedAt: new Date().toISOString() }),
  });
  expect(res.status).toBe(202);
  return ((await res.json()) as { id: string }).id;
}

const expectClean = pageChecks('assists');

async function openInStation(page: Page, id: string, tab = '办理中') {
  await page.waitForURL((u) => u.pathname === '/station');
  await page.locator('#list-status').filter({ hasNotText: '正在加载' }).waitFor();
  await page.locator('.station-tabs button', { hasText: tab }).click();
  const row = page.locator(`#orders li[data-id="${id}"]`);
  await row.waitFor({ timeout: 30_000 });
  return row;
}

describe.each(['phone', 'desktop'] as const)('协办 at %s size', (viewport) => {
  it('is asked by the dispatcher, reported by the assisting station, seen by the lead', async () => {
    const number = `AS-${viewport}-${Date.now()}`;
    const id = await push(number, `${viewport} 321楼停电，需邻近社区协助排查`);
    await stationActAs(base(), lead, id, 'accept');

    // The dispatcher finds the order by its number and asks 交北头条 for its part.
    const desk = await rig.page(viewport);
    await logIn(desk, base(), 'dispatcher');
    await desk.waitForURL((u) => u.pathname === '/dispatch');
    await desk.getByLabel('工单编号').fill(number);
    await desk.getByRole('button', { name: '查找' }).click();
    const panel = desk.locator('.assist-panel');
    await panel.getByText('翠城艺园社区网格工作站').first().waitFor();
    await panel.getByLabel('协办要求（选填）').fill('请核实交北头条一侧的配电箱');
    await panel.getByLabel('查找协办单位').fill('交北');
    await panel.getByRole('button', { name: `请 ${helperName} 协办` }).click();
    await expect
      .poll(() => panel.locator('.assist-part-list').textContent(), { timeout: 20_000 })
      .toContain('待签收');
    await expectClean(desk, viewport, 'dispatcher');
    await logOut(desk);
    await desk.context().close();

    // 交北头条 sees the order marked 协办, with its own steps only.
    const helperPage = await rig.page(viewport);
    await logIn(helperPage, base(), 'jiaobei');
    const row = await openInStation(helperPage, id, '协办');
    expect(await row.textContent()).toContain('协办 · 待签收');
    await row.locator('button').click();
    const part = helperPage.locator('.assist-part');
    await part.waitFor();
    expect(await part.textContent()).toContain('请核实交北头条一侧的配电箱');
    expect(await part.textContent()).toContain('主办单位：翠城艺园社区网格工作站');
    // None of the lead's actions are offered to an assisting station.
    expect(await helperPage.locator('#order-actions [data-action]').count()).toBe(0);
    await expectClean(helperPage, viewport, 'helper-asked');
    await part.getByRole('button', { name: '签收协办' }).click();
    await helperPage.getByLabel('协办意见').waitFor();
    // An empty opinion is refused in plain Chinese before anything is sent.
    await helperPage.getByRole('button', { name: '提交协办意见' }).click();
    await expect.poll(() => part.locator('.form-error').textContent()).toBe('请填写协办意见。');
    await helperPage.getByLabel('协办意见').fill('交北头条一侧配电箱正常，线路无故障');
    await helperPage.getByRole('button', { name: '提交协办意见' }).click();
    await expect
      .poll(() => helperPage.locator('.order-tags').textContent(), { timeout: 20_000 })
      .toContain('协办 · 已反馈');
    expect(await part.textContent()).toContain('本单位意见：交北头条一侧配电箱正常，线路无故障');
    await expectClean(helperPage, viewport, 'helper-reported');
    await logOut(helperPage);
    await helperPage.context().close();

    // The lead sees the part and its opinion beside its own work.
    const leadPage = await rig.page(viewport);
    await logIn(leadPage, base(), 'yiyuan');
    const leadRow = await openInStation(leadPage, id);
    expect(await leadRow.textContent()).not.toContain('协办');
    // The lead's 协办 tab is for parts asked of it: this order is not there.
    await leadPage.locator('.station-tabs button', { hasText: '协办' }).click();
    await leadPage
      .locator('.station-tabs button[aria-pressed="true"]', { hasText: '协办' })
      .waitFor();
    expect(await leadPage.locator(`#orders li[data-id="${id}"]`).count()).toBe(0);
    await leadPage.locator('.station-tabs button', { hasText: '办理中' }).click();
    await leadRow.locator('button').click();
    const parts = leadPage.locator('.assist-parts');
    await parts.waitFor();
    expect(await parts.textContent()).toContain(helperName);
    expect(await parts.textContent()).toContain('已反馈');
    expect(await parts.textContent()).toContain('交北头条一侧配电箱正常');
    // 流转记录 says who was asked and what they reported.
    const history = leadPage.locator('.order-history');
    await expect.poll(() => history.textContent()).toContain(`协办单位：${helperName}`);
    expect(await history.textContent()).toContain('协办意见：交北头条一侧配电箱正常，线路无故障');
    // The lead's own steps are still there.
    await leadPage.locator('.action-bar').getByRole('button', { name: '已联系诉求人' }).waitFor();
    await expectClean(leadPage, viewport, 'lead');
    await logOut(leadPage);
    await leadPage.context().close();

    // What the API recorded: who asked, who accepted and reported.
    const res = await fetch(`${base()}/v1/orders/${id}/timeline`, {
      headers: { authorization: `Bearer ${keys.admin}` },
    });
    const events = Timeline.parse(await res.json()).events;
    const by = (type: string) => events.find((e) => e.data.type === type);
    expect(by('order.assist_requested')?.actor).toMatchObject({ role: 'dispatcher' });
    expect(by('order.assist_accepted')?.actor).toMatchObject({ role: 'station', id: helper });
    expect(by('order.assist_reported')?.data).toMatchObject({
      opinion: '交北头条一侧配电箱正常，线路无故障',
    });
  }, 240_000);

  it("keeps an assisting station's part in its 协办 tab, by the part's own state, while the lead's order is returned", async () => {
    const number = `AS-RET-${viewport}-${Date.now()}`;
    const id = await push(number, `${viewport} 路口积水，需邻近社区协助疏通`);
    await stationActAs(base(), lead, id, 'accept');
    const ask = await fetch(`${base()}/v1/orders/${id}/assists`, {
      method: 'POST',
      headers: { authorization: `Bearer ${keys.admin}`, 'content-type': 'application/json' },
      body: JSON.stringify({ stationId: helper, note: '请疏通交北头条一侧的雨水口' }),
    });
    expect(ask.status).toBe(200);
    // The lead returns the order (退单): it waits for a dispatcher in 退单审核, led by no station.
    await stationActAs(base(), lead, id, 'return', {
      reason: 'ownership_unclear',
      note: '积水点在道路红线内，应由市政处置',
    });

    const page = await rig.page(viewport);
    await logIn(page, base(), 'jiaobei');
    const row = await openInStation(page, id, '协办');
    const list = page.locator('#orders');
    // Under 待签收协办, with where the lead's order stands.
    const waitingHead = list.locator('li.list-group[data-group="requested"]');
    expect(await waitingHead.textContent()).toContain('待签收协办');
    expect(await row.textContent()).toContain('协办 · 待签收');
    expect(await row.textContent()).toContain('主办：');
    const index = (locator: typeof row) =>
      locator.evaluate((el) => [...el.parentElement!.children].indexOf(el));
    expect(await index(row)).toBeGreaterThan(await index(waitingHead));
    await expectClean(page, viewport, 'helper-lead-returned');

    // 签收协办 on the order: the row moves under 协办中, still listed although no station leads it.
    await row.locator('button').click();
    const part = page.locator('.assist-part');
    await part.getByRole('button', { name: '签收协办' }).click();
    await page.getByLabel('协办意见').waitFor();
    if (viewport === 'phone') await page.locator('#back').click();
    const workingHead = list.locator('li.list-group[data-group="accepted"]');
    await workingHead.waitFor({ timeout: 20_000 });
    expect(await workingHead.textContent()).toContain('协办中');
    await expect.poll(() => row.textContent(), { timeout: 20_000 }).toContain('协办 · 协办中');
    // Its next deadline is the part's own 协办反馈, not the lead's 办结.
    expect(await row.locator('.deadline.next').textContent()).toContain('协办反馈');
    expect(await index(row)).toBeGreaterThan(await index(workingHead));
    await expectClean(page, viewport, 'helper-tab');
    await logOut(page);
    await page.context().close();
  }, 180_000);

  it('lets the dispatcher remove one outstanding part, after confirming with a reason', async () => {
    const number = `AS-RM-${viewport}-${Date.now()}`;
    const id = await push(number, `${viewport} 小区门口路灯不亮`);
    await stationActAs(base(), lead, id, 'accept');
    const ask = await fetch(`${base()}/v1/orders/${id}/assists`, {
      method: 'POST',
      headers: { authorization: `Bearer ${keys.admin}`, 'content-type': 'application/json' },
      body: JSON.stringify({ stationId: helper, note: '请协助核查线路' }),
    });
    expect(ask.status).toBe(200);

    const desk = await rig.page(viewport);
    await logIn(desk, base(), 'dispatcher');
    await desk.waitForURL((u) => u.pathname === '/dispatch');
    await desk.getByLabel('工单编号').fill(number);
    await desk.getByRole('button', { name: '查找' }).click();
    const panel = desk.locator('.assist-panel');
    const partRow = panel.locator(`.assist-part-list li[data-station="${helper}"]`);
    await partRow.waitFor({ timeout: 20_000 });
    const remove = partRow.getByRole('button', { name: `撤销${helperName}的协办` });

    // Asking first: the unit named, a reason required; 取消 leaves the part as it was.
    await remove.click();
    const confirm = partRow.locator('.assist-remove-confirm');
    expect(await confirm.textContent()).toContain(`确认撤销${helperName}的协办？`);
    await confirm.getByRole('button', { name: '取消' }).click();
    await remove.waitFor();
    expect(await confirm.count()).toBe(0);
    await remove.click();
    await confirm.getByRole('button', { name: '确认撤销' }).click();
    await expect.poll(() => confirm.locator('.form-error').textContent()).toBe('请填写撤销原因。');
    await expectClean(desk, viewport, 'dispatcher-remove-confirm');
    await confirm.getByLabel('撤销原因（必填）').fill('主办已查明为本小区线路故障');
    await confirm.getByRole('button', { name: '确认撤销' }).click();
    await expect
      .poll(() => panel.locator('.assist-controls').first().textContent(), { timeout: 20_000 })
      .toContain('暂无协办单位');
    await expectClean(desk, viewport, 'dispatcher-removed');
    await logOut(desk);
    await desk.context().close();

    // Recorded as the dispatcher's removal, with the reason; the unit's inbox no longer has it.
    const res = await fetch(`${base()}/v1/orders/${id}/timeline`, {
      headers: { authorization: `Bearer ${keys.admin}` },
    });
    const removed = Timeline.parse(await res.json()).events.find(
      (e) => e.data.type === 'order.assist_removed',
    );
    expect(removed?.actor).toMatchObject({ role: 'dispatcher' });
    expect(removed?.data).toMatchObject({ stationId: helper, note: '主办已查明为本小区线路故障' });
    const inbox = await fetch(`${base()}/v1/stations/${helper}/orders?limit=200`, {
      headers: { authorization: `Bearer ${keys.station(helper)}` },
    });
    const items = ((await inbox.json()) as { items: { id: string }[] }).items;
    expect(items.map((o) => o.id)).not.toContain(id);
  }, 180_000);
});
