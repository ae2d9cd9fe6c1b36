// The operators' page in a real browser, at 375 px and at 1280 px: the admin lands on /admin, opens an
// account for a new grid worker (a generated password shown once), the worker logs in with it and
// reaches the station app; the admin resets the password (the old one stops working) and disables
// the account (logging in is refused); other roles cannot use the page or the JSON behind it.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { logIn, logOut, pageChecks, usePageRig, type ViewportName } from '../support/pages.js';

const rig = usePageRig('admin-page');
const base = () => rig.base;
const personPage = (viewport: ViewportName): Promise<Page> => rig.page(viewport);

/** Logs in through the API, as a second device would; answers the status. */
async function loginStatus(account: string, password: string): Promise<number> {
  const res = await fetch(`${base()}/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ account, password }),
  });
  return res.status;
}

const checkPage = pageChecks('admin');

describe.each(['phone', 'desktop'] as const)('the accounts page at %s width', (viewport) => {
  it('opens, resets and disables a grid worker’s account', async () => {
    const page = await personPage(viewport);
    page.on('dialog', (d) => void d.accept());
    await logIn(page, base(), 'admin');
    expect(new URL(page.url()).pathname).toBe('/admin');
    await page.locator('#accounts tbody tr[data-account="yiyuan"]').waitFor();
    await checkPage(page, viewport, 'list');

    const id = `li-${viewport}`;
    await page.getByLabel('账号（小写字母、数字、.、_、-）').fill(id);
    await page.getByLabel('姓名', { exact: true }).fill('李红');
    await page.getByLabel('角色', { exact: true }).selectOption('station');
    await page.getByLabel('所属工作站').selectOption('cuicheng-yiyuan-grid');
    await page.getByRole('button', { name: '创建账号' }).click();
    const shown = page.locator('#new-password-value');
    await shown.waitFor();
    const first = (await shown.textContent()) ?? '';
    expect(first.length).toBeGreaterThanOrEqual(10);
    await expect
      .poll(() => page.locator(`#accounts tr[data-account="${id}"]`).textContent())
      .toContain('李红');
    await checkPage(page, viewport, 'created');
    await page.getByRole('button', { name: '我已记下，隐藏密码' }).click();
    expect(await page.locator('#new-password-value').count()).toBe(0);

    // The new worker logs in on their own phone and lands in the station app.
    const worker = await personPage('phone');
    await logIn(worker, base(), id, first);
    expect(new URL(worker.url()).pathname).toBe('/station');
    await worker.getByText('李红').first().waitFor();
    await worker.context().close();

    await page.getByRole('button', { name: `重置密码 ${id}` }).click();
    await page.locator('#new-password-value').waitFor();
    const second = (await page.locator('#new-password-value').textContent()) ?? '';
    expect(second).not.toBe(first);
    expect(await loginStatus(id, first)).toBe(401);
    expect(await loginStatus(id, second)).toBe(200);

    await page.getByRole('button', { name: `停用 ${id}` }).click();
    await expect
      .poll(() => page.locator(`#accounts tr[data-account="${id}"]`).textContent())
      .toContain('已停用');
    expect(await loginStatus(id, second)).not.toBe(200);

    await logOut(page);
    await page.context().close();
  }, 120_000);
});

describe('the create form', () => {
  it('says in plain Chinese what is wrong before sending anything', async () => {
    const page = await personPage('phone');
    await logIn(page, base(), 'admin');
    await page.locator('#accounts tbody tr[data-account="yiyuan"]').waitFor();
    const posts: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/v1/admin/accounts')) posts.push(r.url());
    });
    await page.getByLabel('账号（小写字母、数字、.、_、-）').fill('WangLi');
    await page.getByLabel('姓名', { exact: true }).fill('王丽');
    await page.getByLabel('所属工作站').selectOption('cuicheng-yiyuan-grid');
    await page.getByLabel('初始密码（至少 10 位；留空则自动生成）').fill('short');
    await page.getByRole('button', { name: '创建账号' }).click();
    const notice = page.locator('#notice');
    await expect.poll(() => notice.textContent()).toContain('账号只能用小写字母');
    expect(await notice.textContent()).toContain('初始密码至少 10 位');
    expect(await notice.textContent()).not.toMatch(/regex|正则|string/i);
    expect(posts).toEqual([]);
    expect(await page.locator('#accounts tr[data-account="wangli"]').count()).toBe(0);
    await page.context().close();
  }, 60_000);
});

describe('who may use the accounts page', () => {
  it('sends a dispatcher to the console, and the JSON refuses them', async () => {
    const page = await personPage('desktop');
    await logIn(page, base(), 'dispatcher', undefined, '/admin');
    await page.waitForURL((u) => u.pathname === '/dispatch', { timeout: 30_000 });
    const status = await page.evaluate(async () => (await fetch('/v1/admin/accounts')).status);
    expect(status).toBe(403);
    await page.context().close();
  }, 60_000);
});
