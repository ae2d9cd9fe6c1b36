// The dispatcher console in a real browser, as 李静 works it at a desk (1280 px) and on a phone
// (375 px): dispatch a triaged order to a candidate and another to a station found by name, accept a
// return (re-routed, never to the returning station) and reject one (back with the note), approve
// and deny extensions, see overdue orders with the deadline missed first; axe-clean, no sideways
// scroll on the phone, log out. A station account is sent to its own page and refused the queues.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { OrderView } from '../../contracts/views.js';
import {
  logIn,
  logOut,
  screenshot,
  seriousAxeViolations,
  sidewaysOverflow,
  stationActAs,
  usePageRig,
  type ViewportName,
} from '../support/pages.js';
import { fixture, keys } from '../support/test-gateway.js';

const rig = usePageRig('dispatch-console');
const base = () => rig.base;
const yiyuan = 'cuicheng-yiyuan-grid';
const xinyuan = 'cuicheng-xinyuan-grid';

let serial = 0;
/** A hotline pushes an order (fixture 01: 翠城艺园; fixture 11: Shanghai's 东湖街道, Beijing or Changsha). */
async function push(
  name: '01' | '11',
  title: string,
  o: { urgency?: 'normal' | 'emergency'; calledHoursAgo?: number } = {},
): Promise<string> {
  serial += 1;
  const f = fixture(name);
  const key = name === '11' ? 'demo-source-sh-12345' : keys.source;
  const res = await fetch(`${base()}/v1/orders`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      ...f,
      externalId: `DC-${serial}-${Date.now()}`,
      title,
      urgency: o.urgency ?? 'normal',
      receivedAt: new Date(Date.now() - (o.calledHoursAgo ?? 0) * 3_600_000).toISOString(),
    }),
  });
  expect(res.status).toBe(202);
  return ((await res.json()) as { id: string }).id;
}

const stationAct = (station: string, id: string, action: string, body: object = {}) =>
  stationActAs(base(), station, id, action, body);

async function read(id: string): Promise<OrderView> {
  const res = await fetch(`${base()}/v1/orders/${id}`, {
    headers: { authorization: `Bearer ${keys.admin}` },
  });
  return OrderView.parse(await res.json());
}

/** Everything a dispatcher finds in the morning, for one journey. */
async function morning(tag: string) {
  const toCandidate = await push('11', `${tag} 路灯不亮（候选）`);
  const toSearched = await push('11', `${tag} 路灯不亮（查找）`);
  const toAccept = await push('01', `${tag} 停电（同意退单）`);
  await stationAct(yiyuan, toAccept, 'accept');
  await stationAct(yiyuan, toAccept, 'return', { reason: 'wrong_area', note: '321楼属翠城馨园' });
  const toReject = await push('01', `${tag} 停电（驳回退单）`);
  await stationAct(yiyuan, toReject, 'accept');
  await stationAct(yiyuan, toReject, 'return', { reason: 'not_our_duty', note: '应由物业处理' });
  const extensions: string[] = [];
  for (const which of ['批准', '不批准']) {
    const id = await push('01', `${tag} 延期（${which}）`);
    await stationAct(yiyuan, id, 'accept');
    await stationAct(yiyuan, id, 'extension-requests', {
      reason: '需更换变压器，工期较长',
      requestedDueAt: new Date(Date.now() + 10 * 86_400_000).toISOString(),
    });
    extensions.push(id);
  }
  // Arrival order is not age: the younger call arrives first.
  const younger = await push('01', `${tag} 超期（较新）`, { calledHoursAgo: 50 });
  const older = await push('01', `${tag} 超期（较早）`, { calledHoursAgo: 120 });
  const [approve = '', deny = ''] = extensions;
  return { toCandidate, toSearched, toAccept, toReject, approve, deny, younger, older };
}

async function axeClean(page: Page, viewport: ViewportName, state: string) {
  expect(await seriousAxeViolations(page), `${state} at ${viewport}`).toEqual([]);
  if (viewport === 'phone') expect(await sidewaysOverflow(page), state).toBe(0);
}

const card = (page: Page, id: string) => page.locator(`li[data-order="${id}"]`);
const tab = (page: Page, name: string) =>
  page.getByRole('navigation').getByRole('button', { name: new RegExp(`^${name}`) });

