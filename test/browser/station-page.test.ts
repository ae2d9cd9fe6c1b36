// A community worker's morning, in a real browser: log in with the station key, see the new order,
// accept it, record the call, resolve it with the result; and citizens' text stays text.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OrderView } from '../../contracts/views.js';
import { startGateway, type RunningGateway } from '../../src/entry/start-gateway.js';
import { launchChromium } from '../support/chromium.js';
import { fixture, keys } from '../support/test-gateway.js';

let gateway: RunningGateway | undefined;
let browser: Browser | undefined;
const dir = mkdtempSync(join(tmpdir(), 'hg-browser-'));
const base = () => `http://127.0.0.1:${gateway?.port ?? 0}`;
const newPage = async () => {
  if (!browser) throw new Error('browser did not start');
  return browser.newPage();
};

beforeAll(async () => {
  gateway = await startGateway({
    PORT: '0',
    LOG_LEVEL: 'silent',
    GATEWAY_DATA_DIR: dir,
    INTAKE_RATE_PER_MINUTE: '0',
  });
  browser = await launchChromium(); // installs Debian's chromium first when it is missing
}, 600_000);
afterAll(async () => {
  await browser?.close();
  await gateway?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function push(title: string, externalId: string) {
  const res = await fetch(`${base()}/v1/orders`, {
    method: 'POST',
    headers: { authorization: `Bearer ${keys.source}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      ...fixture('01'),
      externalId,
      title,
      urgency: 'normal',
      receivedAt: new Date().toISOString(),
    }),
  });
  return ((await res.json()) as { id: string }).id;
}

describe('the station web page', () => {
  it('lets a grid worker accept, record contact and resolve an order', async () => {
    const id = await push('321楼停电', 'WEB-1');
    const page = await newPage();
    await page.goto(`${base()}/station`);
    await page.fill('#key', keys.station('cuicheng-yiyuan-grid'));
    await page.click('#login-form button[type=submit]');
    await page.getByText('翠城艺园社区网格工作站').waitFor();
    await page.click(`#orders li[data-id="${id}"]`);
    await page.getByRole('button', { name: '签收', exact: true }).click();
    await expect.poll(async () => page.textContent('#state')).toBe('已签收');
    await page.getByRole('button', { name: '办理中' }).click();
    await page.click(`#orders li[data-id="${id}"]`);
    await page.getByRole('button', { name: '已联系诉求人' }).click();
    await expect.poll(async () => page.textContent('#state')).toBe('已联系');
    await page.getByRole('button', { name: '开始办理' }).click();
    await expect.poll(async () => page.textContent('#state')).toBe('办理中');
    await page.fill('textarea[name=result]', '变压器已更换，恢复供电');
    await page.getByRole('button', { name: '办结', exact: true }).click();
    await expect.poll(async () => page.textContent('#state')).toBe('已办结');
    await page.getByRole('button', { name: '已办结' }).click();
    await page.click(`#orders li[data-id="${id}"]`);
    await expect.poll(async () => page.textContent('#state')).toBe('已办结');
    await page.screenshot({
      path: process.env.STATION_SCREENSHOT ?? join(dir, 'station.png'),
      fullPage: true,
    });

    const res = await fetch(`${base()}/v1/orders/${id}`, {
      headers: { authorization: `Bearer ${keys.source}` },
    });
    expect(OrderView.parse(await res.json())).toMatchObject({
      state: 'resolved',
      result: '变压器已更换，恢复供电',
    });
    await page.close();
  }, 60_000);

  it('shows a new order without reloading, and renders citizens’ text as text', async () => {
    const page = await newPage();
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(`${base()}/station`);
    await page.fill('#key', keys.station('cuicheng-yiyuan-grid'));
    await page.click('#login-form button[type=submit]');
    await page.getByText('翠城艺园社区网格工作站').waitFor();
    const hostile = '路灯 "onclick=alert(1) x=\' & <3 <img src=x onerror=alert(1)>';
    const id = await push(hostile, 'WEB-2');
    // Intake strips real tags; whatever text is stored must reach the page as that text, nothing more.
    const stored = OrderView.parse(
      await (
        await fetch(`${base()}/v1/orders/${id}`, {
          headers: { authorization: `Bearer ${keys.admin}` },
        })
      ).json(),
    ).order.title;
    await page.locator(`#orders li[data-id="${id}"]`).waitFor({ timeout: 30_000 }); // arrives by long-poll
    await page.click(`#orders li[data-id="${id}"]`);
    await expect.poll(async () => page.textContent('#detail h2')).toBe(stored);
    expect(stored).toContain('"onclick=alert(1)');
    expect(await page.locator('#detail img').count()).toBe(0);
    expect(dialogs).toEqual([]);
    await page.close();
  }, 60_000);

  it('refuses a key that is not a station’s', async () => {
    const page = await newPage();
    await page.goto(`${base()}/station`);
    await page.fill('#key', keys.auditor);
    await page.click('#login-form button[type=submit]');
    await expect.poll(async () => page.textContent('#error')).toContain('不是网格工作站的密钥');
    expect(await page.isHidden('#app')).toBe(true);
    await page.close();
  }, 30_000);
});
