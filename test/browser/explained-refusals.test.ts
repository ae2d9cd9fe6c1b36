// What a person sees when the gateway says no, at 375 px and 1280 px with axe: the lead station is
// not offered 办结 while a 协办 part is out (the reason is written beside the greyed button, and the
// API's own refusal is one Chinese sentence without field paths); 申请延期 past the 办结 deadline is
// greyed with the deadline in Beijing time; a wrong address is a Chinese 页面不存在 page (API callers
// keep their JSON problem); a station worker who opens /dispatch is told why they landed on /station.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { pageCsp } from '../../src/http/routes/pages.js';
import { logIn, stationActAs, pageChecks, usePageRig } from '../support/pages.js';
import { fixture, keys } from '../support/test-gateway.js';
import { until } from '../support/until.js';

const rig = usePageRig('explained-refusals');
const base = () => rig.base;
const lead = 'cuicheng-yiyuan-grid';
const helper = 'jiaobei-toutiao-grid';
const helperName = '交北头条社区网格工作站';
const zh = { 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.5' };

let serial = 0;
async function push(title: string, urgency = 'normal', calledMinutesAgo = 0): Promise<string> {
  serial += 1;
  const f = fixture('01');
  const res = await fetch(`${base()}/v1/orders`, {
    method: 'POST',
    headers: { authorization: `Bearer ${keys.source}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      ...f,
      externalId: `RF-${serial}-${Date.now()}`,
      title,
      urgency,
      receivedAt: new Date(Date.now() - calledMinutesAgo * 60_000).toISOString(),
    }),
  });
  expect(res.status).toBe(202);
  return ((await res.json()) as { id: string }).id;
}

async function post(key: string, path: string, body: object) {
  return fetch(`${base()}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...zh },
    body: JSON.stringify(body),
  });
}

/**
 * A station step on an overdue order: the SLA sweep appends its breach events meanwhile, and the API
 * asks for the step again (409 version_conflict, retriable) when one lands between read and write.
 */
async function stationStep(id: string, action: string, body: object = {}) {
  let last = '';
  await until(
    async () => {
      const res = await post(keys.station(lead), `/v1/orders/${id}/${action}`, body);
      last = `${res.status} ${await res.text()}`;
      return res.status === 200;
    },
    30_000,
    () => `${action}: ${last}`,
  );
}

const expectClean = pageChecks('refusals');

async function openOrder(page: Page, id: string) {
  await page.waitForURL((u) => u.pathname === '/station');
  await page.locator('#list-status').filter({ hasNotText: '正在加载' }).waitFor();
  await page.locator('.station-tabs button', { hasText: '办理中' }).click();
  const row = page.locator(`#orders li[data-id="${id}"]`);
  await row.waitFor({ timeout: 30_000 });
  await row.locator('button').click();
  await page.locator('#order-actions').waitFor();
}

describe.each(['phone', 'desktop'] as const)('refusals explained at %s size', (viewport) => {
  it('does not offer 办结 while a 协办 part is out, and says why in Chinese', async () => {
    const id = await push(`${viewport} 楼道照明损坏，需邻近社区协助`);
    await stationActAs(base(), lead, id, 'accept');
    await stationActAs(base(), lead, id, 'contact', { method: 'phone', note: '已电话联系' });
    const asked = await post(keys.admin, `/v1/orders/${id}/assists`, { stationId: helper });
    expect(asked.status).toBe(200);

    // The API's refusal, as the page's script reads it: one Chinese sentence, no field path.
    const refused = await post(keys.station(lead), `/v1/orders/${id}/resolve`, {
      result: '已修复',
    });
    expect(refused.status).toBe(409);
    const problem = (await refused.json()) as { detail: string; errors: { message: string }[] };
    expect(problem.detail).toBe(
      `协办单位尚未反馈（${helperName}），须待其反馈协办意见或由分拨员结束协办后才能办结。`,
    );
    expect(problem.detail).not.toMatch(/assists|[A-Za-z]{4,}/);

    const page = await rig.page(viewport);
    await logIn(page, base(), 'yiyuan');
    await openOrder(page, id);
    const resolve = page.locator('.action-bar [data-action="resolve"]');
    await expect.poll(() => resolve.isDisabled()).toBe(true);
    const reason = page.locator('#blocked-resolve');
    expect(await reason.textContent()).toBe(problem.detail);
    expect(await resolve.getAttribute('aria-describedby')).toBe('blocked-resolve');
    await expectClean(page, viewport, 'resolve-blocked');

    // Once the part is in, 办结 is offered again on the open page (live update), the reason gone.
    await stationActAs(base(), helper, id, 'assist/accept');
    await stationActAs(base(), helper, id, 'assist/report', { opinion: '本侧线路正常' });
    await expect.poll(() => resolve.isDisabled(), { timeout: 30_000 }).toBe(false);
    expect(await page.locator('#blocked-resolve').count()).toBe(0);
    await page.context().close();
  });

  it('does not offer 申请延期 past the 办结 deadline, and names the deadline in Beijing time', async () => {
    // 特急: 办结 within 24 clock hours of the call; this call was 30 hours ago.
    const id = await push(`${viewport} 燃气管道漏气`, 'emergency', 30 * 60);
    await stationStep(id, 'accept');
    await stationStep(id, 'contact', { method: 'phone', note: '已电话联系' });
    const due = new Date(Date.now() - 6 * 3_600_000 + 8 * 3_600_000);
    const beijing = `${due.getUTCMonth() + 1}月${due.getUTCDate()}日 ${String(due.getUTCHours()).padStart(2, '0')}:`;

    const refused = await post(keys.station(lead), `/v1/orders/${id}/extension-requests`, {
      reason: '需更换管道',
      requestedDueAt: new Date(Date.now() + 3 * 86_400_000).toISOString(),
    });
    expect(refused.status).toBe(409);
    const problem = (await refused.json()) as { detail: string };
    expect(problem.detail).toContain(`办结时限（${beijing}`);
    expect(problem.detail).toMatch(/）已过，延期须在时限前申请。$/);
    expect(problem.detail).not.toMatch(/\d{4}-\d{2}-\d{2}T/);

    const page = await rig.page(viewport);
    await logIn(page, base(), 'yiyuan');
    await openOrder(page, id);
    const extension = page.locator('.action-bar [data-action="extension"]');
    await expect.poll(() => extension.isDisabled()).toBe(true);
    const reason = await page.locator('#blocked-extension').textContent();
    expect(reason).toContain(`办结时限（${beijing}`);
    expect(reason).toContain('延期须在时限前申请');
    // 办结 itself is still there to take.
    expect(await page.locator('.action-bar [data-action="resolve"]').isDisabled()).toBe(false);
    await expectClean(page, viewport, 'extension-late');
    await page.context().close();
  });

  it('shows a Chinese 页面不存在 page for a wrong address, with a way home', async () => {
    const page = await rig.page(viewport);
    const res = await page.goto(`${base()}/nonexistent`);
    expect(res?.status()).toBe(404);
    expect(res?.headers()['content-security-policy']).toBe(pageCsp);
    expect(await page.locator('h1').textContent()).toBe('页面不存在');
    expect(await page.title()).toContain('页面不存在');
    expect(await page.locator('body').textContent()).not.toContain('route_not_found');
    await expectClean(page, viewport, 'not-found');
    await page.getByRole('link', { name: '返回首页' }).click();
    await page.waitForURL((u) => u.pathname === '/');
    await page.context().close();
  });

  it('tells a station worker who opens /dispatch why they are on /station', async () => {
    const page = await rig.page(viewport);
    await logIn(page, base(), 'yiyuan');
    await page.waitForURL((u) => u.pathname === '/station');
    await page.goto(`${base()}/dispatch`);
    await page.waitForURL((u) => u.pathname === '/station');
    const notice = page.locator('#notice');
    await expect
      .poll(() => notice.textContent(), { timeout: 20_000 })
      .toContain('您打开的页面（派单调度台）仅供派单员、运维管理员使用，已为您转到本人的页面。');
    // The address is the station's own again, so a reload does not repeat the notice.
    expect(new URL(page.url()).search).toBe('');
    await expectClean(page, viewport, 'not-your-page');
    await page.context().close();
  });
});

describe('a wrong address for API callers', () => {
  it('stays an RFC 9457 problem for JSON and for callers that do not ask for HTML', async () => {
    for (const accept of ['application/json', undefined, 'application/problem+json, */*']) {
      const res = await fetch(`${base()}/nonexistent`, {
        headers: accept === undefined ? {} : { accept },
      });
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(((await res.json()) as { code: string }).code).toBe('route_not_found');
    }
  });
});