describe.each(['desktop', 'phone'] as const)('the dispatcher console at %s', (viewport) => {
  it("does the day's work: dispatch, review returns, decide extensions, see overdue orders", async () => {
    const o = await morning(viewport);
    const page = await rig.page(viewport);
    await logIn(page, base(), 'dispatcher');
    await page.waitForURL((u) => u.pathname === '/dispatch');
    await card(page, o.toCandidate).waitFor();
    await expect.poll(() => page.locator('#who').textContent()).toContain('李静');
    await axeClean(page, viewport, 'triage');
    await screenshot(page, `dispatch-triage-${viewport}`);

    // 1. A triaged order to a candidate's station: the candidates show the full line and the words.
    const first = card(page, o.toCandidate);
    await expect
      .poll(() => first.locator('.place-line').allTextContents())
      .toContain('湖南省 › 长沙市 › 芙蓉区 › 东湖街道');
    await expect.poll(() => first.textContent()).toContain('匹配文字：东湖街道');
    await first.getByRole('button', { name: /^派往/ }).first().click();
    await expect.poll(async () => (await read(o.toCandidate)).state).toBe('dispatched');
    await card(page, o.toCandidate).waitFor({ state: 'detached' });

    // 2. Another to a station found by name.
    const second = card(page, o.toSearched);
    await second.getByLabel('按名称查找工作站').fill('翠城馨园');
    await second.getByRole('button', { name: '派往 翠城馨园社区网格工作站' }).click();
    await expect.poll(async () => (await read(o.toSearched)).station?.id).toBe(xinyuan);

    // 3. Accept a return: re-routed, never back to the station that returned it.
    await tab(page, '退单审核').click();
    const ret = card(page, o.toAccept);
    await ret.waitFor();
    await axeClean(page, viewport, 'returns');
    await screenshot(page, `dispatch-returns-${viewport}`);
    await expect.poll(() => ret.textContent()).toContain('属地不符');
    const accept = ret.locator('.review-accept');
    await accept.getByLabel('按名称查找工作站').fill('翠城');
    await accept.getByRole('button', { name: '派往 翠城馨园社区网格工作站' }).waitFor();
    expect(await accept.getByRole('button', { name: '派往 翠城艺园社区网格工作站' }).count()).toBe(
      0,
    );
    await accept.getByRole('button', { name: '派往 翠城馨园社区网格工作站' }).click();
    await expect.poll(async () => (await read(o.toAccept)).station?.id).toBe(xinyuan);
    expect((await read(o.toAccept)).returns.at(-1)?.review?.status).toBe('accepted');

    // 4. Reject one: back to the station, with the note.
    const rej = card(page, o.toReject);
    await rej.getByRole('button', { name: '驳回并退回原单位' }).click();
    await expect.poll(() => rej.locator('.form-error').textContent()).toBe('请填写：驳回理由');
    await rej.getByLabel('驳回理由（必填，退单单位可见）').fill('属本网格，请继续办理');
    // What was typed survives a refresh of the queues.
    await page.getByRole('button', { name: '刷新' }).click();
    await expect.poll(() => page.locator('#notice').textContent()).toContain('已刷新');
    expect(await rej.getByLabel('驳回理由（必填，退单单位可见）').inputValue()).toBe(
      '属本网格，请继续办理',
    );
    await rej.getByRole('button', { name: '驳回并退回原单位' }).click();
    await expect
      .poll(async () => {
        const v = await read(o.toReject);
        return [v.state, v.station?.id, v.returns.at(-1)?.review?.note];
      })
      .toEqual(['accepted', yiyuan, '属本网格，请继续办理']);

    // 5. Extensions: approve one with the new deadline, deny the other.
    await tab(page, '延期审批').click();
    const ask = card(page, o.approve);
    await ask.waitFor();
    await axeClean(page, viewport, 'extensions');
    await screenshot(page, `dispatch-extensions-${viewport}`);
    const requested = (await read(o.approve)).extensions[0]?.requestedDueAt ?? '';
    await ask.getByRole('button', { name: '批准延期' }).click();
    await expect.poll(async () => (await read(o.approve)).extensions[0]?.status).toBe('approved');
    const approved = (await read(o.approve)).extensions[0]?.newDueAt ?? '';
    // The deadline asked for, to the minute, in Beijing time.
    expect(Math.floor(Date.parse(approved) / 60_000)).toBe(
      Math.floor(Date.parse(requested) / 60_000),
    );
    await card(page, o.deny).getByRole('button', { name: '不批准' }).click();
    await expect.poll(async () => (await read(o.deny)).extensions[0]?.status).toBe('denied');

    // 6. Overdue orders, the deadline missed first on top.
    await tab(page, '超期工单').click();
    await card(page, o.older).waitFor();
    await card(page, o.younger).waitFor();
    const order = await page
      .locator('#list-overdue > li')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-order')));
    expect(order.indexOf(o.older)).toBeLessThan(order.indexOf(o.younger));
    await expect.poll(() => card(page, o.older).textContent()).toContain('已超期');
    await axeClean(page, viewport, 'overdue');
    await screenshot(page, `dispatch-overdue-${viewport}`);

    await logOut(page);
    await page.context().close();
  }, 180_000);
});

describe('the triage queue', () => {
  it('puts 特急 orders first, marked, whatever their arrival', async () => {
    const normal = await push('11', '排序 路灯不亮（一般）');
    const urgent = await push('11', '排序 燃气泄漏（特急）', { urgency: 'emergency' });
    const page = await rig.page('desktop');
    await logIn(page, base(), 'dispatcher');
    const cards = page.locator('#list-triage > li');
    await expect
      .poll(async () => (await cards.allTextContents()).filter((t) => t.includes('排序')).length)
      .toBe(2);
    const texts = (await cards.allTextContents()).filter((t) => t.includes('排序'));
    expect(texts[0]).toContain('排序 燃气泄漏（特急）');
    expect(texts[0]).toContain('特急');
    expect(texts[1]).toContain('排序 路灯不亮（一般）');
    expect([normal, urgent]).toHaveLength(2);
    await page.context().close();
  }, 60_000);
});

describe('a station account', () => {
  it('is sent to its own page from /dispatch, and the queues answer 403', async () => {
    const page = await rig.page('phone');
    await logIn(page, base(), 'yiyuan');
    await page.goto(`${base()}/dispatch`);
    await page.waitForURL((u) => u.pathname === '/station');
    for (const queue of ['triage', 'returns', 'extensions', 'overdue']) {
      const res = await page.request.get(`${base()}/v1/dispatch/${queue}`);
      expect(res.status(), queue).toBe(403);
    }
    await page.context().close();
  }, 60_000);
});
